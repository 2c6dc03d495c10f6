"""The shipped gazetteer files are consistent: unique IRIs, well-formed QIDs, every link justified."""

import re
from collections import Counter

import pytest

from diplograph.ingest import iris
from diplograph.ingest.gazetteer import Gazetteer

QID = re.compile(r"^Q[1-9][0-9]*$")
BASE = "https://w3id.org/diplograph/"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_labels_unique_per_kind(gaz: Gazetteer) -> None:
    iris_ = Counter(iris.entity(BASE, e.kind, e.label) for e in gaz.entries())
    assert [iri for iri, n in iris_.items() if n > 1] == []


def test_a_qid_names_one_entity_except_city_states(gaz: Gazetteer) -> None:
    by_qid: dict[str, list[str]] = {}
    for entry in gaz.entries():
        if entry.qid:
            by_qid.setdefault(entry.qid, []).append(entry.kind)
    shared = {qid: kinds for qid, kinds in by_qid.items() if len(kinds) > 1}
    assert shared == {"Q334": ["State", "Place"], "Q237": ["State", "Place"]}


def test_qids_are_well_formed_and_justified(gaz: Gazetteer) -> None:
    for entry in gaz.entries():
        for qid in (entry.qid, entry.candidate_qid):
            assert qid is None or QID.match(qid), entry
        assert not (entry.qid and entry.candidate_qid), entry
        assert entry.sources, entry
        if entry.qid:
            assert entry.policy.startswith("link:"), entry
        if entry.candidate_qid:
            assert entry.policy.startswith("hold:"), entry
        if entry.qid and not entry.verified:
            assert len(entry.policy) > len("link: single-source, "), f"{entry.label}: no reason recorded"


def test_every_un_member_sized_set_of_states(gaz: Gazetteer) -> None:
    states = [e for e in gaz.entries() if e.kind == "State"]
    assert len(states) >= 195
    assert all(e.qid and e.verified for e in states if e.iso2 and e.label != "Sahrawi Arab Democratic Republic")
    partly_recognised = {"Palestine", "Taiwan", "Kosovo", "Holy See", "Sahrawi Arab Democratic Republic"}
    assert partly_recognised <= {e.label for e in states}
    missing_demonyms = [e.label for e in states if not e.demonyms and e.label != "Holy See"]
    assert missing_demonyms == []


def test_capitals_point_at_places_of_their_state(gaz: Gazetteer) -> None:
    for state in (e for e in gaz.entries() if e.kind == "State" and e.capital):
        capital = next(e for e in gaz.entries() if e.kind == "Place" and e.qid == state.capital)
        assert capital.state == state.qid or state.label == "Holy See", state.label


def test_leaders_have_tenures_in_known_states_or_lead_a_known_organisation(gaz: Gazetteer) -> None:
    """A Leader heads a state in its tenures, or (the President of the European Commission, whom the
    annotation counts as a Leader) holds an office of an organisation the gazetteer knows, and no tenure."""
    states = {e.qid for e in gaz.entries() if e.kind == "State"}
    organisations = {e.qid for e in gaz.entries() if e.kind == "Organization"}
    for leader in (e for e in gaz.entries() if e.kind == "Leader"):
        if not leader.tenures:
            led = {m.group(1) for office in leader.offices for m in re.finditer(r"\(organisation: .* (Q\d+)\)", office)}
            assert led and led <= organisations, leader.label
            continue
        assert set(leader.tenure_states) <= states, leader.label
        for role, start, end in leader.tenures:
            assert role in {"HeadOfState", "HeadOfGovernment"}
            assert start is None or end is None or start <= end, leader.label


def test_summits_refer_to_known_entries(gaz: Gazetteer) -> None:
    labels = {e.label for e in gaz.entries() if e.kind == "Place"}
    for summit in gaz.summits():
        assert summit.location in labels, summit.label
        for qid in summit.participants:
            assert gaz.by_qid(qid) is not None and gaz.by_qid(qid).kind == "Leader", (summit.label, qid)


def test_figures(gaz: Gazetteer) -> None:
    kinds = Counter(e.kind for e in gaz.entries())
    assert kinds["State"] >= 195 and kinds["Place"] >= 195 and kinds["Organization"] >= 30
    assert kinds["Leader"] >= 100
