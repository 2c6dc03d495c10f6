"""The counts the store keeps (articles per entity, claims per claimant) stay exact through every write."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.aggregates import COUNTED, DGS, recount, stats_graph
from diplograph.cli import main
from diplograph.merged import add_update, drop_graph_update, mirrored, replace_graph_update
from diplograph.ontology import DG
from diplograph.store import Store

EX = "https://example.org/"
MENTIONS, CLAIMANT = ox.NamedNode(f"{DG}mentions"), ox.NamedNode(f"{DG}claimant")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
KIM, MOON = ox.NamedNode(EX + "kim"), ox.NamedNode(EX + "moon")


def expected(store: ox.Store) -> dict[tuple[str, str], int]:
    """Counted statements of the named graphs (each distinct statement once), counted here in Python."""
    stats = ox.NamedNode(stats_graph())
    statements = {(q.subject, q.predicate, q.object) for q in store
                  if q.graph_name not in (ox.DefaultGraph(), stats) and q.predicate.value in COUNTED
                  and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}
    return dict(Counter((o.value, COUNTED[p.value]) for _, p, o in statements))


def kept(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> dict[tuple[str, str], int]:
    return {(q.subject.value, q.predicate.value): int(q.object.value)
            for q in store.quads_for_pattern(None, None, None, graph) if q.predicate.value.startswith(DGS)}


def assert_exact(store: ox.Store) -> None:
    want = expected(store)
    assert kept(store, ox.NamedNode(stats_graph())) == want
    assert kept(store, ox.DefaultGraph()) == want
    named = {q.triple for q in store if q.graph_name != ox.DefaultGraph()}
    assert {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == named


def article(name: str, *mentioned: ox.NamedNode) -> list[ox.Quad]:
    me = ox.NamedNode(EX + name)
    return [ox.Quad(me, LABEL, ox.Literal(name)), *(ox.Quad(me, MENTIONS, e) for e in mentioned),
            ox.Quad(KIM, LABEL, ox.Literal("Kim Jong-un"))]


def test_ingest_reingest_and_delete_keep_the_counts(tmp_path):
    with Store(tmp_path / "s") as store:
        store.replace_graph(EX + "a1", article("a1", KIM, MOON))
        store.replace_graph(EX + "a2", article("a2", KIM))
        claim = ox.NamedNode(EX + "a2#claim")
        store.add(EX + "a2", [ox.Quad(claim, CLAIMANT, MOON)])
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 2,
                                                        (MOON.value, DGS + "articles"): 1,
                                                        (MOON.value, DGS + "claims"): 1}
        store.replace_graph(EX + "a1", article("a1", KIM))  # re-ingested: no longer mentions Moon
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 2,
                                                        (MOON.value, DGS + "claims"): 1}
        store.inner.update(drop_graph_update(EX + "a2"))
        assert_exact(store.inner)
        rows = list(store.query(f"SELECT ?n WHERE {{ <{KIM.value}> <{DGS}articles> ?n }}"))
        assert [int(r["n"].value) for r in rows] == [1]


def test_the_same_statement_in_two_graphs_counts_once(tmp_path):
    with Store(tmp_path / "s") as store:
        shared = [ox.Quad(ox.NamedNode(EX + "a1"), MENTIONS, KIM)]
        store.replace_graph(EX + "copy1", shared)
        store.replace_graph(EX + "copy2", shared)
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 1}
        store.inner.update(drop_graph_update(EX + "copy1"))
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 1}
        assert_exact(store.inner)


def test_loads_and_dumps_bring_their_counts(tmp_path):
    source = tmp_path / "articles.nq"
    source.write_text("".join(f"{q.subject} {q.predicate} {q.object} <{EX}{name}> .\n"
                              for name, quads in (("a1", article("a1", KIM, MOON)), ("a2", article("a2", KIM)))
                              for q in quads))
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(source), "--store", str(tmp_path / "bulk")]).exit_code == 0
    assert runner.invoke(main, ["load", str(source), "--store", str(tmp_path / "bulk-again")]).exit_code == 0
    dump = tmp_path / "dump.nq"
    assert runner.invoke(main, ["export", "--format", "nquads", "-o", str(dump),
                                "--store", str(tmp_path / "bulk")]).exit_code == 0
    assert runner.invoke(main, ["load", str(dump), "--store", str(tmp_path / "restored")]).exit_code == 0
    with Store(tmp_path / "restored") as store:  # opened for writing: nothing to recount
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 2,
                                                        (MOON.value, DGS + "articles"): 1}
        assert_exact(store.inner)
        store.load(source)  # the transactional path, into a store with data
        assert_exact(store.inner)


def test_a_store_from_before_gets_its_counts_when_opened_for_writing(tmp_path):
    raw = ox.Store(str(tmp_path / "old"))
    raw.extend(ox.Quad(*q.triple, ox.NamedNode(EX + "a1")) for q in article("a1", KIM))
    raw.extend(ox.Quad(*q.triple) for q in article("a1", KIM))
    raw.flush()
    del raw
    with Store(tmp_path / "old") as store:
        assert kept(store.inner, ox.DefaultGraph()) == {(KIM.value, DGS + "articles"): 1}
        assert_exact(store.inner)


GRAPHS = [EX + f"g{i}" for i in range(3)]
STATEMENTS = [(ox.NamedNode(EX + f"a{i}"), p, e) for i in range(2) for p in (MENTIONS, CLAIMANT) for e in (KIM, MOON)]
WRITES = st.one_of(
    st.tuples(st.just("replace"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=4)),
    st.tuples(st.just("add"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=3)),
    st.tuples(st.just("drop"), st.sampled_from(GRAPHS), st.just([])),
    st.tuples(st.just("delete-data"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=2)),
    st.tuples(st.just("recount"), st.sampled_from(GRAPHS), st.just([])),
    st.tuples(st.just("move"), st.sampled_from(GRAPHS), st.just([])),
    st.tuples(st.just("drop-two"), st.sampled_from(GRAPHS), st.just([])),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WRITES, max_size=8))
def test_any_sequence_of_writes_keeps_the_counts_exact(writes):
    store = ox.Store()
    for kind, graph, statements in writes:
        triples = [ox.Triple(*t) for t in statements]
        if kind == "replace":
            store.update(replace_graph_update(graph, triples))
        elif kind == "add":
            store.update(add_update(graph, triples))
        elif kind == "drop":
            store.update(drop_graph_update(graph))
        elif kind == "delete-data":
            body = " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
            store.update(mirrored(f"DELETE DATA {{ GRAPH <{graph}> {{ {body} }} }}"))
        elif kind == "move":  # one update that empties two graphs into a third
            first, second, target = GRAPHS if graph == GRAPHS[0] else reversed(GRAPHS)
            store.update(mirrored(f"ADD <{first}> TO <{target}> ; DROP SILENT GRAPH <{first}> ; "
                                  f"DROP SILENT GRAPH <{second}>"))
        elif kind == "drop-two":  # what only the two held leaves, though each alone shares it with the other
            other = GRAPHS[(GRAPHS.index(graph) + 1) % len(GRAPHS)]
            store.update(mirrored(f"DROP SILENT GRAPH <{graph}> ; DROP SILENT GRAPH <{other}>"))
        else:
            store.update(recount())
        assert_exact(store)


def test_the_canned_query_reads_the_counts_and_filters_by_class(tmp_path):
    from diplograph.queries.catalog import catalog

    canned = catalog()["most-mentioned"]
    leader, state = ox.NamedNode(f"{DG}Leader"), ox.NamedNode(f"{DG}State")
    korea = ox.NamedNode(EX + "north-korea")
    with Store(tmp_path / "s") as store:
        for name, mentioned in (("a1", (KIM, korea)), ("a2", (KIM, korea)), ("a3", (KIM,))):
            store.replace_graph(EX + name, [*article(name, *mentioned), ox.Quad(KIM, ox.NamedNode(
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), leader), ox.Quad(korea, ox.NamedNode(
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), state)])
        rows = [(r["entity"].value, int(r["articles"].value)) for r in store.query(canned.text)]
        assert rows == [(KIM.value, 3), (korea.value, 2)]
        only_states = store.query(canned.text, bindings=canned.bindings({"type": state.value}))
        assert [(r["entity"].value, r["label"]) for r in only_states] == [(korea.value, None)]
