"""Federated canned queries: our graph joined with (a stand-in for) Wikidata's SPARQL service.

The canned queries name https://query.wikidata.org/sparql; the server is started with
``--service-route`` pointing that IRI at the local stand-in, exactly as an operator would point it
at a mirror. When the service cannot be reached, the user gets an error, never an empty table.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.queries.catalog import resolve
from diplograph.server.federation import route_services
from diplograph.store import Store

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
ARTICLE = "https://w3id.org/diplograph/id/article/federation-test"
ID = "https://w3id.org/diplograph/id/"
OUR_GRAPH = f"""
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix wd: <http://www.wikidata.org/entity/> .
<{ARTICLE}> a dg:Article ; dg:mentions <{ID}leader/donald-trump>, <{ID}leader/joe-biden>, <{ID}state/united-states>,
    <{ID}state/georgia>, <{ID}leader/unlinked-leader> .
<{ID}leader/donald-trump> a dg:Leader ; rdfs:label "Donald Trump" ; owl:sameAs wd:Q22686 .
<{ID}leader/joe-biden> a dg:Leader ; rdfs:label "Joe Biden" ; owl:sameAs wd:Q6279 .
<{ID}leader/unlinked-leader> a dg:Leader ; rdfs:label "Unlinked Leader" .
<{ID}state/united-states> a dg:State ; rdfs:label "United States" ; owl:sameAs wd:Q30 .
<{ID}state/georgia> a dg:State ; rdfs:label "Georgia" ; owl:sameAs wd:Q230 .
"""


@pytest.fixture
def store_path(tmp_path) -> Path:
    path = tmp_path / "store"
    with Store(path) as store:
        quads = ox.parse(OUR_GRAPH, format=ox.RdfFormat.TURTLE)
        store.replace_graph(ARTICLE, (ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ARTICLE)) for q in quads))
    return path


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def serve(store_path, tmp_path):
    """Start `diplograph serve` with the given extra options; yields a function returning its base URL."""
    processes = []

    def start(*options: str) -> str:
        port = closed_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "diplograph", "serve", "--store", str(store_path), "--port", str(port),
             "--workers", "1", *options],
            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"), env={**os.environ})  # noqa: SIM115
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                urllib.request.urlopen(f"{base}/queries?format=json", timeout=2).close()
                return base
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"diplograph serve did not start: {(tmp_path / 'serve.log').read_text()}")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def get_json(url: str) -> tuple[int, dict | str]:
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def rows(answer: dict) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]


def test_canned_queries_name_the_public_endpoint_and_project_their_parameters():
    for name, param in [("leader-profile-wikidata", "leader"), ("state-population-wikidata", "state")]:
        canned = resolve(name)
        assert f"SERVICE <{WIKIDATA_SPARQL}>" in canned.text
        assert [p.name for p in canned.params] == [param]
        # Oxigraph substitutes only variables of the SELECT projection.
        assert f"?{param} " in canned.text.split("WHERE", 1)[0]


def test_route_rewrites_only_service_targets():
    text = f'SELECT * WHERE {{ BIND("<{WIKIDATA_SPARQL}>" AS ?s) SERVICE SILENT <{WIKIDATA_SPARQL}> {{ ?a ?b ?c }} }}'
    routed = route_services(text, {WIKIDATA_SPARQL: "http://127.0.0.1:1234/sparql"})
    assert "SERVICE SILENT <http://127.0.0.1:1234/sparql>" in routed
    assert f'"<{WIKIDATA_SPARQL}>"' in routed


def test_leader_profiles_join_our_leaders_with_wikidata_over_http(serve, standin):
    base = serve("--service-route", WIKIDATA_SPARQL, standin.sparql)
    status, answer = get_json(f"{base}/queries/leader-profile-wikidata")

    assert status == 200, answer
    found = {(r["label"], r["birthDate"][:10], r.get("partyLabel")) for r in rows(answer)}
    assert found == {("Donald Trump", "1946-06-14", "Republican Party"),
                     ("Joe Biden", "1942-11-20", "Democratic Party")}
    assert any(r.path == "/sparql" for r in standin.requests), "the stand-in was never asked"


def test_parameter_narrows_a_federated_query(serve, standin):
    base = serve("--service-route", WIKIDATA_SPARQL, standin.sparql)
    query = urlencode({"leader": ID + "leader/joe-biden"})
    status, answer = get_json(f"{base}/queries/leader-profile-wikidata?{query}")

    assert status == 200, answer
    assert [(r["leader"], r["birthDate"][:10]) for r in rows(answer)] == [(ID + "leader/joe-biden", "1942-11-20")]


def test_state_populations_over_http(serve, standin):
    base = serve("--service-route", WIKIDATA_SPARQL, standin.sparql)
    status, answer = get_json(f"{base}/queries/state-population-wikidata")

    assert status == 200, answer
    assert [(r["label"], int(r["population"])) for r in rows(answer)] == [("United States", 335000000),
                                                                          ("Georgia", 3700000)]


def test_unreachable_wikidata_is_an_error_not_an_empty_table(serve):
    down = f"http://127.0.0.1:{closed_port()}/sparql"
    base = serve("--service-route", WIKIDATA_SPARQL, down)
    status, answer = get_json(f"{base}/queries/leader-profile-wikidata")

    assert status == 502, answer
    assert isinstance(answer, str) and "127.0.0.1" in answer


def test_service_is_refused_unless_allowed(serve):
    base = serve()
    status, answer = get_json(f"{base}/queries/state-population-wikidata")

    assert status == 403
    assert WIKIDATA_SPARQL in answer


def test_command_line_reports_an_unreachable_service(store_path, tmp_path):
    query = tmp_path / "down.rq"
    query.write_text(resolve("state-population-wikidata").text.replace(
        WIKIDATA_SPARQL, f"http://127.0.0.1:{closed_port()}/sparql"), encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(query), "--store", str(store_path), "--format", "csv"])

    assert result.exit_code == 1
    assert "SERVICE" in result.output and "127.0.0.1" in result.output
