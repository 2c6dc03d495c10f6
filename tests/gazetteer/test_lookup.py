"""The shipped gazetteer answers the names news uses with the right Wikidata items, and refuses to guess."""

from datetime import date

import pytest

from diplograph.ingest.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(("surface", "kind", "qid"), [
    ("Trump", "Leader", "Q22686"),
    ("Donald Trump", "Leader", "Q22686"),
    ("Donald J. Trump", "Leader", "Q22686"),
    ("Kim Jong Un", "Leader", "Q56226"),
    ("Kim Jong-un", "Leader", "Q56226"),
    ("KIM JONG-UN", "Leader", "Q56226"),
    ("Kim Jong-un's", "Leader", "Q56226"),
    ("North Korea", "State", "Q423"),
    ("DPRK", "State", "Q423"),
    ("D.P.R.K.", "State", "Q423"),
    ("Democratic People's Republic of Korea", "State", "Q423"),
    ("U.S.", "State", "Q30"),
    ("US", "State", "Q30"),
    ("the U.S.", "State", "Q30"),
    ("America", "State", "Q30"),
    ("America\u2019s", "State", "Q30"),
    ("United States", "State", "Q30"),
    ("the United States of America", "State", "Q30"),
    ("South Korea", "State", "Q884"),
    ("ROK", "State", "Q884"),
    ("Republic of Korea", "State", "Q884"),
    ("Russia", "State", "Q159"),
    ("Russian Federation", "State", "Q159"),
    ("Britain", "State", "Q145"),
    ("UK", "State", "Q145"),
    ("Turkey", "State", "Q43"),
    ("Cote d'Ivoire", "State", "Q1008"),
    ("UN", "Organization", "Q1065"),
    ("U.N.", "Organization", "Q1065"),
    ("United Nations", "Organization", "Q1065"),
    ("UN Security Council", "Organization", "Q37470"),
    ("U.N. Security Council", "Organization", "Q37470"),
    ("UNSC", "Organization", "Q37470"),
    ("EU", "Organization", "Q458"),
    ("European Union", "Organization", "Q458"),
    ("NATO", "Organization", "Q7184"),
    ("IAEA", "Organization", "Q41984"),
    ("G7", "Organization", "Q1764511"),
    ("G-20", "Organization", "Q19771"),
    ("ASEAN", "Organization", "Q7768"),
    ("APEC", "Organization", "Q170481"),
    ("European Commission", "Organization", "Q8880"),
    ("Singapore", "State", "Q334"),
    ("Singapore", "Place", "Q334"),
    ("Hanoi", "Place", "Q1858"),
    ("Pyongyang", "Place", "Q18808"),
    ("Moscow", "Place", "Q649"),
    ("Kiev", "Place", "Q1899"),
    ("Putin", "Leader", "Q7747"),
    ("Vladimir Putin", "Leader", "Q7747"),
    ("Xi Jinping", "Leader", "Q15031"),
    ("Xi", "Leader", "Q15031"),
    ("Moon Jae-in", "Leader", "Q21001"),
    ("Moon Jae In", "Leader", "Q21001"),
    ("Joe Biden", "Leader", "Q6279"),
    ("Emmanuel Macron", "Leader", "Q3052772"),
    ("Antonio Guterres", "Person", "Q311440"),
    ("J.D. Vance", "Person", "Q28935729"),
    ("Joseph Biden", "Leader", "Q6279"),
    ("George W. Bush", "Leader", "Q207"),
])
def test_surface_links_to_expected_item(gaz: Gazetteer, surface: str, kind: str, qid: str) -> None:
    matches = {(e.kind, e.qid) for e in gaz.lookup(surface)}
    assert (kind, qid) in matches, f"{surface!r} -> {sorted(matches, key=str)}"
    assert len({q for k, q in matches if k == kind}) == 1, f"{surface!r} is ambiguous within {kind}: {matches}"


@pytest.mark.parametrize("qid", ["Q22686", "Q56226", "Q423", "Q30", "Q884", "Q1065", "Q37470", "Q334", "Q1858"])
def test_seed_article_items_are_present(gaz: Gazetteer, qid: str) -> None:
    assert gaz.by_qid(qid) is not None


def test_by_qid_prefers_the_state_of_a_city_state(gaz: Gazetteer) -> None:
    assert gaz.by_qid("Q334").kind == "State"
    assert gaz.by_qid("Q1858").kind == "Place" and gaz.by_qid("Q1858").state == "Q881"


@pytest.mark.parametrize("surface", ["us", "who", "xi", "Kim", "the", "", "Korea", "moon", "may", "Commission",
                                     "George Bush", "Bush"])
def test_words_and_bare_surnames_do_not_match(gaz: Gazetteer, surface: str) -> None:
    assert gaz.lookup(surface) == []


@pytest.mark.parametrize(("surface", "qids"), [
    ("Congo", {"Q971", "Q974"}),
    ("Luxembourg", {"Q32", "Q1842"}),
])
def test_ambiguous_names_return_every_candidate(gaz: Gazetteer, surface: str, qids: set[str]) -> None:
    assert {e.qid for e in gaz.lookup(surface)} == qids


@pytest.mark.parametrize(("surface", "label"), [
    ("KCNA", "Korean Central News Agency"), ("Workers' Party of Korea", "Workers' Party of Korea"),
    ("the Pentagon", "United States Department of Defense"), ("OFAC", "Office of Foreign Assets Control"),
    ("Kremlin", "Kremlin"), ("Panmunjom", "Panmunjom"),
])
def test_known_but_unlinked_entities_type_mentions_without_a_qid(gaz: Gazetteer, surface: str, label: str) -> None:
    [entry] = gaz.lookup(surface)
    assert entry.label == label and entry.qid is None


def test_held_single_source_items_are_not_linkable(gaz: Gazetteer) -> None:
    held = next(e for e in gaz.lookup("Kim Min-seok"))  # several people share the name
    assert held.qid is None and held.candidate_qid == "Q12587400" and held.policy.startswith("hold")
    assert not held.verified


def test_single_source_links_are_marked(gaz: Gazetteer) -> None:
    moon = gaz.by_qid("Q21001")
    assert moon.qid == "Q21001" and not moon.verified and moon.policy.startswith("link: single-source")


@pytest.mark.parametrize(("word", "qid"), [
    ("North Korean", "Q423"), ("American", "Q30"), ("South Korean", "Q884"), ("Russian", "Q159"),
    ("Chinese", "Q148"), ("British", "Q145"), ("Emirati", "Q878"), ("Filipino", "Q928"),
])
def test_demonyms(gaz: Gazetteer, word: str, qid: str) -> None:
    assert gaz.by_demonym(word).qid == qid


@pytest.mark.parametrize("word", ["Congolese", "Dominican", "Korean", "Martian"])
def test_ambiguous_or_unknown_demonyms_give_nothing(gaz: Gazetteer, word: str) -> None:
    assert gaz.by_demonym(word) is None


@pytest.mark.parametrize(("surface", "qid"), [
    ("Pyongyang", "Q423"), ("Washington", "Q30"), ("Seoul", "Q884"), ("Moscow", "Q159"), ("Beijing", "Q148"),
    ("the Kremlin", "Q159"), ("the White House", "Q30"), ("Blue House", "Q884"), ("Downing Street", "Q145"),
    ("Tokyo", "Q17"), ("Kyiv", "Q212"),
])
def test_metonyms_stand_for_their_state(gaz: Gazetteer, surface: str, qid: str) -> None:
    state = gaz.metonym(surface)
    assert state is not None and state.kind == "State" and state.qid == qid


@pytest.mark.parametrize("surface", ["Brussels", "Victoria", "Georgetown", "Hanoi Hilton", "Singapore", "Russia"])
def test_not_metonyms(gaz: Gazetteer, surface: str) -> None:
    assert gaz.metonym(surface) is None


def test_leaders_in_office_on_a_date(gaz: Gazetteer) -> None:
    assert [e.qid for e in gaz.leaders_of("Q30", date(2019, 2, 27))] == ["Q22686"]
    assert {e.label for e in gaz.leaders_of("Q30", date(2021, 1, 20))} == {"Donald Trump", "Joe Biden"}
    # The executive head of state first, then the premier, then the nominal head of state.
    assert [e.qid for e in gaz.leaders_of("Q423", date(2019, 2, 27))] == ["Q56226", "Q494800", "Q110456"]
    assert "Q21001" in {e.qid for e in gaz.leaders_of("Q884", date(2019, 2, 27))}
    assert {e.label for e in gaz.leaders_of("Q159", date(2010, 1, 1))} == {"Dmitry Medvedev", "Vladimir Putin"}
    assert {e.label for e in gaz.leaders_of("Q145", date(2023, 1, 1))} == {"Charles III", "Rishi Sunak"}
    assert "Charles III" in {e.label for e in gaz.leaders_of("Q16", date(2023, 1, 1))}
    assert gaz.leaders_of("Q30", date(1800, 1, 1)) == []


def test_every_leader_of_a_state(gaz: Gazetteer) -> None:
    labels = [e.label for e in gaz.leaders_of("Q30")]
    assert {"Barack Obama", "Donald Trump", "Joe Biden", "George W. Bush"} <= set(labels)
    assert len(labels) == len(set(labels))


def test_tenures_carry_role_dates_and_jurisdiction(gaz: Gazetteer) -> None:
    trump = gaz.by_qid("Q22686")
    assert ("HeadOfState", "2017-01-20", "2021-01-20") in trump.tenures
    assert ("HeadOfState", "2025-01-20", None) in trump.tenures
    assert set(trump.tenure_states) == {"Q30"} and len(trump.tenure_states) == len(trump.tenures)
    assert trump.state == "Q30"


def test_known_summits(gaz: Gazetteer) -> None:
    hanoi = gaz.find_summit(["Q22686", "Q56226"], date(2019, 2, 28))
    assert hanoi is not None and hanoi.location == "Hanoi" and hanoi.location_qid == "Q1858"
    assert gaz.find_summit(["Q22686", "Q56226"], date(2018, 6, 12)).location_qid == "Q334"
    assert gaz.find_summit(["Q22686", "Q56226"], date(2018, 6, 13)) is None
    keys = [tuple(gaz.summit_key(s)) for s in gaz.summits()]
    assert len(keys) == len(set(keys)), "two known summits would share an IRI"
    assert gaz.summit_key(hanoi) == ["summit", "Q30", "Q423", "Q1858", "2019"]


@pytest.mark.parametrize("surface", ["UNSCR 2397", "UN Security Council Resolution 2397", "Resolution 2397",
                                     "U.N. Security Council Resolution 2397"])
def test_legal_instruments(gaz: Gazetteer, surface: str) -> None:
    assert gaz.instrument(surface).label == "United Nations Security Council Resolution 2397"
    assert gaz.instrument("CAATSA").targets == ("Q159", "Q794", "Q423")
