"""`diplograph serve --store http://…` answers over HTTP from a real Oxigraph server on 127.0.0.1: queries,
canned queries, pages and Graph Store reads are forwarded to it, and writes with the update token too."""

from __future__ import annotations

import shutil
from importlib.resources import files

import pyoxigraph as ox
import pytest
import requests
from remote_helpers import DiplographServer, cli, free_port

from diplograph.store import Store

SAMPLES = ("002_inter_korean_panmunjom.json", "013_singapore_statement.json")
TOKEN = "remote-test-update-token-0123456789"
DG = "https://w3id.org/diplograph/ontology#"
LEADERS = (f"SELECT ?leader ?label WHERE {{ ?leader a <{DG}Leader> ; "
           "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?leader ?label")
KIM = "https://w3id.org/diplograph/id/leader/kim-jong-un"


@pytest.fixture(scope="module")
def stores(proxy, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("articles")
    for name in SAMPLES:
        shutil.copyfile(str(files("diplograph.ingest") / "samples" / name), corpus / name)
    local = tmp_path_factory.mktemp("local") / "store"
    for store in (str(local), proxy.url):
        code, output = cli("ingest", str(corpus), "--store", store)
        assert code == 0, output
    return local, proxy.url


@pytest.fixture(scope="module")
def server(stores, tmp_path_factory):
    served = DiplographServer(stores[1], tmp_path_factory.mktemp("serve") / "serve.log",
                              env={"DIPLOGRAPH_UPDATE_TOKEN": TOKEN})
    yield served
    served.stop()


def local_rows(local, query: str) -> list[list[str]]:
    with Store(local, read_only=True) as store:
        return sorted([[str(term) for term in row] for row in store.query(query)])


def remote_rows(data: bytes, media_type: str) -> list[list[str]]:
    results = ox.parse_query_results(data, format=ox.QueryResultsFormat.from_media_type(media_type))
    return sorted([[str(term) for term in row] for row in results])


def test_sparql_query_is_answered_by_the_remote(server, stores, proxy):
    local, _ = stores
    proxy.clear()
    response = requests.get(server.url + "/sparql", params={"query": LEADERS},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    rows = remote_rows(response.content, "application/sparql-results+json")
    assert rows and rows == local_rows(local, LEADERS)
    assert len(proxy.requests_to("POST", "/query")) == 1  # forwarded, not answered from a local copy
    for media_type in ("application/sparql-results+xml", "text/tab-separated-values"):
        response = requests.post(server.url + "/sparql", data={"query": LEADERS}, headers={"Accept": media_type},
                                 timeout=30)
        assert response.status_code == 200 and remote_rows(response.content, media_type) == rows


def test_concurrent_queries_each_get_their_own_answer(server):
    """The server's threads forward at the same time (one HTTP session per thread)."""
    from concurrent.futures import ThreadPoolExecutor

    def leader_of(iri: str) -> list[str]:
        query = f"SELECT ?label WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
        response = requests.get(server.url + "/sparql", params={"query": query}, timeout=60,
                                headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return sorted(b["label"]["value"] for b in response.json()["results"]["bindings"])

    leaders = [KIM, "https://w3id.org/diplograph/id/leader/moon-jae-in", "https://w3id.org/diplograph/id/leader/donald-trump"]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(leader_of, leaders * 8))
    expected = [leader_of(iri) for iri in leaders]
    assert all(expected) and answers == expected * 8


def test_construct_and_ask(server, stores):
    local, _ = stores
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{KIM}> AS ?s) ?s ?p ?o }}"
    response = requests.post(server.url + "/sparql", data=construct.encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert response.status_code == 200, response.text
    served = set(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    with Store(local, read_only=True) as store:
        expected = {ox.Quad(t.subject, t.predicate, t.object) for t in store.query(construct)}
    assert served and served == expected
    response = requests.get(server.url + "/sparql", params={"query": f"ASK {{ <{KIM}> a <{DG}Leader> }}"},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.json()["boolean"] is True


def test_canned_queries_and_pages(server, stores):
    local, _ = stores
    code, expected = cli("query", "entities", "--format", "csv", "--store", str(local))
    assert code == 0, expected
    response = requests.get(server.url + "/queries/entities", params={"format": "csv"}, timeout=30)
    assert response.status_code == 200, response.text
    assert sorted(response.text.splitlines()) == sorted(expected.splitlines())
    code, expected = cli("query", "leader-profile", "--param", f"leader={KIM}", "--format", "csv",
                         "--store", str(local))
    response = requests.get(server.url + "/queries/leader-profile", params={"leader": KIM, "format": "csv"},
                            timeout=30)
    assert response.status_code == 200, response.text
    assert sorted(response.text.splitlines()) == sorted(expected.splitlines())
    assert len(expected.splitlines()) > 1
    page = requests.get(server.url + "/id/leader/kim-jong-un", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200, page.text
    assert "Kim Jong" in page.text


def test_graph_store_reads_are_forwarded(server, stores):
    local, _ = stores
    with Store(local, read_only=True) as store:
        article = next(g for g in store.graphs() if "/id/article/" in g)
        expected = set(ox.parse(store.dump("ntriples", graph=article), format=ox.RdfFormat.N_TRIPLES))
    response = requests.get(server.url + "/store", params={"graph": article},
                            headers={"Accept": "application/n-triples"}, timeout=30)
    assert response.status_code == 200, response.text
    assert set(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)) == expected
    missing = requests.get(server.url + "/store", params={"graph": article + "-nowhere"}, timeout=30)
    assert missing.status_code == 404


def test_writes_with_the_token_are_forwarded_one_request_each(server, proxy):
    """Each write is one Update request to the remote, which keeps its default graph the merged copy
    of the named graphs, as the embedded store does."""
    graph, auth = "https://example.org/forwarded", {"Authorization": f"Bearer {TOKEN}"}
    said = f'<{KIM}> <{DG}title> "Chairman"'
    in_graph = f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ <{KIM}> <{DG}title> ?t }} }}"
    in_default = f'SELECT ?t WHERE {{ <{KIM}> <{DG}title> ?t FILTER(?t = "Chairman") }}'
    proxy.clear()
    update = requests.post(server.url + "/update", data={"update": f"INSERT DATA {{ GRAPH <{graph}> {{ {said} }} }}"},
                           headers=auth, timeout=30)
    assert update.status_code == 204, update.text
    assert len(proxy.requests_to("POST", "/update")) == 1
    assert _values(server, in_graph) == _values(server, in_default) == ["Chairman"]
    put = requests.put(server.url + "/store", params={"graph": graph}, data=f'<{KIM}> <{DG}title> "Marshal" .',
                       headers={**auth, "Content-Type": "application/n-triples"}, timeout=30)
    assert put.status_code == 204, put.text
    assert _values(server, in_graph) == ["Marshal"] and _values(server, in_default) == []
    deleted = requests.delete(server.url + "/store", params={"graph": graph}, headers=auth, timeout=30)
    assert deleted.status_code == 204, deleted.text
    assert requests.delete(server.url + "/store", params={"graph": graph}, headers=auth, timeout=30).status_code == 404
    assert _values(server, in_graph) == []


def test_writes_without_the_token_or_with_bad_syntax_are_refused(server, proxy):
    proxy.clear()
    insert = {"update": f'INSERT DATA {{ <{KIM}> <{DG}title> "x" }}'}
    assert requests.post(server.url + "/update", data=insert, timeout=30).status_code == 401
    put = requests.put(server.url + "/store", params={"graph": "https://example.org/g"}, data=b"", timeout=30,
                       headers={"Content-Type": "application/n-triples", "Authorization": "Bearer wrong-token-000000"})
    assert put.status_code == 403
    assert not proxy.requests_to("POST", "/update")
    broken = requests.post(server.url + "/update", data={"update": "INSERT DATA { nonsense"},
                           headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert broken.status_code == 400 and "/update answered 400" in broken.text


def _values(server, query: str) -> list[str]:
    response = requests.get(server.url + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return [row["t"]["value"] for row in response.json()["results"]["bindings"]]


def test_remote_errors_reach_the_client(server):
    response = requests.get(server.url + "/sparql", params={"query": "SELECT ?x WHERE { ?x }"},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 400
    assert "/query answered 400" in response.text


def test_unreachable_remote_is_a_bad_gateway_naming_it(tmp_path):
    nowhere = f"http://127.0.0.1:{free_port()}"
    served = DiplographServer(nowhere, tmp_path / "serve.log")
    try:
        response = requests.get(served.url + "/sparql", params={"query": LEADERS}, timeout=30)
    finally:
        served.stop()
    assert response.status_code == 502
    assert f"cannot reach the remote store at {nowhere}/query" in response.text
