"""``diplograph load`` into an empty store takes Oxigraph's bulk loader; nothing stays half-loaded."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.store import Store

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
