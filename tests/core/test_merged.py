"""The stored default graph stays the set union of the named graphs through every kind of write."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.merged import drop_graph_update, mirrored, replace_graph_update
from diplograph.store import Store

EX = "https://example.org/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
KIM = ox.NamedNode(EX + "kim")


def triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)}


def union_of_named(store: ox.Store) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in store if q.graph_name != ox.DefaultGraph()}


def article(name: str, *extra: tuple) -> list[ox.Quad]:
    me = ox.NamedNode(EX + name)
    return [ox.Quad(KIM, LABEL, ox.Literal("Kim Jong-un")), ox.Quad(me, ox.NamedNode(EX + "mentions"), KIM),
            *(ox.Quad(*t) for t in extra)]


def test_a_shared_statement_is_stored_once_and_matches_once(tmp_path):
    with Store(tmp_path / "s") as store:
        for name in ("a1", "a2", "a3"):
            store.replace_graph(EX + name, article(name))
        rows = list(store.query(f"SELECT ?l WHERE {{ <{KIM.value}> <{LABEL.value}> ?l }}"))
        assert len(rows) == 1
        assert len(store) == 6  # what the articles stored, not the default graph derived from them


def test_removing_one_article_keeps_what_another_still_says(tmp_path):
    with Store(tmp_path / "s") as store:
        only_a1 = (KIM, ox.NamedNode(EX + "title"), ox.Literal("Chairman"))
        store.replace_graph(EX + "a1", article("a1", only_a1))
        store.replace_graph(EX + "a2", article("a2"))
        store.replace_graph(EX + "a1", article("a1"))  # re-ingested without the title
        assert only_a1 not in triples(store.inner, ox.DefaultGraph())
        store.inner.update(drop_graph_update(EX + "a1"))
        assert (KIM, LABEL, ox.Literal("Kim Jong-un")) in triples(store.inner, ox.DefaultGraph())
        store.inner.update(drop_graph_update(EX + "a2"))
        assert triples(store.inner, ox.DefaultGraph()) == set()


def test_blank_nodes_leave_with_their_graph(tmp_path):
    with Store(tmp_path / "s") as store:
        node = ox.BlankNode()
        store.replace_graph(EX + "a1", [ox.Quad(node, LABEL, ox.Literal("x")), ox.Quad(KIM, LABEL, node)])
        store.replace_graph(EX + "a1", article("a1"))
        assert triples(store.inner, ox.DefaultGraph()) == union_of_named(store.inner)


def test_a_store_from_before_gets_its_default_graph_when_opened_for_writing(tmp_path):
    raw = ox.Store(str(tmp_path / "old"))
    raw.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(EX + "a1")) for q in article("a1"))
    raw.flush()
    del raw
    with Store(tmp_path / "old") as store:
        assert triples(store.inner, ox.DefaultGraph()) == union_of_named(store.inner)


def test_an_update_with_a_prologue_is_kept_exact_for_the_graphs_it_names(tmp_path):
    with Store(tmp_path / "s") as store:
        store.replace_graph(EX + "a1", article("a1"))
        store.replace_graph(EX + "a2", article("a2", (KIM, ox.NamedNode(EX + "rank"), ox.Literal("general"))))
        store.update(f"PREFIX ex: <{EX}>\nDROP GRAPH ex:a2 ;\nINSERT DATA {{ GRAPH ex:a3 {{ ex:kim ex:age 42 }} }}")
        assert triples(store.inner, ox.DefaultGraph()) == union_of_named(store.inner)


def test_a_graph_variable_template_still_copies_what_it_added(tmp_path):
    with Store(tmp_path / "s") as store:
        store.replace_graph(EX + "a1", article("a1"))
        store.update(f"INSERT {{ GRAPH ?g {{ ?s <{EX}seen> true }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
        assert triples(store.inner, ox.DefaultGraph()) == union_of_named(store.inner)


def test_a_graph_variable_delete_takes_from_the_default_graph_what_no_graph_still_holds(tmp_path):
    rank = (KIM, ox.NamedNode(EX + "rank"), ox.Literal("general"))
    with Store(tmp_path / "s") as store:
        store.replace_graph(EX + "a1", article("a1", rank))
        store.replace_graph(EX + "a2", article("a2"))
        store.update(f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                     f"DELETE WHERE {{ GRAPH ?g {{ <{KIM.value}> <{EX}rank> ?r }} }} ;\n"
                     f"DELETE {{ GRAPH ?g {{ ?s rdfs:label ?l }} }} WHERE {{ GRAPH ?g {{ ?s rdfs:label ?l }} "
                     f"FILTER(?g = <{EX}a1>) }}")
        default = triples(store.inner, ox.DefaultGraph())
        assert rank not in default  # no graph holds it now
        assert (KIM, LABEL, ox.Literal("Kim Jong-un")) in default  # a2 still says it
        assert default == union_of_named(store.inner)


GRAPHS = [EX + f"g{i}" for i in range(3)]
STATEMENTS = [(ox.NamedNode(EX + f"s{i}"), LABEL, ox.Literal(f"v{j}")) for i in range(2) for j in range(2)]
WRITES = st.one_of(
    st.tuples(st.just("replace"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=4)),
    st.tuples(st.just("drop"), st.sampled_from(GRAPHS), st.just([])),
    st.tuples(st.just("delete-data"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=2)),
    st.tuples(st.just("insert-data"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=2)),
    st.tuples(st.just("delete-var"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=2)),
    st.tuples(st.just("delete-where-var"), st.sampled_from(GRAPHS), st.lists(st.sampled_from(STATEMENTS), max_size=1)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WRITES, max_size=8))
def test_any_sequence_of_writes_keeps_the_default_graph_the_union(writes):
    store = ox.Store()
    for kind, graph, statements in writes:
        body = " ".join(f"{s} {p} {o} ." for s, p, o in statements)
        if kind == "replace":
            store.update(replace_graph_update(graph, [ox.Triple(*t) for t in statements]))
        elif kind == "drop":
            store.update(drop_graph_update(graph))
        elif kind == "delete-data":
            store.update(mirrored(f"DELETE DATA {{ GRAPH <{graph}> {{ {body} }} }}"))
        elif kind == "delete-var":  # GRAPH ?g: which graphs it deletes from is known only when it runs
            store.update(mirrored(f"DELETE {{ GRAPH ?g {{ {body} }} }} WHERE {{ GRAPH ?g {{ {body} }} "
                                  f"FILTER(?g = <{graph}>) }}"))
        elif kind == "delete-where-var":
            value = statements[0][2] if statements else ox.Literal("v0")
            store.update(mirrored(f"DELETE WHERE {{ GRAPH ?g {{ ?s {LABEL} {value} }} }}"))
        else:
            store.update(mirrored(f"INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}"))
        assert triples(store, ox.DefaultGraph()) == union_of_named(store), (kind, graph, statements)


def test_an_update_that_empties_every_graph_holding_a_triple_removes_it(tmp_path):
    with Store(tmp_path / "s") as store:
        store.replace_graph(EX + "a1", article("a1"))
        store.replace_graph(EX + "a2", article("a2"))
        store.update(f"DROP GRAPH <{EX}a1> ; DROP GRAPH <{EX}a2>")
        assert (KIM, LABEL, ox.Literal("Kim Jong-un")) not in triples(store.inner, ox.DefaultGraph())
