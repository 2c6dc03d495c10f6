"""`diplograph link --online` end to end: a store with an entity the gazetteer cannot link, the
stand-in in place of Wikidata (through the documented endpoint variables), links with evidence."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from diplograph.config import Settings
from diplograph.store import Store

ARTICLE = "https://w3id.org/diplograph/id/article/online-link-test"
ID = "https://w3id.org/diplograph/id/"
DATA = f"""
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ARTICLE}> a dg:Article ; dg:mentions <{ID}leader/george-w-bush>, <{ID}leader/george-h-w-bush>,
    <{ID}leader/george-bush> .
<{ID}leader/george-w-bush> a dg:Leader ; rdfs:label "George W. Bush" .
<{ID}leader/george-h-w-bush> a dg:Leader ; rdfs:label "George H. W. Bush" .
<{ID}leader/george-bush> a dg:Leader ; rdfs:label "George Bush" .
"""


@pytest.fixture
def store_path(tmp_path, standin, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_WIKIDATA_API", standin.api)
    monkeypatch.setenv("DIPLOGRAPH_WIKIDATA_SPARQL", standin.sparql)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "store"
    with Store(path) as store:
        quads = ox.parse(DATA, format=ox.RdfFormat.TURTLE)
        store.replace_graph(ARTICLE, (ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ARTICLE)) for q in quads))
    return path


def links(store_path) -> dict[str, dict[str, str]]:
    with Store(store_path, read_only=True) as store:
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{Settings().graph('links')}> {{ ?s ?p ?o }} }}")
        found: dict[str, dict[str, str]] = {}
        for row in rows:
            found.setdefault(row["s"].value, {})[row["p"].value.rsplit("#", 1)[-1]] = row["o"].value
        return found


def run_link(store_path, *options: str) -> subprocess.CompletedProcess:
    """A separate process, as a user runs it (the store is released when it exits)."""
    return subprocess.run([sys.executable, "-m", "diplograph", "link", "--store", str(store_path), *options],
                          capture_output=True, text=True, timeout=300)


def test_online_links_an_unknown_leader_with_confidence_and_evidence(store_path, standin):
    result = run_link(store_path, "--online")

    assert result.returncode == 0, result.stderr
    found = links(store_path)
    # Unknown to the gazetteer: found online, with the evidence that made it a leader.
    bush = found[ID + "leader/george-h-w-bush"]
    assert bush["sameAs"] == "http://www.wikidata.org/entity/Q23505"
    assert float(bush["confidence"]) >= 0.9
    assert "President of the United States (Q11696)" in bush["comment"]
    # The gazetteer answers first; Wikidata is asked only about what it leaves unlinked.
    assert found[ID + "leader/george-w-bush"]["sameAs"] == "http://www.wikidata.org/entity/Q207"
    assert "offline gazetteer" in found[ID + "leader/george-w-bush"]["comment"]
    searched = {r.params.get("search") for r in standin.requests if r.path == "/w/api.php"}
    assert searched == {"George H. W. Bush", "George Bush"}
    # "George Bush" fits two presidents equally: left unlinked rather than guessed.
    assert ID + "leader/george-bush" not in found


def test_offline_run_never_asks_wikidata(store_path, standin):
    assert run_link(store_path).returncode == 0
    assert standin.requests == []
    assert ID + "leader/george-h-w-bush" not in links(store_path)


def test_second_online_run_is_served_from_the_cache(store_path, standin):
    assert run_link(store_path, "--online").returncode == 0
    asked = len(standin.requests)
    assert run_link(store_path, "--online").returncode == 0

    assert asked > 0
    assert len(standin.requests) == asked
    assert links(store_path)[ID + "leader/george-h-w-bush"]["sameAs"].endswith("/Q23505")


def test_rate_limited_run_waits_and_succeeds(store_path, standin):
    standin.throttle.append("1")
    result = run_link(store_path, "--online")

    assert result.returncode == 0, result.stderr
    assert standin.requests[1].at - standin.requests[0].at >= 1.0
    assert links(store_path)[ID + "leader/george-h-w-bush"]["sameAs"].endswith("/Q23505")


def test_unreachable_wikidata_is_a_clear_error_and_writes_nothing(store_path, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_WIKIDATA_API", "http://127.0.0.1:9/w/api.php")
    result = run_link(store_path, "--online")

    assert result.returncode == 1
    assert "cannot reach http://127.0.0.1:9/w/api.php" in result.stderr
    assert "no links written" in result.stderr
    assert links(store_path) == {}
