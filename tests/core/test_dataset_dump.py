"""An N-Quads export carries the stored default graph, and loading it restores the store exactly."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.store import DATASET_MARK, Store

EX = "https://example.org/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
MENTIONS = ox.NamedNode(EX + "mentions")
KIM = ox.NamedNode(EX + "kim")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def every_quad(store_dir: Path) -> set[ox.Quad]:
    with Store(store_dir, read_only=True) as store:
        return set(store.inner)


def written(store_dir: Path) -> Path:
    """A store with two articles sharing a statement, and one triple written straight to the default graph."""
    with Store(store_dir) as store:
        for name in ("a1", "a2"):
            me = ox.NamedNode(EX + name)
            store.replace_graph(me.value, [ox.Quad(KIM, LABEL, ox.Literal("Kim Jong-un")),
                                           ox.Quad(me, MENTIONS, KIM), ox.Quad(me, LABEL, ox.Literal(name))])
        store.inner.add(ox.Quad(KIM, ox.NamedNode(EX + "note"), ox.Literal("written to the default graph")))
    return store_dir


def test_the_dump_is_marked_and_holds_the_default_graph(tmp_path):
    source = written(tmp_path / "source")
    dump = tmp_path / "dump.nq"
    code, output = run("export", "--format", "nquads", "-o", str(dump), "--store", str(source))
    assert code == 0, output
    data = dump.read_bytes()
    assert data.startswith(DATASET_MARK)
    with Store(source, read_only=True) as store:
        assert store.dump("nquads") == data
    stated = set(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert stated == every_quad(source)
    assert sum(1 for q in stated if q.graph_name == ox.DefaultGraph()) == 6  # 5 distinct article triples + note


# The mark, not the name, makes a dump: ``-o backup.nquads`` or ``> dump.txt`` restore the same way
# (a dump named otherwise used to load its default graph into a graph named after the file).
NAMES = pytest.mark.parametrize("name", ["dump.nq", "dump.nquads", "dump.txt"])


@NAMES
def test_loading_the_dump_into_an_empty_store_restores_it(tmp_path, name):
    source = written(tmp_path / "source")
    dump = tmp_path / name
    assert run("export", "--format", "nquads", "-o", str(dump), "--store", str(source))[0] == 0
    code, output = run("load", str(dump), "--store", str(tmp_path / "copy"))
    assert code == 0, output
    assert every_quad(tmp_path / "copy") == every_quad(source)
    assert f"{dump}: 12 triples" in output  # 6 quads in the named graphs, 6 in the default graph
    with Store(tmp_path / "copy", read_only=True) as copy:
        assert copy.graphs() == [EX + "a1", EX + "a2"]  # no graph named after the file


@NAMES
def test_loading_the_dump_into_a_store_with_data_adds_it_whole(tmp_path, name):
    source = written(tmp_path / "source")
    dump = tmp_path / name
    assert run("export", "--format", "nquads", "-o", str(dump), "--store", str(source))[0] == 0
    other = ox.Quad(ox.NamedNode(EX + "y"), LABEL, ox.Literal("already there"))
    with Store(tmp_path / "copy") as copy:
        copy.replace_graph(EX + "a3", [other])
    assert run("load", str(dump), "--store", str(tmp_path / "copy"))[0] == 0
    expected = every_quad(source) | {ox.Quad(*other.triple, ox.NamedNode(EX + "a3")), ox.Quad(*other.triple)}
    assert every_quad(tmp_path / "copy") == expected


def test_a_bad_line_in_a_dump_loads_nothing(tmp_path):
    dump = tmp_path / "dump.nq"
    dump.write_bytes(DATASET_MARK + f'<{EX}s> <{EX}p> "fine" <{EX}g> .\n<{EX}s> <{EX}p> .\n'.encode())
    code, output = run("load", str(dump), "--store", str(tmp_path / "store"))
    assert code != 0
    assert "dump.nq" in output and "line 3" in output and "nothing loaded" in output
    assert every_quad(tmp_path / "store") == set()
