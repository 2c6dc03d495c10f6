"""Claim and entity rules for the North Korea / US-Russia diplomacy domain, on short texts written for
the tests, with the real spaCy pipeline and the shipped gazetteer (round 13 of extraction quality).

Each test states one modelling choice (see the docstrings of ingest/claims.py and entities.py) and was
checked to fail before the change it covers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from diplograph.ingest.facts import Facts


def claimants_of(facts: Facts, phrase: str) -> list[str]:
    """The claimant keys of every claim whose text holds ``phrase``."""
    return [c.claimant for c in facts.claims if phrase in c.text]


def test_a_woman_the_gazetteer_knows_is_she_and_never_him(run) -> None:
    # Choe Son Hui's gender comes from the facts' kfam file: "him" is Ri, "She" is Choe.
    facts = run("Foreign Minister Ri Yong Ho spoke first. Choe Son Hui, who stood behind him, spoke later. "
                "She said the Americans had wasted a rare chance.")
    assert claimants_of(facts, "wasted a rare chance") == ["Q30436217"]
    assert "him" in {m.text for m in facts.entities["Q12594422"].mentions}


def test_the_president_is_the_leader_the_text_titles_so(run) -> None:
    # Kim is a head of state in the gazetteer and named last, but only Trump is called "President".
    facts = run("U.S. President Donald Trump flew to Hanoi to meet North Korean leader Kim Jong Un. "
                "Trump said Kim had asked for too much. "
                "\"We had to leave,\" the president said.")
    assert claimants_of(facts, "We had to leave") == ["Q22686"]


def test_the_american_president_is_the_one_in_office_and_an_american_president_is_no_one(run) -> None:
    facts = run("Donald Trump met Vladimir Putin in 2018. Joe Biden met him in Geneva on Wednesday. "
                "The American president warned that the costs would be severe. "
                "No deal was ever signed by an American president in Geneva.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    assert claimants_of(facts, "the costs would be severe") == ["Q6279"]
    assert "an American president" not in {m.text for e in facts.entities.values() for m in e.mentions}
    assert "American president" in {m.text for m in facts.entities["Q6279"].mentions}


def test_rejecting_a_bare_charge_or_calling_a_relative_pronoun_is_no_claim(run) -> None:
    facts = run("Washington says Pyongyang sold shells to Moscow. North Korea denies the accusation. "
                "Kim Yo Jong dismissed the reports as fiction. "
                "Ri Yong Ho praised the summit, which he called a turning point.")
    texts = [c.text for c in facts.claims]
    assert not any(t.strip() == "the accusation" for t in texts)
    assert not any("which" in t and "turning point" in t for t in texts)
    assert claimants_of(facts, "the reports as fiction") == ["Q4330912"]  # a noun with "as": a claim


def test_pompeo_links_and_so_does_the_vladivostok_summit_venue(run) -> None:
    # Link policy: ratchet-mcp's Secretaries of State agree with GoS wherever both give one; the
    # facts' 2019 Russia-North Korea summit row gives Vladivostok's QID.
    facts = run("Secretary of State Mike Pompeo said the talks in Vladivostok changed nothing. "
                "Vladimir Putin met Kim Jong Un in Vladivostok on April 25, 2019.")
    assert claimants_of(facts, "changed nothing") == ["Q473239"]
    assert "Q959" in facts.entities


def test_an_office_placed_in_a_capital_speaks_for_its_state(run) -> None:
    facts = run("The presidential office in Seoul said the launch was a grave provocation.")
    assert claimants_of(facts, "a grave provocation") == ["Q884"]


def test_a_name_interrupted_by_a_participle_is_the_cues_subject(run) -> None:
    facts = run("Putin, asked whether he trusted the American side, said Moscow had kept every promise.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "kept every promise" in c.text]
    assert claim.claimant == "Q7747" and "asked" not in claim.text


def test_a_that_clause_hung_on_the_cues_adverbial_participle_is_its_content(run) -> None:
    facts = run("Joe Biden told reporters after leaving the villa that Putin had no interest in a new Cold War.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    assert claimants_of(facts, "Putin had no interest in a new Cold War") == ["Q6279"]


def test_a_cue_set_off_by_commas_in_unquoted_speech_says_the_whole_sentence(run) -> None:
    facts = run("Kim Yo Jong issued a statement on Tuesday. The offer, she added, was an insult to the North.")
    assert claimants_of(facts, "The offer was an insult to the North") == ["Q4330912"]


def test_what_he_called_inside_a_claim_leaves_the_label_and_not_the_speaker(run) -> None:
    facts = run("Secretary of State Mike Pompeo said the aim was to end what he called Iran's reckless adventurism.")
    [claim] = claims = [c for c in facts.claims if "adventurism" in c.text]
    assert len(claims) == 1 and claim.claimant == "Q473239"
    assert "what he called" not in claim.text and "Q473239" not in claim.about


def test_kims_sister_is_the_sibling_the_gazetteer_records(run) -> None:
    # kfam's family links: Kim Yo-jong is Kim Jong Un's sibling, and a woman.
    facts = run("North Korean leader Kim Jong Un watched the launch. Kim's sister said the drills were a rehearsal "
                "for invasion.")
    assert claimants_of(facts, "a rehearsal for invasion") == ["Q4330912"]


def test_a_name_closing_a_fronted_phrase_with_its_apposition_is_the_subject(run) -> None:
    facts = run("In a statement carried by state media, Choe Son Hui, the leader's top diplomat, rejected the "
                "offer and said Washington had lied.", published=datetime(2023, 3, 1, tzinfo=UTC))
    assert claimants_of(facts, "Washington had lied") == ["Q30436217"]


def test_the_north_and_the_south_are_the_korea_the_story_names_and_its_pair(run) -> None:
    facts = run("North Korea fired two missiles on Sunday. Officials said the North wanted to test the South's "
                "defences.")
    [claim] = [c for c in facts.claims if "wanted to test" in c.text]
    assert {"Q423", "Q884"} <= set(claim.about)


def test_a_subjectless_second_complement_without_a_comma_stays_in_the_content(run) -> None:
    # The small model splits "the drills ... proved that ..." into two complements of "said".
    facts = run("A ministry spokesman said the joint military drills the United States and South Korea plan to "
                "start next week proved that Washington had no intention of dropping its hostile policy.")
    [claim] = facts.claims
    assert "Washington had no intention of dropping its hostile policy" in claim.text


def test_her_country_is_the_speakers_state(run) -> None:
    facts = run("Kim Yo Jong said her country would never give up its nuclear weapons.")
    [claim] = facts.claims
    assert claim.claimant == "Q4330912" and claim.about == ["Q423"]


def test_the_secretary_of_state_and_the_foreign_minister_are_the_office_holders_named_before(run) -> None:
    facts = run("Mike Pompeo met Kim Yong Chol in New York. The U.S. secretary of state said the talks had gone "
                "well. North Korean Foreign Minister Ri Yong Ho spoke later. The foreign minister said the offer "
                "would not change.")
    assert claimants_of(facts, "the talks had gone well") == ["Q473239"]
    assert claimants_of(facts, "the offer would not change") == ["Q12594422"]


def test_a_second_cue_after_a_trailing_attribution_continues_the_fronted_speaker(run) -> None:
    facts = run("China's foreign ministry rejected the report as a smear, Xinhua reported, and said the "
                "sanctions were illegal.")
    [claim] = [c for c in facts.claims if "the sanctions were illegal" in c.text]
    assert facts.entities[claim.claimant].government_of == "Q148"


def test_officials_in_a_capital_are_the_states_people_not_a_place(run) -> None:
    facts = run("Officials in Washington concede that Pyongyang has ignored every message. "
                "Donald Trump met Kim Jong Un in Singapore.")
    assert "Q61" not in facts.entities and "Washington" in {m.text for m in facts.entities["Q30"].mentions}


def test_told_a_briefing_that_is_a_content_clause_not_a_relative_one(run) -> None:
    facts = run("Foreign Minister Wang Yi told a regular press briefing that Beijing opposed unilateral sanctions.")
    assert claimants_of(facts, "Beijing opposed unilateral sanctions") == ["Q701801"]


def test_a_spokesman_for_someone_speaks_for_them(run) -> None:
    facts = run("A spokesman for the Kremlin said the summit in Helsinki had been useful.")
    assert claimants_of(facts, "had been useful") == ["Q159"]


def test_the_presidential_office_in_a_capital_is_the_state_but_a_foreign_embassy_there_is_not(run) -> None:
    facts = run("The presidential office in Seoul said the launch was a provocation. "
                "The U.S. embassy in Beijing said it would stay open.")
    assert "Q8684" not in facts.entities and "Seoul" in {m.text for m in facts.entities["Q884"].mentions}
    assert "Q956" in facts.entities  # Beijing, where the embassy is


def test_said_in_a_statement_that_is_the_cues_content_when_hung_on_the_statement(run) -> None:
    facts = run("Kim Yo Jong, the sister of North Korean leader Kim Jong Un, said in a statement that Seoul was "
                "a puppet of Washington.")
    assert claimants_of(facts, "Seoul was a puppet of Washington") == ["Q4330912"]


def test_an_attitude_in_a_because_clause_of_a_reported_clause_is_the_sources_reasoning(run) -> None:
    facts = run("Victor Cha said Pyongyang would not walk away from talks, because it still hopes Trump will "
                "lift the sanctions.")
    assert [c.claimant for c in facts.claims] == ["victor-cha"]


def test_a_described_source_opening_its_sentence_is_labelled_as_anywhere_else(run) -> None:
    """'Analysts' at a sentence's start and 'analysts' inside one are one group with one label; a
    proper word keeps its capital ('Western diplomats')."""
    facts = run("Analysts said the talks in Hanoi had failed. Later, some analysts said Kim would return to "
                "the table. Western diplomats said sanctions would stay.")
    labels = {facts.entities[c.claimant].label for c in facts.claims}
    assert labels == {"analysts", "Western diplomats"}


# --- round 14: pronoun and described claimants, cue words inside contents, reporting participles ------------
def test_they_as_a_claimant_is_the_plural_source_named_before_it(run) -> None:
    """'they' stands for the nearest plural subject before it (a described group, a coordination of
    names); a plural subject that is no source ("The measures bite") makes no claimant of it, and a
    colon closes the clause before the cue."""
    facts = run("European diplomats see a familiar pattern. Whenever pressure on Moscow grows, they argue, the "
                "Kremlin offers talks. Emmanuel Macron and Olaf Scholz signed a joint letter on Monday. Sanctions on "
                "Russia must stay until the war ends, they wrote. The new measures bite hard. They say little about "
                "the war. Seoul's negotiators are hopeful: they argue that talks could resume in the spring.",
                published=datetime(2023, 5, 2, tzinfo=UTC))
    [diplomats] = claimants_of(facts, "the Kremlin offers talks")
    assert facts.entities[diplomats].label == "European diplomats"
    assert claimants_of(facts, "must stay until the war ends") == ["Q3052772"]
    assert claimants_of(facts, "little about the war") == []
    [claim] = [c for c in facts.claims if "talks could resume" in c.text]
    assert "hopeful" not in claim.text


def test_cue_words_that_report_nothing_stay_inside_the_content(run) -> None:
    """A passive ("until everything is agreed"), an infinitive of what there is ("nothing to add"), and
    the verb of an act ("offers Washington a summit", "had called Seoul") are words of the claim, not
    claims of their own."""
    facts = run("Dmitry Peskov said the Kremlin had nothing to add to the president's remarks. "
                "Joe Biden conceded that nothing is settled until everything is agreed. "
                "Western diplomats argue that Moscow offers Washington a summit whenever pressure grows. "
                "Yoon Suk Yeol said the drills were the only reason Kim Jong Un had called Seoul that week.",
                published=datetime(2023, 5, 2, tzinfo=UTC))
    texts = " | ".join(c.text for c in facts.claims)
    for words in ("nothing to add to the president's remarks", "until everything is agreed",
                  "offers Washington a summit whenever pressure grows", "Kim Jong Un had called Seoul"):
        assert words in texts


def test_people_familiar_one_of_them_and_the_official_are_the_described_sources_named_before(run) -> None:
    facts = run("According to people familiar with the negotiations, Lavrov refused to budge. "
                "A senior European official briefed reporters on Friday. The deal is dead, the official said. "
                "Two American officials said Trump was losing patience. The sanctions, one of them said, were a "
                "warning. One Asian ambassador said the meeting had been a waste of time.",
                published=datetime(2025, 10, 24, tzinfo=UTC))

    def label(phrase: str) -> str:
        [key] = claimants_of(facts, phrase)
        return facts.entities[key].label

    assert label("Lavrov refused to budge") == "people familiar with the negotiations"
    assert label("The deal is dead") == "senior European official"
    assert label("were a warning") == label("losing patience") == "American officials"
    assert label("a waste of time") == "Asian ambassador"


def test_he_continues_the_reporter_and_not_a_speaker_inside_the_report(run) -> None:
    facts = run("Moon Jae-in said the sanctions were the only reason Kim Jong Un had called Donald Trump. "
                "He believes pressure works.")
    assert claimants_of(facts, "pressure works") == ["Q21001"]


def test_a_reporting_participle_hung_on_the_reported_clause_is_the_reporters(run) -> None:
    facts = run("Antony Blinken warned that Beijing should be worried, saying the war now had an Asian dimension.",
                published=datetime(2024, 10, 24, tzinfo=UTC))
    assert claimants_of(facts, "an Asian dimension") == ["Q7821917"]


def test_a_relative_cue_followed_by_an_auxiliary_says_the_rest_of_the_antecedent(run) -> None:
    # The small model hangs "have helped" on the main verb, leaving "says" without a complement.
    facts = run("The European Union adopted new sanctions on Monday. For the first time, it also names three Chinese "
                "shipping firms and a bank that the bloc says have helped Russia buy drone parts.",
                published=datetime(2024, 6, 25, tzinfo=UTC))
    assert claimants_of(facts, "have helped Russia buy drone parts") == ["Q458"]


def test_a_briefing_transcripts_honorific_label_gives_the_briefers_turn(run) -> None:
    """'MR. PRICE:' opens a turn of the official briefer the article names; an interviewee's bare name
    label stays the article's own account."""
    facts = run("State Department spokesman Ned Price took questions on Monday. Analyst Wei Lin also spoke.\n\n"
                "QUESTION: Is Russia moving troops to the border?\n\n"
                "MR. PRICE: We see a large buildup along the border with Ukraine.\n\n"
                "Lin: The buildup is a bluff.", published=datetime(2022, 1, 25, tzinfo=UTC))
    [price] = claimants_of(facts, "We see a large buildup along the border")
    assert facts.entities[price].label == "Ned Price"
    assert claimants_of(facts, "a bluff") == []


def test_calling_something_a_quoted_label_says_the_label_of_that_thing(run) -> None:
    """'called the new U.S. sanctions "an unfriendly act"': the object is part of what is claimed (and
    what the claim is about), not only the quoted words."""
    facts = run('Vladimir Putin called the new U.S. sanctions "an unfriendly act" on Thursday.',
                published=datetime(2025, 10, 23, tzinfo=UTC))
    [claim] = facts.claims
    assert claim.text == "the new U.S. sanctions an unfriendly act" and claim.about == ["Q30"]


def test_a_person_whose_government_speaks_is_a_leader_and_the_government_a_claimant(run) -> None:
    facts = run("In Caracas, Nicolas Maduro's government dismissed the new U.S. sanctions as economic aggression.",
                published=datetime(2025, 3, 4, tzinfo=UTC))
    [claim] = facts.claims
    government = facts.entities[claim.claimant]
    assert government.kind == "Government" and facts.entities[government.led_by].kind == "Leader"


def test_a_name_hyphened_to_a_known_person_is_that_person_too(run) -> None:
    facts = run("Donald Trump met Kim Jong Un in 2019. Seoul's negotiators argue that a Trump-Kim meeting could "
                "happen again next year.", published=datetime(2025, 11, 1, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "Trump-Kim meeting" in c.text]
    assert {"Q22686", "Q56226"} <= set(claim.about)


@pytest.mark.parametrize("text, group", [
    ("Skeptics argued that the deal gave away too much to Pyongyang.", "skeptics"),
    ("Defenders of the treaty say that it kept the peace in Europe for a generation.", "defenders"),
    ("Sceptics warned that the talks in Geneva would collapse.", "sceptics"),
    ("Hawks in Washington insisted that the sanctions must stay.", "hawks"),
])
def test_skeptics_and_hawks_are_described_sources(run, text: str, group: str) -> None:
    facts = run(text)
    assert [facts.entities[c.claimant].label.lower().split()[0] for c in facts.claims] == [group]


def test_an_it_reporting_for_a_state_or_body_is_that_speaker_not_a_noun_before(run) -> None:
    """'..., and Russia's foreign ministry said it would treat ...': 'it' is the ministry speaking, not
    Washington, which coreference would take; the claim is not about the United States. (A pronoun for
    the speaker stays in what the claim is about, as the seed's gold has it: 'Trump's view that he alone
    ...' is about Trump.)"""
    facts = run("Washington walked away from the accord in 2018, and Russia's foreign ministry said it would "
                "treat the old resolutions as expired.", published=datetime(2025, 9, 29, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "as expired" in c.text]
    assert "Q30" not in claim.about and "Q159" in claim.about  # the ministry speaking of itself: Russia


def test_a_reports_authors_and_rights_groups_are_described_sources(run) -> None:
    """'Its authors say ...', 'rights groups say ...': plural described sources like 'analysts'."""
    facts = run("Eleven states published a report on North Korea on Monday. Its authors say Russia has sent "
                "fuel to North Korea. Rights groups say the border camps are full.",
                published=datetime(2025, 6, 2, tzinfo=UTC))
    labels = {facts.entities[c.claimant].label.lower() for c in facts.claims}
    assert {"authors", "rights groups"} <= labels


def test_said_that_x_and_that_y_is_two_claims_each_about_what_it_names(run) -> None:
    """'Peskov said Russia had no problem with the talks and that Minsk remained Moscow's closest ally': two
    propositions; the first is not about Belarus, the second (without its 'that') not about the talks. A
    contrast with 'but that' stays one claim."""
    facts = run("Kremlin spokesman Dmitry Peskov said Russia had no problem with the new talks and that "
                "Minsk remained Moscow's closest ally.", published=datetime(2025, 12, 13, tzinfo=UTC))
    first, second = sorted(facts.claims, key=lambda c: c.content[0].start)
    assert first.text == "Russia had no problem with the new talks" and first.about == ["Q159"]
    assert second.text == "Minsk remained Moscow's closest ally" and set(second.about) == {"Q184", "Q159"}
    contrast = run("Sergey Lavrov said the talks had gone well but that Russia would judge Washington by its "
                   "actions.", published=datetime(2021, 6, 17, tzinfo=UTC))
    assert len(contrast.claims) == 1


def test_a_transcript_speakers_i_and_we_are_the_speaker(run) -> None:
    """'Wang Wenbin: ... We believe that ...': in a briefing transcript the spokesperson's "we" and "I"
    are the spokesperson, not the author; in plain prose they are still the author's own voice."""
    transcript = run("Wang Wenbin: Good afternoon.\n\nBloomberg: Will China respond to the tariffs?\n\n"
                     "Wang Wenbin: We believe that the tariffs break trade rules. I want to stress that China "
                     "will defend its interests.", published=datetime(2024, 5, 15, tzinfo=UTC))
    speaker = {c.claimant for c in transcript.claims if "tariffs break trade rules" in c.text
               or "China will defend its interests" in c.text}
    assert len(speaker) == 1 and transcript.entities[speaker.pop()].label == "Wang Wenbin"
    prose = run("We believe that the tariffs break trade rules.", published=datetime(2024, 5, 15, tzinfo=UTC))
    assert not prose.claims


def test_pointed_out_and_hinted_report_a_claim(run) -> None:
    """'Xi pointed out that ...', 'Officials have hinted that ...' (a hedged claim) report; 'pointed to the
    map' says nothing."""
    facts = run("Xi Jinping pointed out that trade between the two countries had grown. U.S. officials have "
                "hinted that new tariffs could follow. Putin pointed to the map.",
                published=datetime(2024, 5, 15, tzinfo=UTC))
    assert claimants_of(facts, "trade between the two countries had grown") == ["Q15031"]
    hinted = [c for c in facts.claims if "new tariffs could follow" in c.text]
    assert len(hinted) == 1 and hinted[0].modality == "Hedged"
    assert not any(c.claimant == "Q7747" for c in facts.claims)


def test_a_government_speaking_of_itself_is_about_its_state(run) -> None:
    """'Japan's foreign ministry said it would ...': the ministry's 'it' is Japan among the claim's topics,
    as the ministry's claims are Japan's."""
    facts = run("Japan's foreign ministry said it would summon the Chinese ambassador.",
                published=datetime(2024, 5, 15, tzinfo=UTC))
    claim = next(c for c in facts.claims if "summon the Chinese ambassador" in c.text)
    assert "Q17" in claim.about


def test_the_two_presidents_agreeing_is_a_claim_of_each(run) -> None:
    """'The two presidents agreed that ...' after a sentence naming both: a claim of each leader; 'both
    sides said ...' of each one's state, not of the two states named last (Taiwan); a pair the text has
    not named is no one."""
    leaders = run("Xi Jinping spoke to Joe Biden by phone on Tuesday. The two presidents agreed that their teams "
                  "would keep in close contact.", published=datetime(2024, 4, 3, tzinfo=UTC))
    assert sorted(claimants_of(leaders, "keep in close contact")) == ["Q15031", "Q6279"]
    sides = run("Joe Biden met Xi Jinping in Woodside. Taiwan's election might test the truce. Both sides said "
                "that talks on trade would continue.", published=datetime(2023, 11, 16, tzinfo=UTC))
    assert sorted(claimants_of(sides, "talks on trade would continue")) == ["Q148", "Q30"]
    unnamed = run("The two countries agreed that trade should grow.", published=datetime(2025, 5, 12, tzinfo=UTC))
    assert not unnamed.claims


def test_a_report_speaks_for_whoever_wrote_or_owns_it(run) -> None:
    """'A report by the International Atomic Energy Agency said ...', 'The panel's final report found
    that ...': a report, study or review reports for its author or owner, kept in the article's words
    when they are no entity; 'found that' reports, 'found a way' does not."""
    facts = run("A report by the International Atomic Energy Agency said that Iran had enriched uranium to 60 "
                "percent. The panel's final report found that the hackers had stolen $3 billion. Russia found a "
                "way around the price cap.", published=datetime(2024, 5, 15, tzinfo=UTC))
    assert claimants_of(facts, "enriched uranium to 60 percent") == ["Q41984"]
    [panel] = claimants_of(facts, "stolen $3 billion")
    assert "panel" in facts.entities[panel].label
    assert len(facts.claims) == 2


def test_its_concerns_in_a_governments_claim_are_its_states(run) -> None:
    """'Olaf Scholz's government said the final text met its concerns': an 'its' nothing else claims, on
    what a state holds (concerns, interests), is the speaker's, so the claim is about Germany; 'its terms'
    of a deal is not."""
    facts = run("Chancellor Olaf Scholz's government said on Friday that the final text met its concerns.",
                published=datetime(2024, 6, 24, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "met its concerns" in c.text]
    assert "Q183" in claim.about


def test_their_meeting_in_a_leaders_claim_is_the_pair_he_belongs_to(run) -> None:
    """'Xi Jinping spoke with Joe Biden ... Xi noted that since their meeting in San Francisco the
    relationship had stabilised': the claim is about both leaders."""
    facts = run("Xi Jinping spoke with Joe Biden by phone on Tuesday. Xi noted that since their meeting in "
                "San Francisco the relationship had begun to stabilise.", published=datetime(2024, 4, 3, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "begun to stabilise" in c.text]
    assert {"Q15031", "Q6279"} <= set(claim.about)


def test_an_infinitive_missing_the_object_a_relative_clause_took_is_no_claim(run) -> None:
    """'the tankers Russia had hoped to use': what was wanted of the tankers is no proposition; 'Russia had
    hoped to use the tankers' is a hope of Russia's."""
    facts = run("The sanctions scared off most of the tankers Russia had hoped to use. Russia had hoped to use "
                "the tankers all winter.", published=datetime(2024, 6, 24, tzinfo=UTC))
    assert [c.text for c in facts.claims] == ["to use the tankers all winter"]


def test_an_attitude_adjective_ascribes_its_clause_to_the_subject(run) -> None:
    """'Washington is concerned that ...' (Hedged), 'The Kremlin made it clear that ...' (Asserted), 'Trump
    was not sure that ...' (a doubt, Hedged): the subject holds the that-clause; 'It is clear that ...' and
    the author's 'We are confident that ...' are no one's."""
    facts = run("Washington is increasingly concerned that Beijing could arm Moscow. The Kremlin made it clear "
                "that it would not negotiate. Donald Trump was not sure that Kim Jong-un would come. It is clear "
                "that the sanctions have failed. We are confident that the talks will succeed.",
                published=datetime(2024, 5, 15, tzinfo=UTC))
    found = {c.text: (c.claimant, c.modality) for c in facts.claims}
    assert found == {"Beijing could arm Moscow": ("Q30", "Hedged"), "it would not negotiate": ("Q159", "Asserted"),
                     "Kim Jong-un would come": ("Q22686", "Hedged")}


def test_in_a_holders_view_frames_the_clause_as_their_claim(run) -> None:
    """'In Beijing's view, the sanctions are illegal': the fronted phrase makes the clause China's claim."""
    facts = run("In Beijing's view, the American sanctions are illegal.", published=datetime(2024, 5, 15, tzinfo=UTC))
    assert [(c.claimant, c.text) for c in facts.claims] == [("Q148", "the American sanctions are illegal")]


def test_he_after_a_sentence_about_a_leaders_reading_continues_that_leader(run) -> None:
    # The subject two sentences back (Merkel) is not whom "He" continues: the sentence just before
    # is about Macron's assessment, and its owner is the one who goes on speaking.
    facts = run("Angela Merkel told Emmanuel Macron in Aachen that the treaty would outlast them both. "
                "Macron's own assessment, given to reporters on the flight home, was carefully balanced. "
                "He said Merkel wanted a common army within a decade.")
    assert claimants_of(facts, "wanted a common army") == ["Q3052772"]


def test_a_turn_label_with_an_aside_still_names_its_speaker(run) -> None:
    """'PRIME MINISTER MODI (through an interpreter): I believe ...': an aside between the name and the
    colon leaves the label naming the speaker, whose "I" then claims."""
    facts = run("Narendra Modi met Benjamin Netanyahu in Jerusalem.\n\n"
                "PRIME MINISTER MODI (through an interpreter): I believe our farmers can learn a great deal "
                "from Israel. Water is the key.", published=datetime(2017, 7, 5, tzinfo=UTC))
    assert claimants_of(facts, "farmers can learn a great deal") == ["Q1058"]


def test_some_in_a_seat_of_power_speak_for_its_state(run) -> None:
    """'Some in the Kremlin hope ...': people placed in a state's seat of power or capital hold the
    state's view; a bare "Some" still continues the group named before."""
    facts = run("Vladimir Putin will meet Donald Trump in Alaska on Friday. Some in the Kremlin quietly hope "
                "that the meeting could ease the sanctions. Many in Tokyo fear that Japan will be left out. "
                "Analysts were divided. Some said the summit was premature.")
    assert claimants_of(facts, "could ease the sanctions") == ["Q159"]
    assert claimants_of(facts, "Japan will be left out") == ["Q17"]
    assert claimants_of(facts, "the summit was premature") == ["analysts"]


def test_a_belief_infinitive_of_a_noun_and_a_trailing_comment_noun_frame_no_claim(run) -> None:
    """'said he saw no reason to think X, a comment he retracted': the infinitive belongs to "reason" (no
    one else reports X), and the comment noun after the comma is the author's aside, however parsed."""
    first = run("In Helsinki, Donald Trump stood next to Vladimir Putin and said he saw no reason to think Russia "
                "had hacked the election, a comment he retracted the next day.")
    second = run("Donald Trump met Vladimir Putin and said he saw no reason to think Russia had meddled in the "
                 "campaign, a claim he softened a day later.")
    assert [c.text for c in first.claims if c.claimant == "Q22686"] == \
        ["he saw no reason to think Russia had hacked the election"]
    assert [c.text for c in second.claims if c.claimant == "Q22686"] == \
        ["he saw no reason to think Russia had meddled in the campaign"]


def test_a_second_that_clause_the_parse_coordinates_with_the_cue_is_still_content(run) -> None:
    """'told reporters that X, but that Y': the parse may hang the second that-clause on the cue as a
    coordinate verb; it is still what the source told (one claim: a contrast stays whole)."""
    facts = run("Wang Yi told Chinese reporters afterwards that the visit had been fruitful, but that no "
                "agreement had yet been reached on tariffs.", published=datetime(2024, 5, 15, tzinfo=UTC))
    told = [c.text for c in facts.claims if c.claimant == "Q701801"]
    assert len(told) == 1 and "the visit had been fruitful" in told[0]
    assert "no agreement had yet been reached on tariffs" in told[0]


def test_his_office_after_the_clause_it_reports_speaks_for_that_clauses_subject(run) -> None:
    """'Zelenskiy will travel to Washington for talks with Trump, his office said': "his" is the man the
    reported clause is about, not the last man it names; before its clause, "his" is the usual pronoun."""
    facts = run("Donald Trump met Vladimir Putin in Alaska on Friday. Zelenskiy, who was left out of the "
                "meeting, will fly to Washington on Monday for talks with Trump, his office said on Saturday.")
    speakers = [c.claimant for c in facts.claims if "will fly to Washington" in c.text]
    assert len(speakers) == 1 and facts.entities[speakers[0]].label.endswith(("Zelenskiy", "Zelenskyy", "Zelensky"))


def test_a_that_clause_after_an_aside_set_off_by_commas_is_reported_not_an_attribution(run) -> None:
    """'He stressed, however, that Hungary still rejected ...': a comma before the that-clause does not
    make it the fronted claim of an attribution trailing it ("X rejected Y, KCNA reported")."""
    facts = run("Hungarian Prime Minister Viktor Orban dropped his objection on Monday. He stressed, however, that "
                "Hungary still rejected the oil embargo and would seek an exemption.",
                published=datetime(2022, 6, 1, tzinfo=UTC))
    assert [c.text for c in facts.claims] == ["Hungary still rejected the oil embargo and would seek an exemption"]


def test_a_qa_answer_label_parsed_as_the_subject_leaves_the_real_subject_speaking(run) -> None:
    """'A: Moon Jae-in's office said ...': the parse may take the answer label for the subject and the
    office after the colon for its apposition; the office (its principal) speaks."""
    facts = run("Q: What does Seoul make of it?\nA: South Korean President Moon Jae-in's office said it expected "
                "the trip to speed up a return to nuclear talks.", published=datetime(2019, 1, 10, tzinfo=UTC))
    assert claimants_of(facts, "speed up a return to nuclear talks") == ["Q21001"]


def test_the_speaker_who_hopes_what_the_content_says_holds_the_claim_and_is_no_topic(run) -> None:
    """'Xi said he expected Kim to meet Trump soon': the speaker named again as the one who expects or
    hopes is who holds the claim, not what it is about; 'he and Moon had agreed' names a pair, and 'he
    would visit Seoul' reports no attitude, so the speaker stays a topic there."""
    facts = run("Chinese President Xi Jinping met Kim Jong Un in Beijing on Tuesday. Xi said he expected Kim to "
                "meet Trump again soon. Kim said he and Moon Jae-in had agreed to reopen the liaison office, and "
                "that he would visit Seoul in the spring.", published=datetime(2019, 1, 9, tzinfo=UTC))
    [hope] = [c for c in facts.claims if "meet Trump again soon" in c.text]
    assert hope.claimant == "Q15031" and "Q15031" not in hope.about and {"Q56226", "Q22686"} <= set(hope.about)
    [pair] = [c for c in facts.claims if "reopen the liaison office" in c.text]
    assert {"Q56226", "Q21001"} <= set(pair.about)
    [visit] = [c for c in facts.claims if "visit Seoul" in c.text]
    assert "Q56226" in visit.about


def test_denying_a_deed_says_it_did_not_happen_but_a_refusal_or_a_bare_charge_is_no_claim(run) -> None:
    """'The Kremlin denied any involvement in the detention', 'Putin's denial of any role in the case': a
    deed denied (or anything denied with 'any') is a Denied claim that it happened; 'denied the
    inspectors access' refuses something, and 'denied the charge' points back at a claim made before."""
    facts = run("Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Tehran on Tuesday. "
                "The Kremlin denied any involvement in the detention of the reporter. Putin's denial of "
                "interference in the vote was repeated by his spokesman. Russia denied the inspectors access to "
                "the plant. Iran denied the charge.", published=datetime(2022, 7, 20, tzinfo=UTC))
    denied = {c.text: (c.claimant, c.modality) for c in facts.claims}
    assert denied.get("any involvement in the detention of the reporter") == ("Q159", "Denied")
    assert denied.get("interference in the vote") == ("Q7747", "Denied")
    assert not any("access" in t or t.strip() == "the charge" for t in denied)


def test_a_that_clause_after_at_the_time_is_the_cues_content(run) -> None:
    """'believed at the time that Abe went to Sochi to ...': the parse reads "the time that" as a relative
    clause ("that" for "when"), and may hang the clause's last verb on the cue; the that-clause is what
    the cue reports. In 'said on the day that Kim arrived that ...' the second that-clause is."""
    facts = run("Shinzo Abe met Vladimir Putin in Sochi in May 2018. Diplomats in Tokyo believed at the time that "
                "Abe went to Sochi to test Putin's mood. Japanese officials estimated at the time that the new "
                "curbs would cut about $500 million from the $2 billion Russia earns from seafood each year. "
                "Chinese Foreign Minister Wang Yi said on the day that Kim arrived in Beijing that China welcomed "
                "the visit.", published=datetime(2018, 6, 1, tzinfo=UTC))
    texts = [c.text for c in facts.claims]
    assert "Abe went to Sochi to test Putin's mood" in texts
    assert "the new curbs would cut about $500 million from the $2 billion Russia earns from seafood each year" in texts
    assert "China welcomed the visit" in texts


def test_a_lone_source_noun_with_a_phrase_or_who_clause_saying_which_is_a_described_person(run) -> None:
    """'said a researcher at a think tank near Seoul who studies ...', 'said a Tokyo-based diplomat from
    a Nordic country who ...': the phrase after the noun (or a who-clause, which makes a person of any
    source noun) says which one; a bare 'An official said' stays too vague to keep."""
    facts = run("Kim Jong Un met Xi Jinping in Beijing on Tuesday. \"Kim wants Trump to see that he has options,\" "
                "said a researcher at a university in Seoul who studies North Korea's ties with China. \"Beijing "
                "will not let the talks fail,\" said a Tokyo-based diplomat from a Nordic country who follows the "
                "talks. An official said the trip was planned weeks ago.", published=datetime(2019, 1, 9, tzinfo=UTC))
    speakers = {c.text.rstrip(","): facts.entities[c.claimant].label for c in facts.claims}
    assert speakers.get("Kim wants Trump to see that he has options") == "researcher at a university in Seoul"
    assert speakers.get("Beijing will not let the talks fail") == "Tokyo-based diplomat"
    assert not any("planned weeks ago" in t for t in speakers)


def test_a_relative_pronoun_hung_deep_in_the_reported_clause_still_says_it_of_the_antecedent(run) -> None:
    """'a loophole that diplomats say let Iran buy drone parts': the parse hangs "that" on "buy", below
    the cue's complement "let"; the cue still says the clause of the antecedent."""
    facts = run("The new rules close a loophole that diplomats say let Iran buy drone parts through Dubai.",
                published=datetime(2023, 6, 1, tzinfo=UTC))
    assert [c.text for c in facts.claims] == ["a loophole let Iran buy drone parts through Dubai"]


def test_he_coordinated_with_a_speakers_report_is_that_speaker(run) -> None:
    """'Russia's envoy said Moscow saw no point ..., and he accused Washington of ...': the pronoun subject
    of a reporting verb coordinated with an earlier one is its speaker, not the man the paragraph before
    spoke of ("He repeated ...")."""
    facts = run("China's ambassador Zhang Jun said Beijing opposed new sanctions on North Korea. He repeated a "
                "call for talks. Russia's envoy Vassily Nebenzia said Moscow saw no point in more pressure, and he "
                "accused Washington of wrecking the dialogue.", published=datetime(2022, 5, 27, tzinfo=UTC))
    [accused] = [c for c in facts.claims if "wrecking the dialogue" in c.text]
    assert facts.entities[accused.claimant].label == "Vassily Nebenzia"


def test_a_demand_hung_on_the_reported_clause_is_the_speakers_act_not_content(run) -> None:
    """'said Moscow would not allow ... and urged Kyiv and its backers to return to talks': a past-tense
    demand with no subject of its own is the speaker's act beside the report, so the claim is not about
    whom it urges; 'said Tokyo would urge both sides ...' says the demand and keeps it."""
    facts = run("Russian Foreign Minister Sergei Lavrov said Moscow would not allow a new front in the Baltic and "
                "urged Germany and Poland to return to talks. Japanese Prime Minister Fumio Kishida said Tokyo "
                "would urge both Koreas to resume dialogue.", published=datetime(2023, 5, 2, tzinfo=UTC))
    texts = [c.text for c in facts.claims]
    assert "Moscow would not allow a new front in the Baltic" in texts
    [lavrov] = [c for c in facts.claims if "new front" in c.text]
    assert "Q183" not in lavrov.about and "Q36" not in lavrov.about
    assert any("would urge both Koreas to resume dialogue" in t for t in texts)


def test_both_governments_are_the_states_of_the_two_leaders_just_named(run) -> None:
    """'Both governments rejected reports that ...' after a meeting of two leaders: a claim of each of
    their states, like 'both sides' and 'the two countries'."""
    facts = run("South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Tokyo on "
                "Thursday. Both governments rejected reports that the deal would let Japan send troops to the "
                "peninsula.", published=datetime(2023, 3, 17, tzinfo=UTC))
    rejected = [c for c in facts.claims if "send troops to the peninsula" in c.text]
    assert sorted(c.claimant for c in rejected) == ["Q17", "Q884"]
    assert all(c.modality == "Denied" for c in rejected)


def test_a_place_the_content_names_is_not_what_the_claim_is_about(run) -> None:
    """'Moon said he would meet Kim in Pyongyang in September': the claim is about Kim, not the city where
    they meet; 'Pyongyang insists ...' is North Korea and stays."""
    facts = run("South Korean President Moon Jae-in met Kim Jong Un at Panmunjom. Moon said he would meet Kim in "
                "Pyongyang in September. Moon said Pyongyang had agreed to close its test site.",
                published=datetime(2018, 5, 2, tzinfo=UTC))
    [meet] = [c for c in facts.claims if "in September" in c.text]
    assert "Q56226" in meet.about and "Q18808" not in meet.about
    [agreed] = [c for c in facts.claims if "close its test site" in c.text]
    assert "Q423" in agreed.about


def test_a_quote_inside_the_cues_infinitive_gives_the_whole_infinitive(run) -> None:
    """'Xi promised to visit Pyongyang "at an early date"': the quoted words are a piece of what Xi said he
    would do; the content is the infinitive with them, not the bare quote."""
    facts = run("Chinese President Xi Jinping met Kim Jong Un in Beijing. Xi promised to visit Pyongyang \"at an "
                "early date\", state media said.", published=datetime(2019, 1, 10, tzinfo=UTC))
    [promise] = [c for c in facts.claims if c.claimant == "Q15031"]
    assert "visit Pyongyang" in promise.text and "at an early date" in promise.text


def test_a_question_under_whether_is_no_claim(run) -> None:
    """'Asked whether he believed Kim would come, Trump smiled', 'The Kremlin has not said whether Putin
    will attend': a whether-clause asks, it states nothing anyone holds; 'said that if ... , Moscow would
    respond' and 'did not know whether ...' still state something."""
    facts = run("Donald Trump met Vladimir Putin in Helsinki. Asked whether he believed Kim would come to "
                "Washington, Trump smiled. The Kremlin has not said whether Putin will attend the summit. "
                "Lavrov said that if the talks failed, Moscow would respond. Trump said he did not know whether "
                "Kim would come.", published=datetime(2018, 7, 17, tzinfo=UTC))
    texts = [c.text for c in facts.claims]
    assert not any("Kim would come to Washington" in t or "will attend the summit" in t for t in texts)
    assert "if the talks failed, Moscow would respond" in texts
    assert "he did not know whether Kim would come" in texts


def test_a_comment_noun_in_apposition_after_the_claim_is_the_authors_aside(run) -> None:
    """'..., a move widely read as a warning to Beijing': the author sums up what the source said; the
    claim ends before it and is not about the state the aside names."""
    facts = run("Japanese Prime Minister Fumio Kishida said Japan would double its defence budget by 2027, a move "
                "widely read in Tokyo as aimed at China.", published=datetime(2022, 12, 17, tzinfo=UTC))
    [claim] = facts.claims
    assert claim.text == "Japan would double its defence budget by 2027" and "Q148" not in claim.about


def test_a_state_named_twice_by_demonyms_is_about_it_once(run) -> None:
    """'most South Koreans wanted better ties with Japanese firms': each state the content names is one
    topic, however many demonym words name it."""
    facts = run("South Korean President Yoon Suk Yeol met Fumio Kishida. Yoon said most South Koreans wanted "
                "better ties with Japanese firms.", published=datetime(2023, 3, 17, tzinfo=UTC))
    [claim] = facts.claims
    assert sorted(claim.about) == sorted(set(claim.about)) and {"Q884", "Q17"} <= set(claim.about)


def test_its_in_a_clause_whose_it_is_the_speaker_is_the_speakers(run) -> None:
    """'..., and Tehran has said that it will not give up its enrichment programme': "it" is the speaker
    (Iran), and so is "its", though coreference would take the states named before."""
    facts = run("But France and Germany have argued that the measures should stay in force, and Tehran has said "
                "that it will not give up its enrichment programme.", published=datetime(2020, 1, 10, tzinfo=UTC))
    [claim] = [c for c in facts.claims if "enrichment programme" in c.text]
    assert claim.claimant == "Q794" and claim.about == ["Q794"]


def test_accusing_someone_of_one_thing_and_of_another_is_two_claims(run) -> None:
    """'accused Iran of arming the Houthis, including through ..., and of shielding ...': two charges,
    each a claim with the accused, about what each names."""
    facts = run("U.S. Ambassador Linda Thomas-Greenfield accused Iran of arming the Houthis in Yemen, including "
                "through shipments by sea, and of shielding Russia from the sanctions.",
                published=datetime(2023, 3, 1, tzinfo=UTC))
    texts = sorted(c.text for c in facts.claims)
    assert texts == ["Iran of arming the Houthis in Yemen, including through shipments by sea",
                     "Iran of shielding Russia from the sanctions"]
    [second] = [c for c in facts.claims if "shielding" in c.text]
    assert "Q159" in second.about and "Q805" not in second.about


def test_a_hope_the_speaker_holds_inside_the_content_is_hedged(run) -> None:
    """'Moon said he hoped the meeting would ...' is Moon's hope, Hedged as 'Moon hoped ...' is; 'Moon
    said he had invited Kim' stays Asserted."""
    facts = run("South Korean President Moon Jae-in met Kim Jong Un at Panmunjom. Moon said he hoped the meeting "
                "would lead to talks with Washington. Moon said he had invited Kim to Seoul.",
                published=datetime(2018, 5, 27, tzinfo=UTC))
    modality = {c.text: c.modality for c in facts.claims}
    assert modality.get("he hoped the meeting would lead to talks with Washington") == "Hedged"
    assert modality.get("he had invited Kim to Seoul") == "Asserted"


def test_a_second_that_clause_whose_verb_is_a_cue_word_stays_content(run) -> None:
    """'said he hoped the talks would succeed, and that Washington would respond positively to ...':
    'respond' is a cue word, but opened by its 'that' it is a clause the source says, no attribution set
    off like '..., she added, ...'; it is the second of two claims."""
    facts = run("Chinese President Xi Jinping met Kim Jong Un in Beijing. Xi said he hoped the talks would succeed, "
                "and that Washington would respond positively to Pyongyang's security concerns.",
                published=datetime(2019, 1, 10, tzinfo=UTC))
    texts = [c.text for c in facts.claims if c.claimant == "Q15031"]
    assert "Washington would respond positively to Pyongyang's security concerns" in texts


def test_a_state_in_a_persons_appositive_title_is_not_a_topic(run) -> None:
    """'Stephen Biegun, the special representative for North Korea, would lead the American team': North
    Korea is part of the envoy's title here, not what the claim is about; the relative clause in 'Kim,
    who leads North Korea, wanted a deal' says something of North Korea and keeps it."""
    facts = run("Donald Trump met Kim Jong Un at Panmunjom. Mike Pompeo said Stephen Biegun, the special "
                "representative for North Korea, would lead the American team. Trump said Kim Jong Un, who leads "
                "North Korea, wanted a deal.", published=datetime(2019, 7, 1, tzinfo=UTC))
    [team] = [c for c in facts.claims if "American team" in c.text]
    assert "Q423" not in team.about
    [deal] = [c for c in facts.claims if "wanted a deal" in c.text]
    assert "Q423" in deal.about


def test_reaffirming_is_reporting(run) -> None:
    """'reaffirmed that ...' reports what its subject said, as 'affirmed' and 'reiterated' do."""
    facts = run("Chinese state media said Xi Jinping met Kim Jong Un in Beijing. Kim reaffirmed that "
                "Pyongyang would stay committed to talks with Washington.")
    assert claimants_of(facts, "stay committed to talks") == ["Q56226"]


def test_he_after_a_quote_of_several_sentences_is_who_spoke_before_it(run) -> None:
    """'"We want fair competition. ... But we also talked about Ukraine," he told reporters': the quote's
    own sentences hold only the speaker's words, so "he" looks back from where the quote opened (Scholz),
    and the "He" of the next sentence goes on with him."""
    facts = run("Olaf Scholz met Xi Jinping in Beijing on Tuesday. Scholz called the talks \"open and frank\" and "
                "said trade had dominated them. \"We want fair competition. Our companies must have the same chances "
                "in China that Chinese companies have in Germany. That is not too much to ask. But we also talked "
                "about Ukraine,\" he told reporters. He denied that Berlin was planning new tariffs.",
                published=datetime(2024, 4, 16, tzinfo=UTC))
    assert claimants_of(facts, "We want fair competition") == ["Q61053"]
    assert claimants_of(facts, "Berlin was planning new tariffs") == ["Q61053"]


def test_a_quote_going_on_to_the_end_of_its_paragraph_is_still_the_speakers(run) -> None:
    """'"...," Moon said. "What the North does now is up to Pyongyang."' closing its paragraph: the
    blank line after it is no attribution of its own."""
    facts = run("Moon Jae-in met Kim Jong Un at Panmunjom. \"We offered a room and a table,\" Moon said. "
                "\"What the North does now is up to Pyongyang.\"\n\nRead more: the inter-Korean summits")
    assert claimants_of(facts, "What the North does now") == ["Q21001"]


def test_a_passive_that_clause_the_parse_hangs_on_a_time_phrase_is_what_was_told(run) -> None:
    """'told reporters before the talks that no documents would be signed': the parse hangs the
    that-clause on "the talks" as their clause; opened by its "that" and with a subject of its own,
    passive as here or active, it is what Peskov told them."""
    facts = run("Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome. Dmitry Peskov, the Kremlin spokesman, "
                "told reporters before the talks that no documents would be signed.",
                published=datetime(2023, 9, 14, tzinfo=UTC))
    assert claimants_of(facts, "no documents would be signed") == ["dmitry-peskov"]


def test_the_spokesman_is_whom_a_spokesman_for_someone_just_named_speaks_for(run) -> None:
    """'A spokesman for South Korea's unification ministry said ... The spokesman warned that ...': the
    bare "the spokesman" is the one just described, and speaks for the same principal."""
    facts = run("Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome. A spokesman for South Korea's "
                "unification ministry said Seoul was watching the talks closely. The spokesman warned that any "
                "arms deal would violate UN resolutions.", published=datetime(2023, 9, 14, tzinfo=UTC))
    first = claimants_of(facts, "watching the talks closely")
    assert first and claimants_of(facts, "any arms deal would violate") == first


def test_both_alone_is_the_pair_just_named_and_so_is_they_after_it(run) -> None:
    """'Donald Trump and Kim Jong Un shook hands ... Both said ...': a bare "Both" subject is the two
    the sentence before coordinated as its subject, a claim of each; a "they" after it goes on with
    that pair."""
    facts = run("Donald Trump and Kim Jong Un shook hands at the Capella Hotel in Singapore. Both said the meeting "
                "had gone better than anyone expected. Later they insisted that a second summit would follow "
                "within a year.", published=datetime(2018, 6, 12, tzinfo=UTC))
    assert sorted(claimants_of(facts, "the meeting had gone better")) == ["Q22686", "Q56226"]
    assert sorted(claimants_of(facts, "a second summit would follow")) == ["Q22686", "Q56226"]


def test_a_comparison_with_what_someone_expected_stays_in_the_content(run) -> None:
    """'said Moscow had got more than it expected': the than-clause measures the comparison, it is no
    attribution of its own (and makes no claim), so its words stay in Lavrov's claim."""
    facts = run("Joe Biden met Vladimir Putin in Geneva. Sergei Lavrov said afterwards that Moscow had got more than "
                "it expected. Antony Blinken said the talks had gone better than anyone had predicted.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    texts = {c.text for c in facts.claims}
    assert "Moscow had got more than it expected" in texts
    assert "the talks had gone better than anyone had predicted" in texts


def test_the_side_a_state_adjective_names_speaks_for_that_state(run) -> None:
    """'The Chinese side said ...', as readouts of talks put it: the side is the state its adjective
    names, as 'the South Korean presidential office' speaks for South Korea."""
    facts = run("Wang Yi met Antony Blinken in Beijing on Friday. The Chinese side said that it opposed unilateral "
                "sanctions. The American side insisted that export controls would stay in place.",
                published=datetime(2024, 4, 27, tzinfo=UTC))
    assert claimants_of(facts, "opposed unilateral sanctions") == ["Q148"]
    assert claimants_of(facts, "export controls would stay in place") == ["Q30"]


def test_according_to_is_the_claim_when_the_cue_word_in_the_sentence_reports_nothing(run) -> None:
    """'The European Union still maintains its arms embargo on China, according to a senior EU diplomat':
    "maintains" is a cue word only when it reports something ("maintained that ..."); keeping an embargo
    leaves the sentence to the diplomat. 'Kim told Putin that ..., according to state media' stays Kim's."""
    facts = run("Ursula von der Leyen met Xi Jinping in Beijing. The European Union still maintains its arms embargo "
                "on China, according to a senior EU diplomat who briefed reporters. Kim Jong Un told Putin that "
                "Russia would win, according to state media.", published=datetime(2023, 12, 8, tzinfo=UTC))
    assert claimants_of(facts, "maintains its arms embargo on China") == ["senior-eu-diplomat"]
    assert claimants_of(facts, "Russia would win") == ["Q56226"]


def test_he_after_a_source_the_gazetteer_lacks_is_that_source(run) -> None:
    """The entities resolve pronouns before they find names the gazetteer lacks and before the claims
    describe their sources, so "he" may go to an earlier known man: 'A senior French diplomat said ...
    "...," he said' is the diplomat, not Zelensky; after 'Vassily Nebenzia said ..., and he accused
    ...', 'He said ...' is Nebenzia, not Wang Yi."""
    facts = run("Emmanuel Macron met Volodymyr Zelensky in Kyiv on Friday. Zelensky thanked him for the new "
                "artillery. A senior French diplomat said the visit had been planned for months. \"We wanted to "
                "sign it on Ukrainian soil,\" he said.\n\nChina's foreign minister Wang Yi said Beijing wanted calm "
                "on the peninsula and urged both sides to talk. He repeated a proposal for a freeze on drills.\n\n"
                "Russia's envoy Vassily Nebenzia said Moscow opposed new sanctions, and he accused Washington of "
                "ignoring the proposal. He said only talks could end the crisis.",
                published=datetime(2024, 2, 17, tzinfo=UTC))
    assert claimants_of(facts, "We wanted to sign it") == claimants_of(facts, "planned for months")
    assert claimants_of(facts, "only talks could end the crisis") == ["vassily-nebenzia"]


def test_according_to_claims_a_commitment_the_sentence_reports(run) -> None:
    """'the two leaders agreed to keep up close contact, according to the Russian side': agreeing to do
    something is a commitment, no claim of the leaders, so what happened is the Russian side's claim;
    'Kim claimed to have ..., according to KCNA' stays Kim's."""
    facts = run("Vladimir Putin invited Kim Jong Un to visit Moscow, and the two leaders agreed to keep up close "
                "contact, according to the Russian side. Kim claimed to have built a new missile, according to KCNA.",
                published=datetime(2024, 6, 20, tzinfo=UTC))
    assert claimants_of(facts, "agreed to keep up close contact") == ["Q159"]
    assert claimants_of(facts, "built a new missile") == ["Q56226"]


def test_a_joint_statement_is_the_parties_statement_and_a_claim(run) -> None:
    """'A joint statement on strategic stability reaffirmed the principle that ...': a joint statement is
    the meeting's parties' own, a source specific enough to keep under its words; 'a statement said'
    still names no one."""
    facts = run("Joe Biden met Vladimir Putin in Geneva. A joint statement on strategic stability reaffirmed the "
                "principle that a nuclear war cannot be won. A statement said the talks had ended.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    assert claimants_of(facts, "a nuclear war cannot be won") == ["joint-statement"]
    assert claimants_of(facts, "the talks had ended") == []


def test_a_relative_clause_the_parse_hangs_on_the_cue_stays_in_the_content(run) -> None:
    """'said he had handed Putin a list of sites, from energy to water systems, that should be off-limits
    to attack': the parse makes the relative clause after the comma a second complement of "said", set
    off like a trailing attribution ('..., state media reported'); with a relative pronoun for subject it
    attributes nothing and stays part of what Biden said."""
    facts = run("Joe Biden met Vladimir Putin in Geneva. He said he had handed Putin a list of sixteen kinds of "
                "critical infrastructure, from energy to water systems, that should be off-limits to attack.",
                published=datetime(2021, 6, 17, tzinfo=UTC))
    assert any("should be off-limits to attack" in t for t in (c.text for c in facts.claims if c.claimant == "Q6279"))


def test_a_member_of_a_body_is_a_described_source(run) -> None:
    """'A former member of the UN panel that monitors the sanctions told us ...', 'the former panel member
    said': a member described by what they are (with words of their own) is a source like 'a former
    official'; a bare 'a member of the panel' says too little, as 'an official' does."""
    facts = run("Donald Trump met Kim Jong Un in Hanoi. A former member of the UN panel that monitors the "
                "sanctions told us the five resolutions account for most of the pressure. \"If you lift those, "
                "you are left with the arms embargo,\" the former panel member said. A member of the panel said "
                "the sanctions were failing.", published=datetime(2019, 3, 4, tzinfo=UTC))
    assert claimants_of(facts, "account for most of the pressure") == ["former-member"]
    assert claimants_of(facts, "left with the arms embargo") == ["former-panel-member"]
    assert claimants_of(facts, "the sanctions were failing") == []


def test_a_reason_right_after_what_the_source_says_is_part_of_the_claim(run) -> None:
    """'Putin says he did, because Trump had talked about bringing relations back to normal': the parse hangs
    the because-clause on the cue, but the reason is the source's own and the content reads on into it."""
    facts = run("Donald Trump met Vladimir Putin in Helsinki. Asked whether he had wanted Trump to win the election, "
                "Putin says he did, because Trump had talked about bringing relations back to normal.",
                published=datetime(2018, 7, 17, tzinfo=UTC))
    assert claimants_of(facts, "because Trump had talked about bringing relations back to normal") == ["Q7747"]
