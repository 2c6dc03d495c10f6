"""Entities the gazetteer does not know: what kind they are and what they are called.

A user browsing the entities of an article should not meet "his government", an organisation called
"State" or a news agency typed as a place.
"""

from __future__ import annotations


def _by_label(facts) -> dict[str, str]:
    return {e.label: e.kind for e in facts.entities.values()}


def test_a_government_named_by_a_pronoun_is_named_after_its_leader(run):
    facts = run("President Nicolas Maduro addressed supporters in Caracas on Tuesday. Maduro denied that his "
                "government had lost control of the oil company.")
    governments = [e for e in facts.entities.values() if e.kind == "Government"]
    assert [g.label for g in governments] == ["Maduro government"]
    leader = next(e for e in facts.entities.values() if e.kind == "Leader")
    assert governments[0].led_by == leader.key


def test_a_titled_leader_s_government_goes_by_the_surname(run):
    facts = run("Washington tightened its sanctions on Friday. President Nicolas Maduro's government said "
                "the measures were illegal, and Maduro called them an act of war.")
    assert [e.label for e in facts.entities.values() if e.kind == "Government"] == ["Maduro government"]


def test_a_linked_leader_s_government_goes_by_the_name_the_gazetteer_gives(run):
    one = run("Donald Trump's administration announced new tariffs on Monday.")
    other = run("The Trump administration announced new tariffs on Monday.")
    assert {e.key for e in one.entities.values() if e.kind == "Government"} == \
        {e.key for e in other.entities.values() if e.kind == "Government"} != set()


def test_the_state_in_secretary_of_state_is_no_organisation(run):
    facts = run("U.S. Secretary of State Marco Rubio welcomed the decision on Thursday.")
    assert "State" not in _by_label(facts)


def test_a_news_agency_named_beside_its_noun_is_an_organisation(run):
    facts = run("According to the state news agency Xinhua, Xi told Biden that the two countries should "
                "manage their differences.")
    assert _by_label(facts).get("Xinhua") == "Organization"


def test_a_name_in_apposition_to_an_ambassador_is_a_person(run):
    facts = run("Russia's ambassador to the UN, Vassily Nebenzia, argued on Wednesday that the sanctions "
                "had failed.")
    assert _by_label(facts).get("Vassily Nebenzia") == "Person"


def test_a_name_listed_with_persons_is_a_person(run):
    facts = run("Argentina's Alberto Fernandez, Colombia's Gustavo Petro, Chile's Gabriel Boric and others "
                "attended the meeting in Brasilia on Tuesday.")
    assert _by_label(facts).get("Gustavo Petro") in ("Person", "Leader")


def test_a_person_named_before_and_tagged_otherwise_later_is_the_same_person(run):
    facts = run("Brazilian President Luiz Inacio Lula da Silva arrived on Monday. Ramaphosa opened the plenary, "
                "flanked by Brazil's Luiz Inacio Lula da Silva, India's Narendra Modi and China's Xi Jinping.")
    lula = [e for e in facts.entities.values() if "Lula" in e.label]
    assert [(e.kind, len(e.mentions)) for e in lula] == [("Leader", 2)]


def test_a_name_in_apposition_to_a_chairperson_is_a_person(run):
    facts = run("The African Union Commission chairperson, Moussa Faki Mahamat, welcomed the move on Monday.")
    assert _by_label(facts).get("Moussa Faki Mahamat") == "Person"
