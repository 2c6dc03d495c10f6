"""``diplograph load`` into an empty store takes Oxigraph's bulk loader; nothing stays half-loaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from diplograph.aggregates import recount, stats_graph
from diplograph.cli import main
from diplograph.store import Store, StoreError, parse_file

GOOD = """\
<https://example.org/a1> <https://example.org/title> "Leaders meet" <https://example.org/a1> .
<https://example.org/a1> <https://example.org/mentions> <https://example.org/kim> <https://example.org/a1> .
<https://example.org/kim> <http://www.w3.org/2000/01/rdf-schema#label> "Kim Jong-un" <https://example.org/a2> .
<https://example.org/x> <https://example.org/p> "in no graph" .
"""
BAD = """\
<https://example.org/b1> <https://example.org/p> "fine" <https://example.org/b1> .
<https://example.org/b1> <https://example.org/p> "also fine" <https://example.org/b1> .
<https://example.org/b1> <https://example.org/p> .
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def quads(store_dir: Path) -> set[tuple[str, str, str, str]]:
    """The named graphs' quads; checks on the way that the default graph holds each of their triples once."""
    with Store(store_dir, read_only=True) as store:
        named = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store.inner
                 if q.graph_name != ox.DefaultGraph()}
        default = {(str(q.subject), str(q.predicate), str(q.object))
                   for q in store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == {quad[:3] for quad in named}
    return named


def test_dump_into_fresh_store_keeps_graphs_and_names_the_rest_after_the_file(tmp_path):
    good = tmp_path / "good.nq"
    good.write_text(GOOD)
    code, output = run("load", str(good), "--store", str(tmp_path / "store"))
    assert code == 0, output
    loaded = quads(tmp_path / "store")
    assert len(loaded) == 4
    assert {g for *_, g in loaded} == {"<https://example.org/a1>", "<https://example.org/a2>", f"<{good.as_uri()}>"}
    assert f"{good}: 4 triples" in output


def test_bad_line_in_fresh_store_is_named_and_leaves_the_store_empty(tmp_path):
    good, bad = tmp_path / "good.nq", tmp_path / "bad.nq"
    good.write_text(GOOD)
    bad.write_text(BAD)
    code, output = run("load", str(good), str(bad), "--store", str(tmp_path / "store"))
    assert code != 0
    assert "bad.nq" in output and "line 3" in output and "nothing loaded" in output
    assert quads(tmp_path / "store") == set()


def test_store_with_data_keeps_the_transactional_path(tmp_path):
    good, bad = tmp_path / "good.nq", tmp_path / "bad.nq"
    good.write_text(GOOD)
    bad.write_text(BAD)
    store_dir = tmp_path / "store"
    assert run("load", str(good), "--store", str(store_dir))[0] == 0
    before = quads(store_dir)
    code, output = run("load", str(bad), "--store", str(store_dir))
    assert code != 0 and "line 3" in output and "nothing loaded" in output
    assert quads(store_dir) == before
    more = tmp_path / "more.nq"
    more.write_text('<https://example.org/y> <https://example.org/p> "added" <https://example.org/a3> .\n')
    assert run("load", str(more), "--store", str(store_dir))[0] == 0
    assert quads(store_dir) == before | {("<https://example.org/y>", "<https://example.org/p>", '"added"',
                                          "<https://example.org/a3>")}


def test_bulk_load_refuses_a_store_with_data(tmp_path):
    good = tmp_path / "good.nq"
    good.write_text(GOOD)
    with Store(tmp_path / "store") as store:
        store.inner.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                                ox.Literal("o"), ox.NamedNode("https://example.org/g")))
        try:
            store.bulk_load([(good, good.as_uri())])
        except Exception as error:
            assert "not empty" in str(error)
        else:
            raise AssertionError("bulk_load wrote into a store that had data")
        assert len(store) == 1


MENTIONS = "https://w3id.org/diplograph/ontology#mentions"
WITH_BLANK_NODES = f"""\
<https://example.org/a1> <{MENTIONS}> <https://example.org/kim> <https://example.org/a1> .
<https://example.org/a2> <{MENTIONS}> <https://example.org/kim> <https://example.org/a2> .
<https://example.org/a2> <{MENTIONS}> <https://example.org/kim> <https://example.org/a2-copy> .
_:list <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <https://example.org/kim> <https://example.org/o> .
<https://example.org/c> <https://example.org/oneOf> _:list <https://example.org/o> .
_:note <https://example.org/p> "in the file's default graph" .
<https://example.org/s> <https://example.org/p> "in a graph named by a blank node" _:g .
"""
TURTLE = """\
@prefix ex: <https://example.org/> .
ex:summit ex:participant [ ex:name "a delegation" ] ; ex:agenda ( ex:trade ex:security ) .
"""


def counts(store: ox.Store) -> set[ox.Quad]:
    return {q for q in store if q.predicate.value.startswith("https://w3id.org/diplograph/stats#")}


def test_blank_nodes_are_the_same_in_their_graph_and_the_default_graph(tmp_path):
    """Oxigraph's bulk loader renames blank nodes; the default graph must hold the renamed ones."""
    dump, turtle = tmp_path / "blank.nq", tmp_path / "summit.ttl"
    dump.write_text(WITH_BLANK_NODES)
    turtle.write_text(TURTLE)
    code, output = run("load", str(dump), str(turtle), "--store", str(tmp_path / "store"))
    assert code == 0, output
    loaded = quads(tmp_path / "store")  # checks the default graph against the named graphs
    assert len(loaded) == 7 + 7 + 1  # the two files and one count (Kim: 2 articles)
    assert f"{dump}: 7 triples" in output and f"{turtle}: 7 triples" in output
    with Store(tmp_path / "store") as store:
        kept = counts(store.inner)
        assert {(q.subject.value, q.object.value) for q in kept} == {("https://example.org/kim", "2")}
        store.inner.update(recount())  # what the SPARQL recount makes of the same store
        assert counts(store.inner) == kept


def test_an_error_only_oxigraph_sees_is_named_and_loads_nothing(tmp_path):
    """The default-graph pass parses leniently (Oxigraph's own pass checks every IRI)."""
    bad = tmp_path / "bad-iri.nq"
    bad.write_text(GOOD.replace('"Leaders meet"', "<https://example.org/not an iri>"))
    code, output = run("load", str(bad), "--store", str(tmp_path / "store"))
    assert code != 0
    assert "bad-iri.nq" in output and "line 1" in output and "nothing loaded" in output
    assert quads(tmp_path / "store") == set()


def test_a_file_that_brings_counts_is_counted_again(tmp_path):
    stats = "https://w3id.org/diplograph/graph/stats"
    data = tmp_path / "with-stats.nq"
    data.write_text(WITH_BLANK_NODES + f'<https://example.org/kim> <https://w3id.org/diplograph/stats#articles> '
                    f'"9"^^<http://www.w3.org/2001/XMLSchema#integer> <{stats}> .\n')
    assert run("load", str(data), "--store", str(tmp_path / "store"))[0] == 0
    with Store(tmp_path / "store") as store:
        assert {(q.subject.value, q.object.value) for q in counts(store.inner)} == {("https://example.org/kim", "2")}


VALID_IRIS = ["<https://example.org/a>", "<https://example.org/b#x>", "<https://example.org/%C3%A9t%C3%A9>",
              "<https://example.org/été>", "<https://example.org/\\u00E9t\\u00E9>", f"<{MENTIONS}>"]
IRIS = st.sampled_from(VALID_IRIS * 4 + ["<https://example.org/not an iri>", "<relative>"])
OBJECTS = IRIS | st.sampled_from(['"x"', '"Kim"@EN-gb', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                  '"a\\tb \\u00E9"', "_:b1", "_:b2", '"said \\"no\\" <a> ."@en', '"back\\\\"',
                                  '"bad"@'])
SUBJECTS = IRIS | st.sampled_from(["_:b1", "_:b2"])
GRAPHS = st.sampled_from(["", "<https://example.org/g1>", "<https://example.org/g2>", "_:g"])
SPACES = st.sampled_from([" ", " ", " ", "\t", "  "])  # N-Quads and N-Triples files are read line by line:
ENDINGS = st.sampled_from(["\n", "\n", "\r\n", " # a comment\n"])  # lines Oxigraph writes, and others
STATEMENTS = st.lists(st.tuples(SUBJECTS, IRIS, OBJECTS, GRAPHS, SPACES, ENDINGS), min_size=1, max_size=8)


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.sampled_from([".nq", ".nt", ".ttl", ".trig"]), STATEMENTS)
def test_generated_files_load_whole_or_not_at_all(suffix, statements):
    """Oxigraph's pass (strict) and the default-graph pass (lenient) agree on every file either accepts."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"data{suffix}"
        if suffix == ".trig":
            lines = [f"{g} {{ {s} {p} {o} }}\n" if g else f"{s} {p} {o} .\n" for s, p, o, g, *_ in statements]
        else:
            lines = [sep.join([s, p, o, *([g] if g and suffix == ".nq" else []), "."]) + end
                     for s, p, o, g, sep, end in statements]
        path.write_bytes("".join(lines).encode())
        try:
            with Store(Path(tmp) / "store") as store:
                store.bulk_load([(path, path.as_uri())])
        except StoreError as error:
            assert str(error).startswith(str(path)), str(error)
            assert quads(Path(tmp) / "store") == set()
            event("refused")
            return
        event("loaded, with blank nodes" if "_:" in path.read_text() else "loaded")
        loaded = quads(Path(tmp) / "store")  # the default graph holds exactly the named graphs' triples
        loaded = {q for q in loaded if q[3] != f"<{stats_graph()}>"}
        parsed = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
                  for q in parse_file(path, path.as_uri())}
        assert plain(loaded) == plain(parsed)
        assert len(loaded - plain(loaded)) == len(parsed - plain(parsed))  # blank nodes: renamed, as many
        with Store(Path(tmp) / "store") as store:
            kept = counts(store.inner)
            store.inner.update(recount())
            assert counts(store.inner) == kept


def plain(quads: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {q for q in quads if not any(term.startswith("_:") for term in q)}
