"""Which known leader or state a short or descriptive mention denotes: a surname several leaders
share, a titled short name, an office noun after a state's name or in a transcript's label, a capital
in an address, a people as a clause's subject."""

from __future__ import annotations

from datetime import UTC, datetime

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract


def _mentions(facts, qid: str) -> list[str]:
    return [m.text for m in facts.entities[qid].mentions] if qid in facts.entities else []


def test_a_bare_surname_shared_by_several_leaders_is_the_one_in_office(run):
    facts = run("Kim greeted the visitors at the border on Friday. Kim Yong-nam, the elderly nominal head of "
                "state, stood behind him, and the guests laid flowers at a statue of Kim Jong-il. Kim Jong-un "
                "told reporters the day would be remembered.", published=datetime(2018, 4, 27, tzinfo=UTC))
    assert _mentions(facts, "Q56226").count("Kim") == 1
    assert "Kim" not in _mentions(facts, "Q110456") + _mentions(facts, "Q10665")


def test_a_bare_surname_shared_by_several_leaders_stays_unlinked_without_a_date(run):
    facts = run("Kim greeted the visitors at the border. Kim Yong-nam stood behind him, and the guests laid "
                "flowers at a statue of Kim Jong-il. Kim Jong-un told reporters the day would be remembered.",
                published=None)
    assert "Kim" not in _mentions(facts, "Q56226") + _mentions(facts, "Q110456") + _mentions(facts, "Q10665")


def test_an_office_noun_after_a_state_s_name_is_that_state_s_leader(run):
    facts = run("Ankara welcomed the ceasefire on Sunday. Russia's president said he would send observers, and "
                "the US president told reporters the truce would hold.", published=datetime(2023, 5, 14, tzinfo=UTC))
    assert _mentions(facts, "Q7747") == ["president", "he"]
    assert _mentions(facts, "Q6279") == ["president"]
    assert {c.claimant for c in facts.claims} >= {"Q7747", "Q6279"}


def test_a_titled_short_name_is_the_known_leader_then_in_office(run):
    text = "Iranian President Rouhani told Prime Minister Modi in New Delhi on Saturday that Tehran wanted more trade."
    facts = run(text, published=datetime(2018, 2, 17, tzinfo=UTC))
    [rouhani] = [e for e in facts.entities.values() if "Rouhani" in e.label]
    assert rouhani.label == "Hassan Rouhani"
    assert [c.claimant for c in facts.claims] == [rouhani.key]
    later = run(text, published=datetime(2023, 2, 17, tzinfo=UTC))  # out of office by then: no link
    assert [e.label for e in later.entities.values() if "Rouhani" in e.label] == ["Rouhani"]


def test_a_capital_followed_by_its_state_s_name_is_the_city(run):
    facts = run("The talks were held at the Sheraton Hotel, Hanoi, Vietnam. Officials said Hanoi would host "
                "more such meetings.")
    assert _mentions(facts, "Q1858") == ["Hanoi"]
    assert _mentions(facts, "Q881") == ["Vietnam", "Hanoi"]


def test_a_people_named_with_the_as_a_subject_is_its_state(run):
    facts = run("The negotiator said the Russians had walked out of the room. Two Americans were detained at "
                "the border last year.")
    assert _mentions(facts, "Q159") == ["Russians"]
    assert "Q30" not in facts.entities


def test_an_office_label_in_a_transcript_is_the_leader_the_title_names(nlp):
    text = ("Tuesday 14 March 2023.\n\nTHE PRIME MINISTER: I spoke to Chancellor Scholz this morning.\n\n"
            "Q: Did you discuss Ukraine?\n\nTHE PRIME MINISTER: We did. He told me Berlin would send more tanks.")
    titled = Article(text=text, source="t.txt", title="Remarks by Prime Minister Rishi Sunak after the call",
                     published=datetime(2023, 3, 14, tzinfo=UTC))
    facts = extract(titled, nlp(text))
    [sunak] = [e for e in facts.entities.values() if e.label == "Rishi Sunak"]
    assert [m.text for m in sunak.mentions] == ["THE PRIME MINISTER", "THE PRIME MINISTER"]  # not the "He"
    assert [m.text for m in facts.entities["Q61053"].mentions] == ["Scholz", "He"]
    untitled = extract(Article(text=text, source="t.txt", published=datetime(2023, 3, 14, tzinfo=UTC)), nlp(text))
    assert "THE PRIME MINISTER" not in {m.text for e in untitled.entities.values() for m in e.mentions}


def test_a_leader_named_in_his_government_s_phrase_is_still_mentioned(run):
    facts = run("Prime Minister Giorgia Meloni's government said on Thursday that the new rules met its demands.")
    assert [e.label for e in facts.entities.values() if e.kind == "Government"] == ["Meloni government"]
    assert [m.text for m in facts.entities["Q451791"].mentions] == ["Giorgia Meloni's"]


def test_brussels_speaking_is_the_european_union_and_brussels_as_a_place_is_the_city(run):
    facts = run("Brussels says further listings may follow. Ministers met in Brussels on Monday to discuss them.")
    assert [m.text for m in facts.entities["Q458"].mentions] == ["Brussels"]
    assert [m.text for m in facts.entities["Q239"].mentions] == ["Brussels"]
    assert [c.claimant for c in facts.claims] == ["Q458"]


def test_the_president_of_the_european_commission_is_a_linked_leader(run):
    facts = run("European Commission President Ursula von der Leyen said on Wednesday that the bloc would list more "
                "Chinese firms. Von der Leyen spoke after talks with Japan's prime minister.")
    leyen = facts.entities["Q60772"]
    assert (leyen.kind, [m.text for m in leyen.mentions]) == ("Leader", ["Ursula von der Leyen", "Von der Leyen"])
    assert [c.claimant for c in facts.claims] == ["Q60772"]


def test_a_capital_in_an_x_based_adjective_is_the_city(run):
    facts = run("A Seoul-based monitoring group said the ship had docked in Nampo. Seoul said it would protest.")
    assert [m.text for m in facts.entities["Q8684"].mentions] == ["Seoul"]
    assert [m.text for m in facts.entities["Q884"].mentions] == ["Seoul", "it"]


def test_a_time_zone_after_a_clock_time_is_no_organisation(run):
    facts = run("The talks began at 10:00 KST on Friday, when Moon Jae-in welcomed Kim Jong-un at the border.")
    assert "KST" not in {e.label for e in facts.entities.values()}


def test_an_untitled_short_name_is_the_known_leader_only_beside_their_state(run):
    text = "Speaking in Hanoi, Phuc told the conference that Vietnam would keep growing."
    facts = run(text, published=datetime(2019, 2, 27, tzinfo=UTC))
    assert [e.label for e in facts.entities.values() if e.kind == "Leader"] == ["Nguyễn Xuân Phúc"]
    alone = run("Speaking at the conference, Phuc said growth would continue.",
                published=datetime(2019, 2, 27, tzinfo=UTC))
    assert not [e for e in alone.entities.values() if e.kind == "Leader"]


def test_a_state_s_leader_unnamed_in_the_article_is_the_one_leading_it_not_a_nominal_head(run):
    facts = run("The North Korean leader said talks were pointless, and the British leader called for restraint.",
                published=datetime(2021, 5, 1, tzinfo=UTC))
    assert [m.text for m in facts.entities["Q56226"].mentions] == ["North Korean leader"]  # not Choe Ryong-hae
    assert [m.text for m in facts.entities["Q180589"].mentions] == ["British leader"]  # not the Queen


def test_an_office_before_another_phrase_does_not_title_the_next_leader(run):
    facts = run("Chancellor Angela Merkel welcomed President Emmanuel Macron to Berlin on Monday. The two leaders "
                "walked to the chancellery. A joint lunch by the Chancellor and the President followed the "
                "talks. Afterwards the Chancellor said the two cabinets would meet again in the spring.",
                published=datetime(2019, 3, 4, tzinfo=UTC))
    assert _mentions(facts, "Q567")[-1] == "the Chancellor"
    assert "the Chancellor" not in _mentions(facts, "Q3052772")


def test_a_far_back_office_noun_is_the_titled_leader_then_in_office(run):
    facts = run("Chancellor Angela Merkel opened the new bridge over the Oder on Friday. The crossing replaces one "
                "that Chancellor Helmut Kohl had promised in 1991. Engineers needed four years to build it. Trucks "
                "will be allowed from next month. Local mayors praised the project. Trains will follow in 2021. "
                "In a short address the Chancellor said the border had never been so open.",
                published=datetime(2019, 5, 10, tzinfo=UTC))
    assert _mentions(facts, "Q567")[-1] == "the Chancellor"


def test_a_possessive_fronted_before_its_subject_is_that_subject(run):
    facts = run("Chancellor Angela Merkel received President Emmanuel Macron in Berlin on Monday. In her remarks, "
                "the Chancellor said the two countries would defend the single market together.",
                published=datetime(2019, 3, 4, tzinfo=UTC))
    assert _mentions(facts, "Q567")[-2:] == ["her", "the Chancellor"]
    assert "her" not in _mentions(facts, "Q3052772")


def test_she_is_the_known_woman_not_a_man_of_unknown_gender(run):
    facts = run("President Park Geun-hye received Prime Minister Shinzo Abe in Seoul on Monday. Abe laid a wreath "
                "at the national cemetery before the talks. She said the two governments had settled the old "
                "dispute.", published=datetime(2015, 11, 2, tzinfo=UTC))
    assert "She" in _mentions(facts, "Q138048")
    assert "She" not in _mentions(facts, "Q132345")


def test_a_capital_after_since_or_after_is_the_meeting_place_not_its_state(run):
    facts = run("Trump and Kim have not held formal talks since Hanoi, and both sides blame the other. After "
                "Hanoi, Pyongyang tested new missiles.", published=datetime(2019, 8, 1, tzinfo=UTC))
    assert _mentions(facts, "Q1858") == ["Hanoi", "Hanoi"]
    assert _mentions(facts, "Q881") == []


def test_a_capital_naming_an_agreement_is_neither_the_city_nor_its_state(run):
    facts = run("The ministers said sanctions on Russia would stay until the Minsk agreements are carried out in "
                "full.", published=datetime(2019, 2, 1, tzinfo=UTC))
    assert _mentions(facts, "Q184") == [] and _mentions(facts, "Q2280") == []
    assert _mentions(facts, "Q159") == ["Russia"]


def test_a_body_named_by_its_own_noun_is_that_body_of_the_named_organisation(run):
    facts = run("EU envoys approved the new listings on Wednesday after Hungary dropped its objections. Budapest "
                "had asked for guarantees about the Commission's timetable for ending pipeline imports.",
                published=datetime(2025, 6, 20, tzinfo=UTC))
    assert _mentions(facts, "Q8880") == ["Commission"]


def test_a_capital_where_a_view_is_held_is_its_state(run):
    facts = run("The offer was read in Moscow as a sign of weakness, officials said. Lavrov was seen in Geneva on "
                "Tuesday.", published=datetime(2021, 6, 1, tzinfo=UTC))
    assert _mentions(facts, "Q159") == ["Moscow"]
    assert _mentions(facts, "Q649") == []


def test_a_capital_for_what_a_meeting_there_left_behind_is_the_place(run):
    facts = run("Trump and Putin met in Helsinki in 2018. The lesson of Helsinki, aides say, is that a summit needs "
                "a plan, and nobody in Washington wants a repeat of Hanoi.", published=datetime(2019, 5, 2, tzinfo=UTC))
    assert _mentions(facts, "Q1757") == ["Helsinki", "Helsinki"]
    assert _mentions(facts, "Q1858") == ["Hanoi"]
    assert _mentions(facts, "Q33") == [] and _mentions(facts, "Q881") == []


def test_a_body_short_name_with_no_link_acts_for_its_organisation(run):
    """'the Council' in a story naming the EU is the EU's Council, which has no link: the EU acts; after
    the Security Council is named, 'the Council' is that one."""
    facts = run("The European Union agreed new curbs on Russian steel on Monday. The Council also adopted matching "
                "measures against Belarus, so that the steel cannot be routed through Minsk. In New York the "
                "Security Council met on Ukraine. The Council has not passed a resolution on the war since 2022.",
                published=datetime(2024, 2, 23, tzinfo=UTC))
    assert _mentions(facts, "Q458") == ["European Union", "Council"]
    assert _mentions(facts, "Q37470") == ["Security Council", "Council"]
    assert ("Q458", "Q184") in {(i, t) for s in facts.sanctions for i in s.imposers for t in s.targets}


def test_where_a_guest_is_invited_to_is_a_place(run):
    facts = run("Trump said he had invited Kim Jong-un to the White House. Kim has also accepted an invitation to "
                "Moscow from Vladimir Putin, the Kremlin said.", published=datetime(2019, 6, 30, tzinfo=UTC))
    assert _mentions(facts, "Q35525") == ["White House"]
    assert _mentions(facts, "Q649") == ["Moscow"]
    assert _mentions(facts, "Q159") == ["Kremlin"]


def test_a_fronted_capital_where_a_source_reports_is_its_state(run):
    """'In Moscow, Kremlin spokesman Dmitry Peskov told reporters': the state's voice, like 'officials in
    Washington'; 'In Beijing, Xi met Putin' keeps the place."""
    facts = run("In Moscow, Kremlin spokesman Dmitry Peskov told reporters that the new curbs were illegal. In "
                "Washington, officials said they would watch closely. In Beijing, Xi met Putin on Tuesday.",
                published=datetime(2023, 3, 21, tzinfo=UTC))
    assert _mentions(facts, "Q159")[:1] == ["Moscow"] and _mentions(facts, "Q30") == ["Washington"]
    assert _mentions(facts, "Q956") == ["Beijing"] and _mentions(facts, "Q649") == []


def test_a_capital_a_story_files_from_travels_to_or_leaves_is_the_city(run):
    """A dateline, a stretch 'from' one meeting place 'to' another, 'all the way to', a city left, a summit
    named by its city, and 'Then came Hanoi' before a summit is told are places; 'a message to Pyongyang',
    'the vote left Moscow isolated', 'From Washington to Tokyo, governments ...' and 'Then came Beijing'
    with no meeting near stay the states."""
    facts = run("Seoul, May 2 (Wire) -- From Singapore to Hanoi, the talks between Trump and Kim Jong-un went "
                "nowhere. Their second summit, Hanoi, ended early. Kim had gone by train all the way to Hanoi and "
                "left Hanoi without a deal.\n\nThen came Hanoi. When the summit broke up, the mood changed. A "
                "message to Pyongyang went unanswered, and the vote left Moscow isolated.\n\nFrom Washington to "
                "Tokyo, governments are watching. Then came Beijing.",
                published=datetime(2019, 5, 2, tzinfo=UTC))
    assert _mentions(facts, "Q8684") == ["Seoul"] and _mentions(facts, "Q884") == []
    assert _mentions(facts, "Q1858") == ["Hanoi"] * 5 and _mentions(facts, "Q881") == []
    assert _mentions(facts, "Q423") == ["Pyongyang"] and _mentions(facts, "Q159") == ["Moscow"]
    assert _mentions(facts, "Q17") == ["Tokyo"] and _mentions(facts, "Q148") == ["Beijing"]


def test_a_body_named_with_its_organisation_s_short_name_names_the_organisation(run):
    """'the UN panel of experts', 'the UN Command': an unlinked body named with a linked organisation's
    short name mentions that organisation as well as the body; a linked body ('the UN Security Council')
    is the body alone."""
    facts = run("Russia blocked the renewal of the UN panel of experts on Thursday. The UN Security Council "
                "will not vote again this year.", published=datetime(2024, 3, 29, tzinfo=UTC))
    assert _mentions(facts, "Q1065") == ["UN"]
    assert _mentions(facts, "Q37470") == ["UN Security Council"]
    assert any(e.label == "UN Panel of Experts on North Korea" for e in facts.entities.values())


def test_an_office_with_an_indefinite_determiner_before_its_modifiers_is_no_one(run):
    """'a sitting U.S. president', 'a North Korean leader': no one in particular, though the determiner is
    not right before the office noun; 'the U.S. president' is the one in office."""
    facts = run("It was the first time a sitting U.S. president had set foot in the country, and a North Korean "
                "leader had never met one there. The U.S. president said the day was historic.",
                published=datetime(2019, 6, 30, tzinfo=UTC))
    assert _mentions(facts, "Q22686") == ["president"]
    assert _mentions(facts, "Q56226") == []


def test_a_capital_naming_how_a_meeting_there_went_is_the_place(run):
    """'the Hanoi collapse', 'the Helsinki fiasco': the meeting held there, not the state; 'the Beijing
    government' is the state."""
    facts = run("Analysts trace the Hanoi collapse to the thin text signed in Singapore, and the Helsinki fiasco "
                "still worries aides. The Beijing government said nothing.", published=datetime(2019, 6, 1, tzinfo=UTC))
    assert _mentions(facts, "Q1858") == ["Hanoi"] and _mentions(facts, "Q881") == []
    assert _mentions(facts, "Q1757") == ["Helsinki"] and _mentions(facts, "Q33") == []
    assert "Beijing" not in _mentions(facts, "Q956")


def test_a_long_form_name_with_a_possessive_inside_is_the_state_it_names(run):
    """spaCy splits "People's" in two; the name must still match whole, not from "Republic of ..." on,
    which names another state (South Korea, Taiwan)."""
    facts = run("Vladimir Putin landed in Pyongyang for a state visit to the Democratic People's Republic of "
                "Korea, after talks with envoys of the People's Republic of China in Moscow.",
                published=datetime(2024, 6, 18, tzinfo=UTC))
    assert _mentions(facts, "Q423") == ["Democratic People's Republic of Korea"]
    assert _mentions(facts, "Q148") == ["People's Republic of China"]
    assert not _mentions(facts, "Q884") and not _mentions(facts, "Q865")
