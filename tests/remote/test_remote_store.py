"""`--store http://…`: ingest, load, query, stats and export against a real Oxigraph server on 127.0.0.1
give what the embedded store gives, and each article is written in one SPARQL Update request."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest
from remote_helpers import cli

from diplograph.config import Settings
from diplograph.remote_store import SparqlStore
from diplograph.store import Store

SAMPLES = ("001_us_dprk_dmz.json", "007_unsc_resolution_2397.json", "012_hanoi_cut_short.json")
# Written for this test (news-like, real names, our own words); the second version replaces the first.
TALKS_URL = "https://news.example.org/2018/04/27/panmunjom-talks"
TALKS_V1 = {"url": TALKS_URL, "title": "Moon and Kim meet at the border village of Panmunjom",
            "published": "2018-04-27T09:30:00Z",
            "text": "South Korean President Moon Jae-in and North Korean leader Kim Jong Un met at Panmunjom on "
                    "Friday for the first inter-Korean summit in eleven years. Moon said both sides wanted a "
                    "peace treaty before the end of the year."}
TALKS_V2 = {"url": TALKS_URL, "title": "Kim and Moon pledge a nuclear-free peninsula",
            "published": "2018-04-27T18:00:00Z",
            "text": "North Korean leader Kim Jong Un and South Korean President Moon Jae-in signed a declaration at "
                    "Panmunjom on Friday pledging to rid the peninsula of nuclear weapons. Chinese officials said "
                    "they welcomed the agreement."}
DG = "https://w3id.org/diplograph/ontology#"
PREFIX = f"PREFIX dg: <{DG}>"
ARTICLE_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/diplograph/ontology#Article> } }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    samples = files("diplograph.ingest") / "samples"
    for name in SAMPLES:
        shutil.copyfile(str(samples / name), folder / name)
    (folder / "talks.json").write_text(json.dumps(TALKS_V1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stores(corpus, proxy, tmp_path_factory):
    """The same articles ingested into an embedded store and, through the proxy, into Oxigraph's server."""
    local = tmp_path_factory.mktemp("local") / "store"
    code, output = cli("ingest", str(corpus), "--store", str(local))
    assert code == 0, output
    proxy.clear()
    code, output = cli("ingest", str(corpus), "--store", proxy.url)
    assert code == 0, output
    return local, proxy.url


def canonical_quads(nquads: bytes) -> set[ox.Quad]:
    """The dataset's quads with blank nodes canonically named, so two dumps compare as sets."""
    dataset = ox.Dataset(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def export(store: str) -> set[ox.Quad]:
    code, output = cli("export", "--format", "nquads", "--store", store)
    assert code == 0, output
    return canonical_quads(output.encode())


def test_ingest_gives_the_same_graphs_and_quads_as_the_embedded_store(stores):
    local, remote = stores
    with Store(local, read_only=True) as store:
        local_graphs = store.graphs()
    with SparqlStore(remote) as store:
        assert store.graphs() == local_graphs
        articles = [row["g"].value for row in store.query(ARTICLE_GRAPHS)]
    assert len(articles) == len(SAMPLES) + 1
    assert {Settings().graph("ontology"), Settings().graph("reference")} <= set(local_graphs)
    local_quads, remote_quads = export(str(local)), export(remote)
    assert len(remote_quads) > 1000
    assert remote_quads == local_quads
    # The remote's default graph is the merged one: each distinct triple of the named graphs, once.
    code, output = cli("export", "--format", "ntriples", "--store", remote)
    assert code == 0, output
    default = [ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(output.encode(), format=ox.RdfFormat.N_TRIPLES) if not _blank(q)]
    named = {ox.Triple(q.subject, q.predicate, q.object) for q in remote_quads if not _blank(q)}
    assert len(default) == len(set(default)) and set(default) == named


def test_each_article_is_one_update_request(stores, proxy):
    """The ingest in ``stores`` sent one request per graph (ontology, reference, each article), no more."""
    updates = [parse_qs(seen.body.decode())["update"][0] for seen in proxy.requests_to("POST", "/update")]
    with SparqlStore(stores[1]) as store:
        articles = [row["g"].value for row in store.query(ARTICLE_GRAPHS)]
    assert len(updates) == len(articles) + 2
    for graph in [*articles, Settings().graph("ontology"), Settings().graph("reference")]:
        assert sum(f"DROP SILENT GRAPH <{graph}>" in text for text in updates) == 1, graph
    assert not proxy.requests_to("PUT", "/store") and not proxy.requests_to("POST", "/store")


def test_reingest_replaces_the_article_everywhere(stores, corpus, tmp_path):
    local, remote = stores
    changed = tmp_path / "talks.json"
    changed.write_text(json.dumps(TALKS_V2), encoding="utf-8")
    for store in (str(local), remote):
        code, output = cli("ingest", str(changed), "--store", store)
        assert code == 0, output
    titles = "SELECT ?title WHERE { ?a <https://w3id.org/diplograph/ontology#title> ?title }"
    in_graphs = ("SELECT ?g ?title WHERE { GRAPH ?g { ?a <https://w3id.org/diplograph/ontology#url> ?url ; "
                 "<https://w3id.org/diplograph/ontology#title> ?title } }")
    with SparqlStore(remote) as store:
        default_titles = {row["title"].value for row in store.query(titles)}
        graph_titles = [(row["g"].value, row["title"].value) for row in store.query(in_graphs)
                        if row["title"].value in (TALKS_V1["title"], TALKS_V2["title"])]
        articles = [row["g"].value for row in store.query(ARTICLE_GRAPHS)]
    assert TALKS_V2["title"] in default_titles and TALKS_V1["title"] not in default_titles
    assert len(graph_titles) == 1 and graph_titles[0][1] == TALKS_V2["title"]
    assert len(articles) == len(SAMPLES) + 1
    assert export(remote) == export(str(local))
    # Put the first version back for the tests that follow, in both stores alike.
    changed.write_text(json.dumps(TALKS_V1), encoding="utf-8")
    for store in (str(local), remote):
        assert cli("ingest", str(changed), "--store", store)[0] == 0


def test_an_edited_file_replaces_its_earlier_version_everywhere(stores, tmp_path):
    """The earlier version is found with a query and dropped in the new version's one Update request."""
    local, remote = stores
    notes = tmp_path / "notes.txt"
    first = "Japanese Prime Minister Shinzo Abe met Vladimir Putin in Vladivostok. Abe said talks would go on."
    second = first.replace("would go on", "had stalled")
    for text in (first, second):
        notes.write_text(f"Abe and Putin in Vladivostok\n\n{text}\n", encoding="utf-8")
        for store in (str(local), remote):
            assert cli("ingest", str(notes), "--store", store)[0] == 0
    from_notes = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{DG}sourceLocation> {ox.Literal(str(notes))} }} }}"
    with SparqlStore(remote) as store:
        assert len(list(store.query(from_notes))) == 1
        texts = {row["t"].value for row in store.query(f"SELECT ?t WHERE {{ ?a <{DG}text> ?t }}")}
    assert second in texts and first not in texts
    assert export(remote) == export(str(local))
    for store in (str(local), remote):  # as it was, for the tests that follow
        with SparqlStore(store) if store == remote else Store(store) as opened:
            [(graph,)] = [tuple(row) for row in opened.query(from_notes)]
            opened.update(f"DROP GRAPH {graph}")


@pytest.mark.parametrize("name", ["articles", "entities", "summits", "sanctions", "claims"])
def test_canned_queries_give_the_same_rows(stores, name):
    local, remote = stores
    outputs = []
    for store in (str(local), remote):
        code, output = cli("query", name, "--format", "csv", "--store", store)
        assert code == 0, output
        outputs.append(output.splitlines())
    assert outputs[0][0] == outputs[1][0]  # the header
    assert len(outputs[0]) > 1
    assert sorted(outputs[0]) == sorted(outputs[1])


@pytest.mark.parametrize(("name", "param", "pattern"), [
    ("claims", "claimant", "?x dg:claimant ?v"),
    ("leader-profile", "leader", "?v a dg:Leader ; dg:leaderOf ?x"),
    ("claims-about", "about", "?x dg:about ?v"),
])
def test_parameters_bind_on_the_remote_too(stores, name, param, pattern):
    """A canned query's parameter reaches the remote as a VALUES clause and constrains the same rows."""
    local, remote = stores
    with Store(local, read_only=True) as store:
        values = sorted({row["v"].value for row in store.query(f"{PREFIX} SELECT DISTINCT ?v WHERE {{ {pattern} }}")})
    assert values
    for value in values[:3]:
        outputs = []
        for store in (str(local), remote):
            code, output = cli("query", name, "--param", f"{param}={value}", "--format", "csv", "--store", store)
            assert code == 0, output
            outputs.append(sorted(output.splitlines()))
        assert outputs[0] == outputs[1]
        assert len(outputs[1]) > 1


def test_a_parameter_inside_optional_keeps_only_matching_rows(stores):
    """`summits --param participant=X` lists only summits X took part in: the remote joins the value
    with the query's result (SPARQL's VALUES), so an OPTIONAL that does not match X drops the row."""
    _, remote = stores
    with SparqlStore(remote) as store:
        attended = {(row["s"].value, row["p"].value) for row in store.query(
            f"{PREFIX} SELECT DISTINCT ?s ?p WHERE {{ ?s a dg:Summit ; dg:participant ?p . ?a dg:mentions ?s }}")}
    participants = sorted({p for _, p in attended})
    assert len(participants) > 2
    for participant in participants:
        code, output = cli("query", "summits", "--param", f"participant={participant}", "--format", "csv",
                           "--store", remote)
        assert code == 0, output
        summits = {line.split(",")[0] for line in output.splitlines()[1:]}
        assert summits == {s for s, p in attended if p == participant}, participant


def test_query_file_stats_and_one_graph_export(stores, tmp_path):
    local, remote = stores
    query = tmp_path / "leaders.rq"
    query.write_text("PREFIX dg: <https://w3id.org/diplograph/ontology#>\n"
                     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                     "SELECT ?leader ?label WHERE { ?leader a dg:Leader ; rdfs:label ?label } ORDER BY ?label\n")
    results = [cli("query", str(query), "--format", "json", "--store", s) for s in (str(local), remote)]
    assert all(code == 0 for code, _ in results), results
    rows = [sorted(json.dumps(b, sort_keys=True) for b in json.loads(out)["results"]["bindings"]) for _, out in results]
    assert rows[0] == rows[1] and rows[0]
    stats = [cli("stats", "--json", "--store", s) for s in (str(local), remote)]
    assert all(code == 0 for code, _ in stats), stats
    assert json.loads(stats[0][1]) == json.loads(stats[1][1])
    ontology = Settings().graph("ontology")
    graphs = [cli("export", "--format", "ntriples", "--graph", ontology, "--store", s) for s in (str(local), remote)]
    parsed = [set(ox.parse(out.encode(), format=ox.RdfFormat.N_TRIPLES)) for _, out in graphs]
    assert len(parsed[1]) > 100
    dataset = [ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in p) for p in parsed]
    for d in dataset:
        d.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert set(dataset[0]) == set(dataset[1])


def test_load_sends_one_request_and_keeps_the_default_graph(proxy, tmp_path):
    data = tmp_path / "extra.ttl"
    data.write_text('<https://example.org/seoul> <http://www.w3.org/2000/01/rdf-schema#label> "Seoul"@en .\n'
                    '<https://example.org/seoul> <http://www.w3.org/2000/01/rdf-schema#label> "서울"@ko .\n')
    proxy.clear()
    code, output = cli("load", str(data), "--store", proxy.url)
    assert code == 0, output
    assert len(proxy.requests_to("POST", "/update")) == 1
    with SparqlStore(proxy.url) as store:
        # Read at once: pyoxigraph's results must not outlive this thread (below, a failed command's
        # traceback keeps this frame alive until the garbage collector frees it, in any thread).
        in_graph = {r["l"].value for r in store.query(f"SELECT ?l WHERE {{ GRAPH <{data.resolve().as_uri()}> "
                                                      "{ ?s ?p ?l } }")}
        in_default = {r["l"].value for r in store.query("SELECT ?l WHERE { <https://example.org/seoul> ?p ?l }")}
        assert in_graph == in_default == {"Seoul", "서울"}
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n")
    proxy.clear()
    code, output = cli("load", str(bad), "--store", proxy.url)
    assert code == 1 and "bad.ttl" in output and "line 1" in output
    assert not proxy.requests_to("POST", "/update")


def test_remote_syntax_error_is_reported_with_its_url(proxy, tmp_path):
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?x WHERE { ?x ?y }\n")
    code, output = cli("query", str(query), "--store", proxy.url)
    assert code == 1
    assert f"{proxy.url}/query answered 400" in output
    assert "Traceback" not in output


def _blank(statement: ox.Triple | ox.Quad) -> bool:
    return isinstance(statement.subject, ox.BlankNode) or isinstance(statement.object, ox.BlankNode)


def test_an_update_keeps_the_remote_default_graph_exact(proxy):
    ex = "https://example.org/update-"
    with SparqlStore(proxy.url) as store:
        store.update(f'INSERT DATA {{ GRAPH <{ex}a> {{ <{ex}kim> <{ex}rank> "marshal" }} }}')
        seen = store.query(f"ASK {{ <{ex}kim> <{ex}rank> \"marshal\" }}")
        store.update(f"PREFIX u: <{ex}>\nDROP GRAPH u:a")
        gone = store.query(f"ASK {{ <{ex}kim> <{ex}rank> \"marshal\" }}")
    assert bool(seen) and not bool(gone)
