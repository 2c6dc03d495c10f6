"""Limits that hold: the time limit stops the work while others are served, the row cap is signalled,
request size is bounded, and SERVICE is refused unless allow-listed."""

from __future__ import annotations

import os
import re
import socket
import threading
import time

import psutil
import pytest
import requests
from liveserver import TOKEN, LiveServer

EX = "http://example.org/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"
VALUES_60 = "SELECT ?x WHERE { VALUES ?x { " + " ".join(str(i) for i in range(60)) + " } }"


@pytest.fixture(scope="module")
def server(rw_server):
    triples = "\n".join(f"<{EX}s{i}> <{EX}p> {i} ." for i in range(200))
    response = rw_server.session.put(rw_server.url + "/store", params={"graph": EX + "numbers"},
                                     data=triples.encode(), headers={"Content-Type": "text/turtle",
                                                                     **rw_server.auth()})
    assert response.status_code in (201, 204), response.text
    return rw_server


def test_runaway_query_is_stopped_while_four_clients_are_served(server):
    limit = 3.0  # the fixture's --timeout
    stop = threading.Event()
    answers: list[list[float]] = [[] for _ in range(4)]
    failures: list[str] = []

    def client(index: int) -> None:
        session = requests.Session()
        while not stop.is_set():
            started = time.monotonic()
            response = session.get(server.sparql, params={"query": f"ASK {{ <{EX}s{index}> ?p ?o }}"},
                                   headers={"Accept": "application/sparql-results+json"}, timeout=30)
            if response.status_code != 200 or response.json()["boolean"] is not True:
                failures.append(f"client {index}: {response.status_code} {response.text[:100]}")
            answers[index].append(time.monotonic() - started)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    try:
        started = time.monotonic()
        response = requests.get(server.sparql, params={"query": RUNAWAY}, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert response.status_code == 504, response.text
    assert "time limit" in response.text
    assert limit <= elapsed <= limit + 2, f"stopped after {elapsed:.2f} s"
    assert not failures, failures
    for index, latencies in enumerate(answers):
        assert len(latencies) >= 5, f"client {index} got only {len(latencies)} answers during the runaway query"
        assert max(latencies) < limit, f"client {index} waited {max(latencies):.2f} s"
    # The worker that ran it was killed (the work stopped), and a replacement serves queries.
    time.sleep(0.5)
    replaced = re.findall(r"query worker (\d+) replaced", server.output())
    assert replaced, server.output()[-2000:]
    with pytest.raises(ProcessLookupError):
        os.kill(int(replaced[-1]), 0)
    assert requests.get(server.sparql, params={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("accept, count_rows", [
    ("application/sparql-results+json", lambda r: len(r.json()["results"]["bindings"])),
    ("application/sparql-results+xml", lambda r: r.text.count("<result>")),
    ("text/csv", lambda r: len(r.text.strip().splitlines()) - 1),
    ("text/tab-separated-values", lambda r: len(r.text.strip().splitlines()) - 1),
])
def test_row_cap_is_signalled(server, accept, count_rows):
    capped = requests.get(server.sparql, params={"query": VALUES_60}, headers={"Accept": accept})
    assert capped.status_code == 200
    assert count_rows(capped) == 50
    assert capped.headers["X-SPARQL-MaxRows"] == "50"
    assert capped.headers["Diplograph-Truncated"] == "true"
    assert "row cap" in capped.headers["Warning"]
    whole = requests.get(server.sparql, params={"query": VALUES_60.replace("{ 0 ", "{ ").replace(" 50 ", " ")
                                                .replace(" 51 ", " ").replace(" 52 ", " ").replace(" 53 ", " ")
                                                .replace(" 54 ", " ").replace(" 55 ", " ").replace(" 56 ", " ")
                                                .replace(" 57 ", " ").replace(" 58 ", " ")},
                         headers={"Accept": accept})
    assert count_rows(whole) == 50
    assert "Diplograph-Truncated" not in whole.headers and whole.headers["Diplograph-Rows"] == "50"


def test_row_cap_applies_to_graphs(server):
    response = requests.get(server.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                            headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == 50
    assert response.headers["Diplograph-Truncated"] == "true"


def test_request_size_is_bounded(server):
    big = "ASK { FILTER(" + " || ".join(["true"] * 300_000) + ") }"  # about 2.4 MB, the limit is 1 MiB
    response = requests.post(server.sparql, data=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


@pytest.fixture
def listener():
    """A local port that must receive nothing."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.5)
    yield sock
    sock.close()


def _accepted(sock: socket.socket) -> bool:
    try:
        sock.accept()[0].close()
        return True
    except TimeoutError:
        return False


@pytest.mark.parametrize("form", ["SERVICE <{url}> {{ ?s ?p ?o }}", "SERVICE SILENT <{url}> {{ ?s ?p ?o }}"])
def test_service_is_off_by_default(ro_server, listener, form):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    query = "SELECT * WHERE { " + form.format(url=url) + " }"
    response = requests.get(ro_server.sparql, params={"query": query})
    assert response.status_code == 403 and "federated query is off" in response.text
    assert not _accepted(listener), "the server contacted the SERVICE endpoint"


@pytest.fixture(scope="module")
def federating(server, tmp_path_factory):
    """A second server that may federate to the first one only."""
    fed = LiveServer(tmp_path_factory.mktemp("fed") / "store", token=TOKEN,
                     args=("--service-allow", server.sparql))
    yield fed
    fed.stop()


def test_service_to_an_allowed_endpoint_is_answered(server, federating):
    query = f"SELECT ?o WHERE {{ SERVICE <{server.sparql}> {{ <{EX}s7> <{EX}p> ?o }} }}"
    rows = requests.get(federating.sparql, params={"query": query},
                        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["7"]


def test_service_off_the_allow_list_is_refused(federating, listener):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    for target in (f"<{url}>", "?endpoint"):
        response = requests.get(federating.sparql, params={"query": f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}"})
        assert response.status_code == 403, response.text
    assert not _accepted(listener)


def test_load_in_an_update_obeys_the_allow_list(server, listener):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/data.ttl"
    response = requests.post(server.url + "/update", data=f"LOAD <{url}>".encode(),
                             headers={"Content-Type": "application/sparql-update", **server.auth()})
    assert response.status_code == 403
    assert not _accepted(listener)


def test_query_workers_killed_while_idle_are_replaced(server):
    """A worker that dies between queries (the OOM killer, an operator's kill) never got a query:
    the next one goes to another worker, and the dead ones are replaced."""
    workers = _query_workers(server.process.pid)
    assert len(workers) >= 2, "expected the server's query worker processes"
    for worker in workers:
        worker.kill()
    psutil.wait_procs(workers, timeout=10)
    for _ in range(2 * len(workers)):
        response = requests.get(server.sparql, params={"query": f"ASK {{ <{EX}s1> ?p ?o }}"},
                                headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert response.status_code == 200, response.text
        assert response.json()["boolean"] is True
    deadline = time.monotonic() + 30  # replacements start in the background
    while len(_query_workers(server.process.pid)) < len(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_query_workers(server.process.pid)) == len(workers)


def _query_workers(server_pid: int) -> list[psutil.Process]:
    """The processes the query pool's fork server started (see ``server/executor.py``)."""
    return [child for child in psutil.Process(server_pid).children(recursive=True)
            if "forkserver" in " ".join(child.parent().cmdline()) and "forkserver" in " ".join(child.cmdline())]
