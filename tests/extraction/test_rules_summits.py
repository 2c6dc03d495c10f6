"""Summit, sanction and date rules for the North Korea / US-Russia diplomacy domain, on short texts
written for the tests, with the real spaCy pipeline and the shipped gazetteer (rounds 12 and 15 of
extraction quality).

Each test states one modelling choice (see the docstrings of the ingest/summit_*.py modules,
sanctions.py and dates.py) and was checked to fail before the change it covers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from diplograph.ingest.summit_dates import dates


def days(summit) -> tuple[str | None, str | None]:
    return (summit.start.value.date().isoformat() if summit.start else None,
            summit.end.value.date().isoformat() if summit.end else None)


def test_a_year_less_date_takes_the_year_the_story_has_just_named(run) -> None:
    facts = run("Kim Jong-un first crossed into the South in April 2018. He met Moon Jae-in on April 27 "
                "and the two signed a declaration.", published=datetime(2019, 6, 22, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit)[0] == "2018-04-27"


@pytest.mark.parametrize("text", [
    "North Korea tested a hydrogen bomb in September 2017. Resolution 2375, adopted days later, limited its "
    "textile exports and oil imports.",
    "Security Council resolution 2270 prohibits member states from buying coal and iron ore from North Korea.",
])
def test_a_resolution_that_bans_or_caps_trade_is_a_security_council_sanction(run, text: str) -> None:
    facts = run(text)
    pairs = {(k, t) for s in facts.sanctions for k in s.imposers for t in s.targets}
    assert pairs & {("Q37470", "Q423"), ("Q1065", "Q423")}
    assert not any("Q37470" in s.targets or "Q1065" in s.targets for s in facts.sanctions)


@pytest.mark.parametrize("text", [
    "Vladimir Putin signed a defence treaty with Kim Jong-un in Pyongyang on June 19, during his first visit "
    "to North Korea in 24 years.",
    "Putin's plane landed at Pyongyang's airport before dawn on June 19. It was his first visit to North Korea "
    "in 24 years, and Kim Jong-un greeted him on the tarmac.",
])
def test_a_visit_to_a_state_whose_capital_the_story_names_is_held_there(run, text: str) -> None:
    facts = run(text, published=datetime(2024, 6, 25, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.location == "Q18808"  # Pyongyang, the city, not North Korea


def test_visits_by_different_leaders_to_one_state_are_different_summits(run) -> None:
    facts = run("Vladimir Putin's visit to North Korea was his first in 24 years. Xi Jinping's visit to North "
                "Korea was the first by a Chinese leader in fourteen years, and Kim Jong-un hosted a banquet for "
                "each of them.")
    assert facts.summits and not any({"Q7747", "Q15031"} <= set(s.participants) for s in facts.summits)


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Xi Jinping met Kim Jong-un in Pyongyang on Thursday. Xi's two-day state visit ended on Friday with a "
     "banquet.", datetime(2019, 6, 22, tzinfo=UTC), ("2019-06-20", "2019-06-21")),
    ("Kim Jong-un and Moon Jae-in signed a military pact on Wednesday, the second day of Moon's three-day "
     "visit to Pyongyang.", datetime(2018, 9, 19, tzinfo=UTC), ("2018-09-18", "2018-09-20")),
    ("Kim Jong-un arrived in Vladivostok on Wednesday for a two-day visit, and met Vladimir Putin there.",
     datetime(2019, 4, 27, tzinfo=UTC), ("2019-04-24", "2019-04-25")),
])
def test_a_visit_of_a_stated_length_runs_from_its_first_to_its_last_day(run, text: str, published: datetime,
                                                                       expected: tuple[str, str]) -> None:
    facts = run(text, published=published)
    assert expected in [days(s) for s in facts.summits]


def test_a_dated_mention_of_one_partys_visit_dates_the_visit_just_named(run) -> None:
    facts = run("Kim Jong-un welcomed Xi Jinping to Pyongyang at a ceremony in Kim Il Sung Square. Xi's two-day "
                "state visit ended on Friday with a banquet.", published=datetime(2019, 6, 22, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit) == ("2019-06-20", "2019-06-21")


def test_that_summit_is_the_summit_its_parties_were_named_for_just_before(run) -> None:
    facts = run("Moon Jae-in met Kim Jong-un again on May 26, after helping to save the planned summit between "
                "Kim and Donald Trump. That summit took place in Singapore on June 12.",
                published=datetime(2018, 9, 19, tzinfo=UTC))
    [singapore] = [s for s in facts.summits if s.location == "Q334"]
    assert {"Q22686", "Q56226"} <= set(singapore.participants) and days(singapore)[0] == "2018-06-12"
    [may] = [s for s in facts.summits if days(s)[0] == "2018-05-26"]
    assert "Q22686" not in may.participants


def test_a_leader_named_in_what_someone_reports_from_a_summit_is_not_at_it(run) -> None:
    facts = run("On Saturday Donald Trump wrote from the G20 summit in Osaka that if Kim Jong-un saw his message "
                "he would like to meet him at the border.", published=datetime(2019, 6, 30, tzinfo=UTC))
    assert not any("Q56226" in s.participants for s in facts.summits)


def test_shaking_hands_with_a_leader_is_meeting_them(run) -> None:
    facts = run("Donald Trump shook hands with Kim Jong-un across the demarcation line on Sunday.",
                published=datetime(2019, 7, 1, tzinfo=UTC))
    [summit] = facts.summits
    assert {"Q22686", "Q56226"} <= set(summit.participants) and days(summit)[0] == "2019-06-30"


def test_the_same_day_is_the_day_the_sentence_before_named(run) -> None:
    facts = run("On Saturday Donald Trump spoke to reporters in Osaka about trade. He had met Xi Jinping there "
                "the same day.", published=datetime(2019, 6, 30, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit)[0] == "2019-06-29"


@pytest.mark.parametrize(("text", "place", "start"), [
    ("Kim Jong-un met Xi Jinping in Dalian in May 2018, and returned to Beijing on June 19.", "Q56226", "2018-05-01"),
    ("Kim Jong-un stayed in Beijing from January 7 to 10, weeks before he met Donald Trump in Hanoi.", "Q1858", None),
])
def test_a_date_of_another_clause_does_not_date_the_meeting(run, text: str, place: str, start: str | None) -> None:
    facts = run(text, published=datetime(2019, 6, 22, tzinfo=UTC))
    summits = [s for s in facts.summits if place in (s.location, *s.participants) and s.location != "Q956"]
    assert summits and all(days(s)[0] == start for s in summits)


def test_a_live_blog_entrys_undated_meeting_is_on_the_entrys_day(run) -> None:
    facts = run("Live: Trump at the DMZ\n\n15:46 - Donald Trump shook hands with Kim Jong-un at the border.\n\n"
                "09:15 - The two leaders first met in Singapore in June last year.",
                published=datetime(2019, 6, 30, 18, 5, tzinfo=UTC))
    dated = sorted((s.location or "", days(s)[0]) for s in facts.summits)
    assert ("", "2019-06-30") in dated
    assert all(start != "2019-06-30" for place, start in dated if place == "Q334")


def test_travelling_on_to_the_met_leaders_state_is_meeting_them_again_there(run) -> None:
    facts = run("Kim Jong-un met Xi Jinping in Dalian in May 2018, and returned to Beijing on June 19.",
                published=datetime(2019, 6, 22, tzinfo=UTC))
    [beijing] = [s for s in facts.summits if s.location == "Q956"]
    assert {"Q56226", "Q15031"} <= set(beijing.participants) and days(beijing)[0] == "2018-06-19"


def test_may_alone_takes_the_story_year_too(run) -> None:
    facts = run("Kim Jong-un first travelled to Beijing in March 2018. He met Xi Jinping again in Dalian in May.",
                published=datetime(2019, 6, 22, tzinfo=UTC))
    assert [days(s)[0] for s in facts.summits if "Q15031" in s.participants] == ["2018-05-01"]


def test_greeting_a_leader_is_meeting_them(run) -> None:
    facts = run("Kim Jong-un greeted Vladimir Putin at Pyongyang's airport on June 19.",
                published=datetime(2024, 6, 25, tzinfo=UTC))
    [summit] = facts.summits
    assert {"Q56226", "Q7747"} <= set(summit.participants) and days(summit)[0] == "2024-06-19"


def test_arriving_in_the_capital_of_a_leader_named_next_is_a_visit_to_them(run) -> None:
    facts = run("Kim Jong-un arrived in Beijing on January 7, 2019 and stayed four days. Xi Jinping pressed him "
                "to keep talking to Washington.", published=datetime(2019, 6, 22, tzinfo=UTC))
    [summit] = facts.summits
    assert {"Q56226", "Q15031"} <= set(summit.participants) and summit.location == "Q956"
    assert days(summit)[0] == "2019-01-07"


def test_arriving_where_no_leader_of_that_state_is_named_is_no_summit(run) -> None:
    facts = run("Donald Trump arrived in Singapore on June 10, 2018. He met Kim Jong-un two days later.",
                published=datetime(2018, 6, 13, tzinfo=UTC))
    assert not any("Q334" in s.participants for s in facts.summits)


def test_a_sanctions_act_named_in_the_sentence_gives_its_imposer(run) -> None:
    facts = run("The Countering America's Adversaries Through Sanctions Act, signed in August 2017, mandates "
                "penalties on Russia, Iran and North Korea.")
    pairs = {(k, t) for s in facts.sanctions for k in s.imposers for t in s.targets}
    assert {("Q30", "Q159"), ("Q30", "Q794"), ("Q30", "Q423")} <= pairs


@pytest.mark.parametrize(("text", "pair"), [
    ("North Korea says it will not disarm. Washington has offered sanctions relief in exchange for steps "
     "toward denuclearisation.", ("Q30", "Q423")),
    ("At the Hanoi summit Kim Jong-un demanded UN sanctions relief in exchange for closing Yongbyon.",
     ("Q1065", "Q423")),
])
def test_who_offers_sanctions_relief_imposes_them_and_who_demands_it_is_their_target(run, text: str,
                                                                                      pair: tuple[str, str]) -> None:
    facts = run(text)
    assert pair in {(k, t) for s in facts.sanctions for k in s.imposers for t in s.targets}


def test_the_two_leaders_are_the_pair_the_story_is_about(run) -> None:
    facts = run("Donald Trump met Kim Jong-un at the border on Sunday. Trump said Kim wanted a deal, and Kim "
                "thanked Trump. Trump had met Chinese President Xi Jinping in Osaka the day before. The two "
                "leaders last met in Hanoi on February 27-28.", published=datetime(2019, 6, 30, tzinfo=UTC))
    [hanoi] = [s for s in facts.summits if s.location == "Q1858"]
    assert {"Q22686", "Q56226"} <= set(hanoi.participants) and "Q15031" not in hanoi.participants


def test_a_wire_datelines_city_is_not_a_party(run) -> None:
    facts = run("SEOUL, June 20 (Diplograph) - North Korean leader Kim Jong Un hosted Russian President Vladimir "
                "Putin in Pyongyang on Wednesday.", published=datetime(2024, 6, 20, tzinfo=UTC))
    [summit] = facts.summits
    assert "Q884" not in summit.participants and {"Q56226", "Q7747"} <= set(summit.participants)


@pytest.mark.parametrize("text", [
    "In 2019, Kim Jong-un held talks with Vladimir Putin in Vladivostok, weeks after his summit with Donald "
    "Trump in Hanoi collapsed.",
    "Kim Jong-un met Xi Jinping again in Beijing, a week after his summit with Donald Trump in Singapore.",
])
def test_his_summit_after_or_before_the_main_event_is_the_main_subjects(run, text: str) -> None:
    facts = run(text)
    [later] = [s for s in facts.summits if "Q22686" in s.participants]
    assert "Q56226" in later.participants and not {"Q7747", "Q15031"} & set(later.participants)


def test_a_week_after_a_summit_dates_it_from_the_main_event(run) -> None:
    facts = run("Kim Jong-un was back in Beijing for talks with Xi Jinping on June 19 and 20, a week after his "
                "summit with Donald Trump in Singapore.", published=datetime(2018, 6, 22, tzinfo=UTC))
    [singapore] = [s for s in facts.summits if s.location == "Q334"]
    assert days(singapore)[0] == "2018-06-12"


def test_a_meeting_at_an_unplaced_venue_during_a_visit_is_that_visit(run) -> None:
    facts = run("Moon Jae-in arrived in Pyongyang on Tuesday for a three-day visit, his first to North Korea. "
                "Kim Jong-un met Moon at the Paekhwawon State Guesthouse on Wednesday.",
                published=datetime(2018, 9, 21, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.location == "Q18808" and days(summit) == ("2018-09-18", "2018-09-20")


def test_a_visit_to_a_state_is_held_where_the_sentence_has_its_leaders_meet(run) -> None:
    facts = run("Kim Jong-un's trip to Russia in September 2023, when he met Vladimir Putin at the Vostochny "
                "Cosmodrome, lasted six days.", published=datetime(2024, 6, 24, tzinfo=UTC))
    assert facts.summits and all(s.location not in (None, "Q159") for s in facts.summits)


def test_a_summit_with_no_place_is_held_where_a_party_arrived_for_it(run) -> None:
    facts = run("The second summit between Donald Trump and Kim Jong Un ended abruptly on Thursday without an "
                "agreement. Kim arrived in the Vietnamese capital on Tuesday after a long train journey.",
                published=datetime(2019, 2, 28, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.location == "Q1858"


def test_a_capital_named_as_a_meetings_place_is_the_city_even_when_it_speaks_for_its_state(run) -> None:
    facts = run("Donald Trump held talks with Moon Jae-in at the presidential office in Seoul on Sunday.",
                published=datetime(2019, 6, 30, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.location == "Q8684"


# --- round 15: summits told in passing, in a series, denied, cancelled ---------------
def test_a_meeting_named_only_by_its_place_takes_no_leaders_named_paragraphs_later(run) -> None:
    facts = run("The meeting in Helsinki was the first of its kind. Officials spent weeks on the protocol. The "
                "hotel was sealed off for days. Journalists from forty countries came. A year later, Vladimir "
                "Putin held talks with Recep Tayyip Erdogan.")
    assert not any(s.location == "Q1757" and "Q39259" in s.participants for s in facts.summits)


@pytest.mark.parametrize(("text", "published", "guest", "start"), [
    ("Donald Trump met Vladimir Putin in Helsinki on July 16, 2018. Two days later, Trump hosted Shinzo Abe at "
     "the White House.", datetime(2019, 3, 1, tzinfo=UTC), "Q132345", "2018-07-18"),
    ("Vladimir Putin held talks with Narendra Modi on September 1. Modi had met Xi Jinping the day before.",
     datetime(2025, 12, 5, tzinfo=UTC), "Q15031", "2025-08-31"),
])
def test_a_relative_day_counts_from_the_meeting_dated_before_it(run, text: str, published: datetime, guest: str,
                                                                 start: str) -> None:
    facts = run(text, published=published)
    [summit] = [s for s in facts.summits if guest in s.participants]
    assert days(summit)[0] == start


@pytest.mark.parametrize(("text", "published"), [
    ("The Kremlin denied reports that Vladimir Putin would meet Volodymyr Zelensky in Istanbul.",
     datetime(2025, 5, 10, tzinfo=UTC)),
    ("Seoul denied that Moon Jae-in would visit Pyongyang next month.", datetime(2018, 8, 10, tzinfo=UTC)),
    ("The White House dismissed speculation that Donald Trump and Kim Jong-un would hold talks at the border.",
     datetime(2025, 10, 28, tzinfo=UTC)),
])
def test_a_meeting_that_a_denial_rejects_is_no_summit(run, text: str, published: datetime) -> None:
    assert run(text, published=published).summits == []


@pytest.mark.parametrize("text", [
    "A summit between Donald Trump and Vladimir Putin planned for Buenos Aires never took place.",
    "Donald Trump shelved his plan to meet Vladimir Putin in Budapest.",
])
def test_a_summit_that_never_happened_or_whose_plan_was_shelved_is_cancelled(run, text: str) -> None:
    facts = run(text, published=datetime(2025, 10, 24, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.status == "Cancelled"


def test_a_trip_a_minister_puts_off_is_no_summit(run) -> None:
    facts = run("Joe Biden and Xi Jinping met in Bali in November. The truce the two men agreed there broke down "
                "when Secretary of State Antony Blinken postponed a trip to Beijing.",
                published=datetime(2023, 3, 1, tzinfo=UTC))
    assert not any(s.location == "Q956" for s in facts.summits)


def test_a_meeting_verb_with_places_of_several_states_is_a_meeting_at_each(run) -> None:
    facts = run("Donald Trump met Kim Jong-un three times: in Singapore in June 2018, in Hanoi in February 2019 "
                "and at the border in June 2019.", published=datetime(2025, 10, 28, tzinfo=UTC))
    placed = {s.location: days(s)[0] for s in facts.summits}
    assert placed.get("Q334") == "2018-06-01" and placed.get("Q1858") == "2019-02-01"
    one = run("Donald Trump met Vladimir Putin at the Kremlin in Moscow on May 9.",
              published=datetime(2025, 10, 28, tzinfo=UTC))
    assert len(one.summits) == 1



@pytest.mark.parametrize(("text", "place", "expected"), [
    ("Vladimir Putin and Narendra Modi met in Moscow in July. Volodymyr Zelensky criticised Modi for the trip. "
     "Their next encounter came in the port city of Tianjin on September 1, when Putin invited Modi into his car.",
     None, "Q7747"),
    ("Joe Biden met Xi Jinping at Filoli on Wednesday, and Biden said Xi had agreed to talk more often. Xi met "
     "Fumio Kishida the next day. The two leaders had last spoken by phone in July. They are expected to meet "
     "again in Lima next year.", "Q2868", "Q6279"),
])
def test_their_is_the_pair_its_sentence_names_or_the_two_leaders_just_spoken_of(run, text: str, place: str | None,
                                                                                expected: str) -> None:
    facts = run(text, published=datetime(2025, 12, 5, tzinfo=UTC))
    later = [s for s in facts.summits if s.location == place and "Q15031" in s.participants] if place else \
        [s for s in facts.summits if days(s)[0] == "2025-09-01"]
    assert later and all(expected in s.participants for s in later)


@pytest.mark.parametrize(("text", "expected"), [
    ("Narendra Modi's two-day trip to Moscow on July 8 and 9 last year drew sharp criticism.",
     ("2024-07-08", "2024-07-09")),
    ("Donald Trump was due to meet Vladimir Putin in Buenos Aires at the end of November 2018.",
     ("2018-11-01", None)),
])
def test_a_year_after_the_day_or_the_month_is_that_days_year(run, text: str, expected: tuple) -> None:
    facts = run(text, published=datetime(2025, 12, 5, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit) == expected


def test_a_day_of_a_visit_its_sentence_leaves_undated_is_the_day_told_just_before(run) -> None:
    facts = run("NEW DELHI, Dec 5 (Wire) - Vladimir Putin and Narendra Modi on Friday signed a trade plan.\n\n"
                "The two leaders held talks at Hyderabad House on the second and last day of Putin's trip to India.",
                published=datetime(2025, 12, 5, tzinfo=UTC))
    assert ("2025-12-04", "2025-12-05") in [days(s) for s in facts.summits]


def test_a_meeting_named_by_its_place_among_sentences_on_the_storys_pair_is_theirs(run) -> None:
    facts = run("Donald Trump and Vladimir Putin met in Helsinki on July 16, 2018. Trump later said he had "
                "misspoken.\n\nA meeting planned for Buenos Aires that November never took place. Trump called it "
                "off hours after leaving for Argentina. The Kremlin said Putin regretted the decision.",
                published=datetime(2019, 3, 1, tzinfo=UTC))
    [buenos_aires] = [s for s in facts.summits if s.location == "Q1486"]
    assert {"Q22686", "Q7747"} <= set(buenos_aires.participants)


def test_a_photo_caption_naming_both_leaders_dates_their_undated_summit(run) -> None:
    facts = run("Joe Biden and Xi Jinping walk in the gardens of the Filoli estate in Woodside, California, on "
                "November 15, 2023.\n\nBiden and Xi agreed to restore military contacts when they met on the "
                "sidelines of a regional summit.", published=None)
    [summit] = [s for s in facts.summits if {"Q6279", "Q15031"} <= set(s.participants)]
    assert days(summit)[0] == "2023-11-15"


def test_a_meeting_in_a_when_clause_on_a_day_is_on_that_day(run) -> None:
    facts = run("The most anticipated meeting of the trip comes on Friday, when Xi Jinping sits down with Joe "
                "Biden in the city of San Francisco.", published=datetime(2023, 11, 14, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit)[0] == "2023-11-17"


def test_a_meeting_verb_coordinated_inside_a_where_clause_is_at_the_clauses_place(run) -> None:
    facts = run("Narendra Modi's tour ended on Monday in Tokyo, where he toured a factory and met Japanese Prime "
                "Minister Fumio Kishida.", published=datetime(2023, 3, 22, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.location == "Q1490"


def test_no_meeting_is_no_summit(run) -> None:
    facts = run("Seoul said on Monday that no meeting between Lee Jae-myung and Kim Jong Un was on the calendar.",
                published=datetime(2025, 10, 28, tzinfo=UTC))
    assert facts.summits == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Hanoi, 1 March 2019, 09:00 local time.\n\nDonald Trump met Kim Jong-un yesterday at the Metropole hotel.",
     "2019-02-28"),
    ("Friday 27 April 2018. Updates from our desk in Seoul.\n\n09:30 - Kim Jong-un met Moon Jae-in at the "
     "border village of Panmunjom.", "2018-04-27"),
])
def test_an_undated_articles_verbless_opening_date_anchors_its_relative_days(run, text: str, expected: str) -> None:
    facts = run(text, published=None)
    [summit] = facts.summits
    assert days(summit)[0] == expected


def test_a_lede_that_tells_a_past_day_does_not_anchor_the_article(run) -> None:
    facts = run("On June 12, 2018, Donald Trump met Kim Jong-un in Singapore. A year later Trump met Kim again "
                "on Sunday.", published=None)
    assert "2018-06-10" not in {days(s)[0] for s in facts.summits}


def test_a_summit_planned_for_a_day_is_on_that_days_next_occurrence(run) -> None:
    facts = run("The summit between Kim Jong-un and Donald Trump planned for 12 June in Singapore must succeed.",
                published=datetime(2018, 5, 27, tzinfo=UTC))
    [summit] = facts.summits
    assert days(summit)[0] == "2018-06-12"


def test_a_day_that_owns_another_noun_is_not_the_meetings_day(run) -> None:
    facts = run("Moon Jae-in will meet Donald Trump at the White House in May to brief him on today's results.",
                published=datetime(2018, 4, 27, tzinfo=UTC))
    [summit] = facts.summits
    assert summit.start is not None and summit.start.precision == "month"


def test_a_day_from_which_something_else_starts_is_not_the_meetings_day(run) -> None:
    facts = run("Kim Jong-un and Moon Jae-in signed a declaration. The two leaders commit to seek a formal end to "
                "the war this year through talks that could include China, and to stop loudspeaker broadcasts "
                "along the border from 1 May.", published=datetime(2018, 4, 27, tzinfo=UTC))
    assert all(days(s)[0] != "2018-05-01" for s in facts.summits)


def test_i_in_a_transcript_turn_is_the_speaker_the_label_names(run) -> None:
    facts = run("Seoul, 27 May 2018, 10:00 KST. President Moon Jae-in briefed reporters at the Blue House.\n\n"
                "PRESIDENT MOON: Yesterday afternoon I met Chairman Kim Jong Un at Tongilgak. We talked for two "
                "hours.\n\nQUESTION: Who asked for the meeting?", published=None)
    [summit] = facts.summits
    assert {"Q21001", "Q56226"} <= set(summit.participants)
    assert days(summit)[0] == "2018-05-26"


def test_a_transcript_turn_runs_over_its_paragraphs_to_the_next_label(run) -> None:
    facts = run("Seoul, 27 May 2018, 10:00 KST. President Moon Jae-in briefed reporters.\n\n"
                "PRESIDENT MOON: Good morning.\n\nI explained what I heard from President Trump when I visited the "
                "White House on Tuesday.\n\nQUESTION: I wonder whether you met Kim Jong Un?", published=None)
    [summit] = facts.summits
    assert set(summit.participants) == {"Q21001", "Q22686"}
    assert days(summit)[0] == "2018-05-22"


def test_our_summit_in_a_leaders_turn_is_the_speaker_and_the_leader_just_named(run) -> None:
    facts = run("Seoul, 27 May 2018. The president's briefing on North Korea. Donald Trump wants a deal with Kim "
                "Jong Un, and Trump has written to Kim.\n\n"
                "PRESIDENT MOON: Chairman Kim Jong Un told me he wants peace. Unlike our summit on 3 March 2018, "
                "this conversation was short. It was friendly. It was useful. We will talk again.\n\nBackground: Moon "
                "Jae-in took office in 2017.", published=None)
    [summit] = facts.summits
    assert set(summit.participants) == {"Q21001", "Q56226"}
    assert days(summit)[0] == "2018-03-03"


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Donald Trump arrived in Beijing on November 8, held talks with Xi Jinping and flew on to Vietnam on "
     "November 10.", datetime(2017, 11, 12, tzinfo=UTC), ("2017-11-08", "2017-11-10")),
    ("Kim Jong-un arrived in Beijing on Tuesday for talks with Xi Jinping. He left on Wednesday afternoon after a "
     "lunch with Xi.", datetime(2019, 1, 10, tzinfo=UTC), ("2019-01-08", "2019-01-09")),
])
def test_a_visitors_departure_day_ends_the_visit(run, text: str, published: datetime, expected) -> None:
    [summit] = run(text, published=published).summits
    assert days(summit) == expected


def test_they_met_far_from_any_two_named_leaders_is_the_storys_pair(run) -> None:
    facts = run("Donald Trump and Xi Jinping first met in Florida in April 2017. Trump praised the talks. The mood "
                "was warm. Officials were pleased. Trade was discussed. Markets rallied.\n\nThey met again on "
                "July 8, 2017, on the sidelines of the G20 summit in Hamburg.",
                published=datetime(2019, 6, 1, tzinfo=UTC))
    assert any(days(s)[0] == "2017-07-08" and {"Q22686", "Q15031"} <= set(s.participants) for s in facts.summits)


def test_a_working_dinner_of_two_leaders_is_their_meeting(run) -> None:
    facts = run("Over a working dinner on the sidelines of the G20 summit in Buenos Aires on December 1, 2018, Xi "
                "Jinping and Donald Trump agreed to a 90-day pause in new tariffs.",
                published=datetime(2019, 6, 1, tzinfo=UTC))
    [summit] = facts.summits
    assert {"Q22686", "Q15031"} <= set(summit.participants)
    assert (summit.location, days(summit)[0]) == ("Q1486", "2018-12-01")


def test_a_summit_that_dates_another_meeting_takes_neither_its_place_nor_its_day(run) -> None:
    facts = run("Kim Jong-un first met Xi Jinping in Beijing on March 26, 2018, weeks before his first summit with "
                "South Korea's President Moon Jae-in.", published=datetime(2019, 1, 10, tzinfo=UTC))
    moon = [s for s in facts.summits if "Q21001" in s.participants]
    assert len(moon) == 1 and "Q15031" not in moon[0].participants
    assert (moon[0].location, moon[0].start) == (None, None)


@pytest.mark.parametrize("tail", ["", ", the first meeting between leaders of the two sides since 1949"])
def test_their_or_the_two_sides_inside_a_paragraph_is_not_the_storys_pair(run, tail) -> None:
    facts = run("Joe Biden met Xi Jinping in Bali. Biden and Xi talked for three hours.\n\nXi received former "
                "president Ma Ying-jeou in Beijing on April 10. Ma praised the talks. The mood was warm. Officials "
                f"were pleased. That was their second meeting after the one in Singapore on November 7, 2015{tail}.",
                published=datetime(2024, 4, 12, tzinfo=UTC))
    assert not any("Q6279" in s.participants and s.location == "Q334" for s in facts.summits)


def test_the_two_leaders_far_from_any_two_named_leaders_are_the_storys_pair(run) -> None:
    facts = run("Donald Trump and Xi Jinping first met in Florida in April 2017. Trump praised the talks.\n\nThe "
                "mood soured. Officials were worried. Tariffs rose. Markets fell. Over a working dinner on the "
                "sidelines of the G20 summit in Buenos Aires on December 1, 2018, the two leaders agreed to a pause.",
                published=datetime(2019, 6, 1, tzinfo=UTC))
    assert any(s.location == "Q1486" and {"Q22686", "Q15031"} <= set(s.participants) for s in facts.summits)


def test_separate_talks_on_a_summits_day_are_a_meeting_of_their_own(run) -> None:
    facts = run("Live updates.\n\n21:30 - Joe Biden, Yoon Suk-yeol and Fumio Kishida wrapped up their meeting at "
                "Camp David today.\n\n15:40 - Yoon Suk-yeol and Fumio Kishida also held separate talks at the "
                "presidential retreat today.", published=datetime(2023, 8, 18, 22, tzinfo=UTC))
    assert len(facts.summits) == 2
    assert any("Q6279" not in s.participants and days(s)[0] == "2023-08-18" for s in facts.summits)


def test_a_photo_caption_opening_an_undated_article_does_not_anchor_it(run) -> None:
    facts = run("Donald Trump and Kim Jong-un at the Capella hotel, Singapore, June 12, 2018.\n\nTrump met Kim "
                "again on Sunday at the border.", published=None)
    assert all(days(s)[0] != "2018-06-10" for s in facts.summits)


def test_a_meeting_someone_is_briefed_on_is_not_a_meeting_with_them(run) -> None:
    facts = run("Prime Minister Narendra Modi met Chinese President Xi Jinping in Wuhan on Friday. Modi said he "
                "would call Russian President Vladimir Putin the next day to brief him on the talks.")
    assert {frozenset(s.participants) & {"Q1058", "Q15031", "Q7747"} for s in facts.summits} \
        == {frozenset({"Q1058", "Q15031"})}



def test_a_leader_in_a_purpose_clause_of_a_coordinated_clause_is_not_at_the_meeting(run) -> None:
    facts = run("Xi Jinping and Narendra Modi talked by a lake in Wuhan. The Wuhan summit ended on April 28, and two "
                "days later Modi was back in Delhi to brief Emmanuel Macron.")
    assert [sorted(s.participants) for s in facts.summits] == [["Q1058", "Q15031"]]


def test_ministers_meeting_at_a_place_does_not_take_in_a_later_summit_there(run) -> None:
    facts = run("Foreign Minister Sergei Lavrov said Moscow had asked Secretary of State Antony Blinken to meet him "
                "in Geneva. Putin will meet Biden in Geneva on June 16, and officials said he would raise Ukraine "
                "with Xi Jinping later.", published=datetime(2021, 6, 1, tzinfo=UTC))
    assert [sorted(s.participants) for s in facts.summits] == [["Q6279", "Q7747"]]


def test_a_summit_an_indefinite_phrase_names_by_its_pair_is_not_an_earlier_summit(run) -> None:
    facts = run("Donald Trump praised the talks. Moon Jae-in and Kim Jong Un met at Panmunjom in April. Aides say a "
                "second Trump-Kim summit is being prepared.", published=datetime(2018, 9, 20, tzinfo=UTC))
    assert sorted(sorted(s.participants) for s in facts.summits) == [["Q21001", "Q56226"], ["Q22686", "Q56226"]]


def test_a_counted_meeting_is_that_many_summits_at_its_place(run) -> None:
    facts = run("Before their summit in Nagato, Prime Minister Shinzo Abe had met President Vladimir Putin in Moscow "
                "three times.")
    moscow = [s for s in facts.summits if s.location == "Q649" and {"Q132345", "Q7747"} <= set(s.participants)]
    assert len({s.key for s in moscow}) == 3 and all(s.start is None for s in moscow[1:])


def test_discussing_an_issue_with_a_leader_on_a_forums_sidelines_is_a_meeting_there(run) -> None:
    facts = run("Prime Minister Narendra Modi discussed trade with Chinese President Xi Jinping on the sidelines of "
                "the BRICS summit in Johannesburg on July 26.", published=datetime(2018, 8, 1, tzinfo=UTC))
    assert any({"Q1058", "Q15031"} <= set(s.participants) and days(s)[0] == "2018-07-26" for s in facts.summits)


def test_a_meeting_verb_the_parse_tags_as_a_participle_with_a_subject_is_past(run) -> None:
    facts = run("Vladimir Putin has courted Kim Jong-un for years. The Vladivostok summit followed on April 25, and "
                "Kim left a day early.", published=datetime(2020, 1, 20, tzinfo=UTC))
    [summit] = [s for s in facts.summits if s.location == "Q959"]
    assert days(summit)[0] == "2019-04-25" and summit.status == "Held"


def test_a_summit_named_by_its_place_paragraphs_later_is_not_the_planned_one_named_by_its_pair(run) -> None:
    facts = run("Kim Jong-un and Donald Trump are preparing for a second summit, aides in Seoul say. Kim spent his "
                "birthday in Beijing this week. Chinese state television showed him touring a medicine factory. "
                "Traders in Dandong expect more lorries at the border.\n\nThe Singapore summit went ahead on June 12 "
                "last year, after weeks of doubt. Kim hopes his second meeting with Trump will bring relief from "
                "sanctions.", published=datetime(2019, 1, 12, tzinfo=UTC))
    [singapore] = [s for s in facts.summits if s.location == "Q334"]
    [second] = [s for s in facts.summits if s.location is None and {"Q22686", "Q56226"} <= set(s.participants)]
    assert singapore.ordinal is None and second.ordinal == 2


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Donald Trump met Kim Jong-un in Singapore on June 12. Just a week later Kim met Xi Jinping in Beijing.",
     datetime(2018, 7, 1, tzinfo=UTC), "2018-06-19"),
    ("Kim's China channel\nJune 1, 2018\n\nKim Jong-un first met Xi Jinping in Beijing in late March. Their second "
     "encounter came only six weeks later, in the port city of Dalian.", datetime(2018, 6, 1, tzinfo=UTC), None),
])
def test_weeks_later_count_from_the_meeting_before_never_from_publication(run, text: str, published: datetime,
                                                                          expected: str | None) -> None:
    facts = run(text, published=published)
    [later] = [s for s in facts.summits if s.location != "Q334" and "first met" not in s.evidence.text]
    assert days(later)[0] == expected


def test_the_two_leaders_at_a_known_summits_place_and_day_are_its_leaders(run) -> None:
    facts = run("Xi Jinping welcomed Kim Jong-un to Beijing on Tuesday. Xi praised Kim's commitment to dialogue, and "
                "Kim thanked Xi for China's help. Xi and Kim also discussed trade.\n\nDonald Trump said on Sunday "
                "that the United States was choosing a venue for another summit. The two leaders first met in "
                "Singapore on June 12 last year.", published=datetime(2019, 1, 12, tzinfo=UTC))
    [singapore] = [s for s in facts.summits if s.location == "Q334"]
    assert {"Q22686", "Q56226"} <= set(singapore.participants) and "Q15031" not in singapore.participants


@pytest.mark.parametrize("text", [
    "Shinzo Abe and Vladimir Putin met in Singapore on November 14, 2018, and agreed to speed up talks on the "
    "basis of a 1956 declaration.",
    "Narendra Modi and Benjamin Netanyahu laid a wreath at a war cemetery in Haifa, and met Moshe Holtzberg, who "
    "lost his parents in the 2008 attacks on Mumbai.",
])
def test_a_year_before_a_noun_that_names_no_meeting_does_not_date_the_meeting(run, text: str) -> None:
    facts = run(text, published=datetime(2019, 1, 23, tzinfo=UTC))
    assert facts.summits and all(s.start is None or s.start.value.year >= 2017 for s in facts.summits)


def test_and_again_at_another_place_is_a_further_meeting_of_the_same_pair(run) -> None:
    facts = run("Shinzo Abe met Vladimir Putin in Sochi in May and again in Vladivostok in September, but the islands "
                "stayed Russian.", published=datetime(2016, 12, 1, tzinfo=UTC))
    vladivostok = [s for s in facts.summits if s.location == "Q959"]
    assert [(sorted(s.participants), days(s)[0]) for s in vladivostok] == [(["Q132345", "Q7747"], "2016-09-01")]


@pytest.mark.parametrize(("text", "pair"), [
    ("Angela Merkel and Emmanuel Macron signed a new friendship treaty in Aachen on Tuesday.", {"Q567", "Q3052772"}),
    ("Moon Jae-in crossed into North Korea on Tuesday and was greeted by Kim Jong-un. On Wednesday the two leaders "
     "signed a joint declaration on military tension.", {"Q21001", "Q56226"}),
    ("Vladimir Putin signed a defence pact with Kim Jong-un on Wednesday.", {"Q7747", "Q56226"}),
    ("Vladimir Putin signed a decree on Monday ordering retaliation, and Xi Jinping praised the move.", None),
])
def test_two_leaders_signing_a_text_together_meet_but_one_signing_alone_does_not(run, text: str,
                                                                                  pair: set[str] | None) -> None:
    facts = run(text, published=datetime(2019, 1, 24, tzinfo=UTC))
    signed = [s for s in facts.summits if s.status != "Planned"]
    assert [pair <= set(s.participants) for s in signed] == ([True] if pair else [])


def test_the_first_after_following_is_the_first_meeting_of_the_series_at_its_own_place(run) -> None:
    facts = run("Officials in Seoul say a second Moon-Trump meeting, following the first at the White House in June, "
                "could come in New York.", published=datetime(2017, 8, 1, tzinfo=UTC))
    assert any(s.ordinal == 1 and s.location == "Q61" and {"Q21001", "Q22686"} <= set(s.participants)
               for s in facts.summits)


def test_a_summit_named_by_its_pair_is_not_another_pairs_summit_told_before(run) -> None:
    facts = run("Kim Jong-un invited Vladimir Putin to visit Pyongyang at a convenient time, and Putin accepted. Kim "
                "last took his armoured train abroad for the Trump-Kim summit, which ended without a deal.",
                published=datetime(2024, 1, 10, tzinfo=UTC))
    assert not any({"Q7747", "Q22686"} <= set(s.participants) for s in facts.summits)


@pytest.mark.parametrize("text", [
    "Donald Trump met Kim Jong-un in Singapore in June 2018, and the fishermen here talked of little else. When the "
    "second Trump-Kim summit collapsed in February 2019, the talk stopped.",
    "Donald Trump and Kim Jong-un shook hands in Singapore in June 2018. That autumn Moon Jae-in addressed a crowd of "
    "North Koreans in Pyongyang. Whatever one thought of those meetings, they raised hopes in Seoul.\n\nThen came "
    "Hanoi. When the second Trump-Kim summit broke up early in February 2019 with no agreement, the hopes faded.",
])
def test_a_summit_named_by_its_pair_and_dated_later_is_a_summit_of_its_own(run, text: str) -> None:
    facts = run(text, published=datetime(2024, 6, 24, tzinfo=UTC))
    assert not any({"Q21001", "Q22686"} <= set(s.participants) for s in facts.summits)
    assert any({"Q22686", "Q56226"} <= set(s.participants) and s.start is None and s.end is not None
               and s.end.value.date().isoformat()[:7] == "2019-02" for s in facts.summits)


def test_a_day_before_the_month_at_a_lines_start_is_the_dates_own(run) -> None:
    facts = run("Key dates\n\n2018\n\n12 June 2018 \u2013 Donald Trump and Kim Jong-un meet in Singapore and "
                "sign a short statement.\n\n2019\n\n27\u201328 February 2019 \u2013 Trump and Kim meet again in "
                "Hanoi; the talks end without a deal.\n\n25 April 2019 \u2013 Kim travels by train to Vladivostok "
                "and meets Vladimir Putin on Russky Island.", published=datetime(2024, 7, 1, tzinfo=UTC))
    assert sorted(days(s) for s in facts.summits) == [("2018-06-12", None), ("2019-02-27", "2019-02-28"),
                                                       ("2019-04-25", None)]


def test_a_chronology_entrys_date_dates_the_meeting_its_first_sentence_tells(run) -> None:
    facts = run("Timeline\n\n2018\n\n12 June 2018 \u2013 Donald Trump and Kim Jong-un meet in Singapore. Trump later "
                "says joint military drills with South Korea will stop.\n\n16 July 2018 \u2013 Trump and Vladimir "
                "Putin hold a one-on-one meeting in Helsinki.", published=datetime(2024, 7, 1, tzinfo=UTC))
    assert [days(s) for s in facts.summits if s.location == "Q1757"] == [("2018-07-16", None)]


@pytest.mark.parametrize(("text", "held", "planned", "when"), [
    ("Vladimir Putin and Xi Jinping met in Astana on Wednesday. Xi invited Putin to Beijing for talks in October.",
     "Q1520", "Q956", "2024-10-01"),
    ("Kim Jong-un and Vladimir Putin signed a defence treaty in Pyongyang on Wednesday. Before leaving, Putin "
     "invited Kim to Moscow for their next meeting.", "Q18808", "Q649", None),
])
def test_the_meeting_an_invitation_is_for_is_planned_at_the_place_it_names(run, text: str, held: str, planned: str,
                                                                          when: str | None) -> None:
    facts = run(text, published=datetime(2024, 7, 4, tzinfo=UTC))
    assert sorted((s.location, s.status, days(s)[0]) for s in facts.summits) == sorted(
        [(held, "Held", "2024-07-03"), (planned, "Planned", when)])


def test_their_next_meeting_is_none_of_the_meetings_told_before_it(run) -> None:
    facts = run("Vladimir Putin's state visit was short, but he and Kim Jong-un signed a treaty within hours. As he "
                "left, Putin invited Kim to Moscow for their next meeting.",
                published=datetime(2024, 6, 24, tzinfo=UTC))
    assert sorted((s.location or "", s.status or "") for s in facts.summits
                  if {"Q7747", "Q56226"} <= set(s.participants)) == [("", ""), ("Q649", "Planned")]


@pytest.mark.parametrize(("text", "pair", "place"), [
    ("Donald Trump and Kim Jong-un shook hands on a hotel terrace in Singapore, and the fish sellers at our harbour "
     "talked of little else for weeks.", {"Q22686", "Q56226"}, "Q334"),
    ("Xi Jinping and Vladimir Putin shook hands in Samarkand on Thursday as the cameras rolled.",
     {"Q15031", "Q7747"}, None),
])
def test_two_leaders_named_shaking_hands_meet(run, text: str, pair: set[str], place: str | None) -> None:
    facts = run(text, published=datetime(2024, 6, 24, tzinfo=UTC))
    assert any(pair <= set(s.participants) and (place is None or s.location == place) for s in facts.summits)


def test_meeting_again_is_none_of_the_meetings_told_before(run) -> None:
    facts = run("Xi Jinping hosted Vladimir Putin in Beijing in May. Putin said afterwards that he expected to meet Xi "
                "again before the end of the year, though no venue had been chosen.",
                published=datetime(2024, 6, 24, tzinfo=UTC))
    assert sorted((s.location or "", s.status or "") for s in facts.summits) == [("", "Planned"), ("Q956", "Held")]


def test_those_meetings_stand_for_meetings_told_and_start_none(run) -> None:
    facts = run("Donald Trump and Kim Jong-un shook hands in Singapore in June 2018. That autumn Moon Jae-in addressed "
                "a crowd of North Koreans in Pyongyang. Whatever one thought of those meetings, they raised hopes in "
                "Seoul.", published=datetime(2024, 6, 24, tzinfo=UTC))
    assert [(sorted(s.participants), s.location) for s in facts.summits] == [(["Q22686", "Q56226"], "Q334")]


@pytest.mark.parametrize(("text", "month"), [
    ("Vladimir Putin has not been back to Pyongyang since. Kim Jong-un last travelled to Russia in September 2023, "
     "when the two leaders met at the Vostochny Cosmodrome.", "2023-09"),
    ("Vladimir Putin waited at the station. Kim Jong-un had taken his armoured train to Vladivostok in April 2019, "
     "when the two leaders met for the first time.", "2019-04"),
])
def test_a_meeting_in_a_when_clause_is_dated_by_its_main_clause(run, text: str, month: str) -> None:
    facts = run(text, published=datetime(2024, 12, 1, tzinfo=UTC))
    assert [s.start.value.date().isoformat()[:7] for s in facts.summits if s.start] == [month]


@pytest.mark.parametrize(("text", "pair"), [
    ("Xi Jinping stood beside Vladimir Putin on Red Square in May 2015 as the parade went by.", {"Q15031", "Q7747"}),
    ("Only a year earlier, in Vladivostok, Shinzo Abe had stood next to Vladimir Putin and promised a deal.",
     {"Q132345", "Q7747"}),
    ("Joe Biden stood next to reporters on the lawn for an hour.", None),
])
def test_a_leader_standing_beside_another_meets_them(run, text: str, pair: set[str] | None) -> None:
    facts = run(text, published=datetime(2024, 12, 1, tzinfo=UTC))
    assert [pair <= set(s.participants) for s in facts.summits] == ([True] if pair else [])


def test_talks_a_journey_is_for_are_held_where_it_goes_whatever_their_length(run) -> None:
    facts = run("Xi Jinping flew to Moscow in March 2023 for three days of talks with Vladimir Putin.",
                published=datetime(2023, 6, 1, tzinfo=UTC))
    assert [s.location for s in facts.summits] == ["Q649"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Narendra Modi's two-day trip, from June 21 to 22, ended with a state dinner. At their talks in Washington on "
     "June 22, Modi and Joe Biden agreed to build jet engines together.", [("Q61", ("2024-06-21", "2024-06-22"))]),
    ("Xi Jinping's five-day trip, from May 5 to 10, took him to three capitals. He met Emmanuel Macron in Paris on "
     "May 6 and Viktor Orban in Budapest on May 9.", [("Q90", ("2024-05-06", None))]),
])
def test_a_meeting_on_a_day_of_a_visits_stated_days_is_the_visit(run, text: str,
                                                                 expected: list[tuple[str, tuple]]) -> None:
    facts = run(text, published=datetime(2024, 6, 30, tzinfo=UTC))
    assert [(s.location, days(s)) for s in facts.summits if s.start] == expected


@pytest.mark.parametrize("text", [
    "The trip was announced at short notice on Monday by the Kremlin and Xinhua.",
    "The talks were confirmed on Friday by both foreign ministries.",
])
def test_the_day_a_meeting_is_announced_on_is_not_its_day(nlp, text: str) -> None:
    doc = nlp(text)
    [trigger] = [t for t in doc if t.lower_ in ("trip", "talks")]
    assert dates(trigger, datetime(2024, 5, 15, tzinfo=UTC), None, False) == (None, None)


@pytest.mark.parametrize("links", [
    "Read more: Shinzo Abe and Vladimir Putin sign a fishing deal in Sochi | Trump and Kim meet at the DMZ",
    "Related:\nThe Trump-Kim summits, a timeline\nAbe and Putin sign a fishing deal in Sochi",
])
def test_a_list_of_links_names_other_stories_meetings(run, links: str) -> None:
    facts = run(f"Moon Jae-in met Xi Jinping in Beijing on Monday to talk about the North.\n\n{links}\n",
                published=datetime(2019, 12, 26, tzinfo=UTC))
    assert [sorted(s.participants) for s in facts.summits] == [["Q15031", "Q21001"]]
