"""Sanction rules and the agency links they depend on, on short texts written for the tests, with the
real spaCy pipeline and the shipped gazetteer (round 14 of extraction quality). Each test was checked to
fail before the change it covers."""

from __future__ import annotations

from datetime import UTC, datetime

from diplograph.ingest.facts import Facts

PUBLISHED = datetime(2024, 11, 5, tzinfo=UTC)


def pairs(facts: Facts) -> set[tuple[str, str, str | None]]:
    return {(i, t, s.status) for s in facts.sanctions for i in s.imposers for t in s.targets}


def test_a_leader_who_threatens_or_imposes_sanctions_does_so_for_his_state(run) -> None:
    facts = run("Joe Biden spoke to reporters on Friday. He threatened sanctions on Belarus over the forced landing.",
                published=PUBLISHED)
    assert ("Q30", "Q184", "Threatened") in pairs(facts)


def test_firms_in_several_states_and_a_firm_owned_by_a_state_target_those_states(run) -> None:
    facts = run("The State Department designated banks in Iran and Syria for financing militias. "
                "The European Union designated Alrosa and Sovcomflot, Russia's state diamond miner and shipper.",
                published=PUBLISHED)
    found = {(i, t) for i, t, _ in pairs(facts)}
    assert {("Q30", "Q794"), ("Q30", "Q858"), ("Q458", "Q159")} <= found


def test_the_treasury_is_the_agency_of_the_state_the_story_names(run) -> None:
    """A bare "Treasury" in a story naming the United States is the U.S. Treasury, which imposes for the
    United States; a name owning another inside one spaCy entity is still linked; "the House" is no
    White House."""
    facts = run("The United States accused North Korea of selling shells to Russia. The Treasury designated two "
                "Chinese shipping firms on Monday. The Treasury Department's Office of Foreign Assets Control said "
                "more listings would follow. The House voted on the bill later.", published=PUBLISHED)
    treasury = {m.text for m in facts.entities["Q648666"].mentions}
    assert "Treasury" in treasury and any(m.startswith("Treasury Department") for m in treasury)
    assert "Q35525" not in facts.entities
    assert ("Q648666", "Q148") in {(i, t) for i, t, _ in pairs(facts)}
    british = run("Britain's Treasury said on Tuesday that new listings were coming.", published=PUBLISHED)
    assert "Q648666" not in british.entities


def test_its_own_sanctions_are_the_clause_subjects_not_the_nearest_names(run) -> None:
    facts = run("The United States, according to the State Department, has no plans to ease its own sanctions on "
                "Pyongyang. Russia accused NATO of expanding its own presence.", published=PUBLISHED)
    its = sorted((m.start, k) for k, e in facts.entities.items() for m in e.mentions if m.text == "its")
    assert [k for _, k in its] == ["Q30", "Q7184"]
    assert {(i, t) for s in facts.sanctions for i in s.imposers for t in s.targets} == {("Q30", "Q423")}
