"""The store commands end to end on a real on-disk Oxigraph store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from diplograph.cli import main

DATA = """\
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/a1> a dg:Article ; dg:title "Leaders meet in Hanoi" ;
    dg:published "2019-02-26T00:00:00Z"^^xsd:dateTime ; dg:sourceLocation "hanoi.txt" ;
    dg:mentions <https://example.org/kim>, <https://example.org/trump> .
<https://example.org/kim> a dg:Leader ; rdfs:label "Kim Jong-un" ; owl:sameAs <http://www.wikidata.org/entity/Q56226> .
<https://example.org/trump> a dg:Leader ; rdfs:label "Donald Trump" .
"""


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def loaded(tmp_path: Path, store_dir: Path) -> Path:
    data = tmp_path / "data.ttl"
    data.write_text(DATA)
    code, output = run("load", str(data), "--store", str(store_dir))
    assert code == 0, output
    return data


def test_load_then_query_canned_as_csv(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("query", "entities", "--store", str(store_dir), "--format", "csv")
    assert code == 0, output
    lines = output.strip().splitlines()
    assert lines[0] == "entity,type,label,wikidata,article"
    assert "https://example.org/kim,https://w3id.org/diplograph/ontology#Leader,Kim Jong-un," \
           "http://www.wikidata.org/entity/Q56226,https://example.org/a1" in lines
    assert len(lines) == 3


def test_query_parameter_is_bound_as_an_rdf_term(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("query", "entities", "--store", str(store_dir), "--format", "json",
                       "-p", "article=https://example.org/a1")
    assert code == 0, output
    assert len(json.loads(output)["results"]["bindings"]) == 2
    code, output = run("query", "entities", "--store", str(store_dir), "--format", "json",
                       "-p", "article=https://example.org/other")
    assert code == 0 and json.loads(output)["results"]["bindings"] == []


def test_table_format_prints_rows(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("query", "articles", "--store", str(store_dir))
    assert code == 0, output
    assert "Leaders meet in Hanoi" in output and "1 row" in output


def test_bad_file_is_named_with_its_line_and_loads_nothing(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://example.org/x> <https://example.org/p> "ok" .\n'
                   '<https://example.org/y> <https://example.org/p> "unterminated .\n')
    before = _count(store_dir)
    code, output = run("load", str(bad), "--store", str(store_dir))
    assert code != 0
    assert "bad.ttl" in output and "line 2" in output and "nothing loaded" in output
    assert _count(store_dir) == before


def test_a_bad_file_in_a_batch_loads_nothing_at_all(tmp_path, store_dir):
    good = tmp_path / "good.nt"
    good.write_text("<https://example.org/x> <https://example.org/p> <https://example.org/o> .\n")
    bad = tmp_path / "bad.nt"
    bad.write_text("this is not RDF\n")
    code, output = run("load", str(good), str(bad), "--store", str(store_dir))
    assert code != 0 and "bad.nt" in output
    assert _count(store_dir) == 0


def test_unknown_query_name_is_an_error(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("query", "no-such-query", "--store", str(store_dir))
    assert code != 0 and "no canned query named 'no-such-query'" in output and "claims" in output


def test_parameter_of_the_wrong_type_names_the_parameter(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("query", "entities", "--store", str(store_dir), "-p", "article=not an iri")
    assert code != 0 and "parameter 'article'" in output
    code, output = run("query", "entities", "--store", str(store_dir), "-p", "nope=1")
    assert code != 0 and "no parameter 'nope'" in output


def test_query_from_a_file_with_a_syntax_error_names_the_file(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    rq = tmp_path / "broken.rq"
    rq.write_text("SELECT ?x WHERE { ?x ?y }")
    code, output = run("query", str(rq), "--store", str(store_dir))
    assert code != 0 and "broken.rq" in output


@pytest.mark.parametrize(("fmt", "rdf_format"), [
    ("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS),
    ("trig", ox.RdfFormat.TRIG), ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD),
])
def test_export_round_trips(tmp_path, store_dir, fmt, rdf_format):
    loaded(tmp_path, store_dir)
    out = tmp_path / f"export.{fmt}"
    code, output = run("export", "--format", fmt, "--output", str(out), "--store", str(store_dir))
    assert code == 0, output
    parsed = list(ox.parse(path=str(out), format=rdf_format))
    # 11 loaded + the 2 counts the store keeps (articles mentioning each leader: diplograph.aggregates)
    assert len({(q.subject, q.predicate, q.object) for q in parsed}) == 13


def test_stats_counts_classes(tmp_path, store_dir):
    loaded(tmp_path, store_dir)
    code, output = run("stats", "--json", "--store", str(store_dir))
    assert code == 0, output
    figures = json.loads(output)
    assert figures["triples"] == 13 and figures["graphs"] == 2  # with graph/stats: 2 counts (aggregates)
    assert figures["classes"] == {"Article": 1, "Leader": 2}


def test_missing_store_is_a_clear_error(tmp_path):
    code, output = run("query", "articles", "--store", str(tmp_path / "nowhere"))
    assert code != 0 and "nowhere" in output


def _count(store_dir: Path) -> int:
    if not store_dir.exists():
        return 0
    return len(ox.Store.read_only(str(store_dir)))


def test_query_goes_through_the_server_that_holds_the_store(tmp_path, store_dir):
    """While `diplograph serve` holds the store, `query` asks it instead of opening the store itself."""
    import socket
    import subprocess
    import sys
    import time

    loaded(tmp_path, store_dir)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "access.log"
    server = subprocess.Popen([sys.executable, "-m", "diplograph", "serve", "--store", str(store_dir),
                               "--port", str(port), "--workers", "1"], stderr=log.open("w"))
    try:
        deadline = time.monotonic() + 60
        while not (store_dir / "diplograph-server.json").exists():
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        query = [sys.executable, "-m", "diplograph", "query", "entities", "--store", str(store_dir),
                 "--format", "csv", "-p", "article=https://example.org/a1"]
        done = subprocess.run(query, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.strip().splitlines()
        assert lines[0] == "entity,type,label,wikidata,article" and len(lines) == 3
        table = subprocess.run(query[:-4], capture_output=True, text=True, timeout=120)
        assert table.returncode == 0 and "Kim Jong-un" in table.stdout and "2 rows" in table.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
    answered = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert [entry["path"] for entry in answered].count("/queries/entities") == 2


def test_optimize_keeps_every_quad_and_refuses_a_store_in_use(tmp_path, store_dir):
    from diplograph.store import Store

    loaded(tmp_path, store_dir)
    with Store(store_dir) as store:
        before = sorted(map(str, store.inner))
    code, output = run("optimize", "--store", str(store_dir))
    assert code == 0, output
    assert "compacted" in output
    with Store(store_dir) as store:
        assert sorted(map(str, store.inner)) == before
        code, output = run("optimize", "--store", str(store_dir))
    assert code == 1 and "already open" in output
    code, output = run("optimize", "--store", str(tmp_path / "nowhere"))
    assert code == 1 and "no store at" in output

