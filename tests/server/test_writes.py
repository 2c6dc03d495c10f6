"""Writes: refused without the token (and by a read-only server) with nothing changed, accepted with
it, durable once answered — even if the server is killed right after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import requests
from liveserver import TOKEN, LiveServer

EX = "http://example.org/"
GRAPH = EX + "writes"
INSERT = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{EX}a> <{EX}b> "c" }} }}'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(server: LiveServer) -> int:
    return int(server.select(COUNT)[0]["n"]["value"])


def _writes(server: LiveServer, headers: dict[str, str]) -> list[requests.Response]:
    """One of each kind of write, with the given headers."""
    update = {"Content-Type": "application/sparql-update", **headers}
    turtle = {"Content-Type": "text/turtle", **headers}
    body = f"<{EX}x> <{EX}y> <{EX}z> .".encode()
    return [
        requests.post(server.url + "/update", data=INSERT.encode(), headers=update),
        requests.post(server.sparql, data=INSERT.encode(), headers=update),
        requests.post(server.sparql, data={"update": INSERT}, headers=headers),
        requests.put(server.url + "/store", params={"graph": GRAPH}, data=body, headers=turtle),
        requests.post(server.url + "/store", params={"graph": GRAPH}, data=body, headers=turtle),
        requests.post(server.url + "/store", data=body, headers=turtle),
        requests.delete(server.url + "/store", params={"graph": GRAPH}, headers=headers),
        requests.put(server.url + "/store", params={"default": ""}, data=body, headers=turtle),
    ]


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer not-the-token-at-all-000"}, 403),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
])
def test_writes_without_the_token_are_refused_and_change_nothing(rw_server, headers, status):
    before = _count(rw_server)
    responses = _writes(rw_server, headers)
    assert [r.status_code for r in responses] == [status] * len(responses), [r.text for r in responses]
    if status == 401:
        assert all(r.headers["WWW-Authenticate"].startswith("Bearer") for r in responses)
    assert _count(rw_server) == before
    assert "write refused" in rw_server.output()


def test_read_only_server_refuses_every_write(ro_server):
    before = _count(ro_server)
    responses = _writes(ro_server, {"Authorization": f"Bearer {TOKEN}"})
    assert {r.status_code for r in responses} == {403}
    assert "read-only" in responses[0].text
    assert _count(ro_server) == before


def test_query_routes_ignore_the_authorization_header(rw_server):
    response = requests.get(rw_server.sparql, params={"query": "ASK {}"}, headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 200


def test_writes_with_the_token(rw_server):
    auth = rw_server.auth()
    rw_server.update(f"DROP SILENT GRAPH <{GRAPH}>")
    assert requests.post(rw_server.url + "/update", data={"update": INSERT}, headers=auth).status_code == 204
    assert rw_server.select(f"SELECT ?o {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")[0]["o"]["value"] == "c"
    created = requests.post(rw_server.url + "/store", data=b"<http://example.org/n> <http://example.org/m> 1 .",
                            headers={"Content-Type": "text/turtle", **auth})
    assert created.status_code == 201
    got = requests.get(rw_server.url + "/store", params={"graph": created.headers["Location"]},
                       headers={"Accept": "application/n-triples"})
    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    assert got.text.strip() == f'<http://example.org/n> <http://example.org/m> "1"^^{integer} .'


def test_a_graph_many_frames_long_comes_back_whole(rw_server):
    """A dump streams from the worker in 64 KB frames, several to a pipe read or split across reads."""
    graph = EX + "big"
    lines = [f'<{EX}s{i}> <{EX}p> "{i:06d} {"x" * (i % 300)}" .' for i in range(4000)]
    put = requests.put(rw_server.url + "/store", params={"graph": graph}, data="\n".join(lines).encode(),
                       headers={"Content-Type": "application/n-triples", **rw_server.auth()})
    assert put.status_code in (201, 204), put.text
    got = requests.get(rw_server.url + "/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and len(got.content) > 8 * 64 * 1024
    assert sorted(got.text.strip().splitlines()) == sorted(lines)
    rw_server.update(f"DROP GRAPH <{graph}>")


def test_bad_rdf_is_refused_with_the_parser_message_and_nothing_written(rw_server):
    before = _count(rw_server)
    response = requests.put(rw_server.url + "/store", params={"graph": GRAPH}, data=b"<a> <b> .",
                            headers={"Content-Type": "text/turtle", **rw_server.auth()})
    assert response.status_code == 400 and "line 1" in response.text
    assert requests.put(rw_server.url + "/store", params={"graph": GRAPH}, data=b"x",
                        headers={"Content-Type": "image/png", **rw_server.auth()}).status_code == 415
    assert _count(rw_server) == before


def test_an_answered_write_survives_a_kill(tmp_path):
    store = tmp_path / "store"
    server = LiveServer(store, token=TOKEN)
    try:
        server.update(INSERT)
        server.process.send_signal(signal.SIGKILL)  # no shutdown, no flush on exit
        server.process.wait()
    finally:
        server.stop()
    restarted = LiveServer(store, token=TOKEN)
    try:
        assert restarted.select(f'SELECT ?s {{ GRAPH <{GRAPH}> {{ ?s ?p "c" }} }}') == [
            {"s": {"type": "uri", "value": EX + "a"}}]
    finally:
        restarted.stop()


def test_ingest_finds_the_server_and_pushes_whole_graphs(rw_server, ro_server):
    from diplograph.server.running import PushError, put_graph, running_server

    found = running_server(rw_server.store)
    assert found is not None and found.writable and found.sparql == rw_server.sparql
    article = EX + "article/pushed"
    assert put_graph(found, TOKEN, article, f"<{article}> <{EX}says> \"first\" .".encode()) is True
    assert put_graph(found, TOKEN, article, f"<{article}> <{EX}says> \"second\" .".encode()) is False
    said = rw_server.select(f"SELECT ?o {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")
    assert [r["o"]["value"] for r in said] == ["second"]
    read_only = running_server(ro_server.store)
    assert read_only is not None and not read_only.writable
    with pytest.raises(PushError, match="403"):
        put_graph(read_only, TOKEN, article, b"")
    assert running_server(rw_server.store.parent / "nowhere") is None


def test_ingest_through_the_server_replaces_an_edited_file(tmp_path):
    """The earlier version is found with a query to the server and deleted once the new one is in."""
    dg = "https://w3id.org/diplograph/ontology#"
    article = tmp_path / "abe-putin.txt"
    first = "Japanese Prime Minister Shinzo Abe met Vladimir Putin in Vladivostok. Abe said talks would go on."
    server = LiveServer(tmp_path / "store", token=TOKEN)  # the default request size: the gazetteer goes in too
    try:
        for text in (first, first.replace("would go on", "had stalled")):
            article.write_text(f"Abe and Putin in Vladivostok\n\n{text}\n", encoding="utf-8")
            done = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(article), "--store",
                                   str(server.store)], capture_output=True, text=True, timeout=300,
                                  env={**os.environ, "DIPLOGRAPH_UPDATE_TOKEN": TOKEN})
            assert done.returncode == 0 and "through the server" in done.stderr, done.stderr
        texts = server.select(f'SELECT ?text {{ GRAPH ?g {{ ?g <{dg}sourceLocation> "{article}" ; '
                              f"<{dg}text> ?text }} }}")
        assert [row["text"]["value"] for row in texts] == [text]
        assert not server.select(f'SELECT ?a {{ ?a <{dg}text> ?text FILTER(CONTAINS(?text, "would go on")) }}')
    finally:
        server.stop()


def test_readers_see_whole_articles_while_articles_are_pushed(rw_server):
    """Ingest while serving: each PUT replaces a graph in one transaction, readers query snapshots."""
    import threading

    from diplograph.server.running import put_graph, running_server

    server = running_server(rw_server.store)
    size, pushes = 40, 30
    stop = threading.Event()
    seen: list[int] = []
    problems: list[str] = []

    def read() -> None:
        session = requests.Session()
        query = (f"SELECT ?g (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{EX}pushed/')) }}"
                 " GROUP BY ?g")
        while not stop.is_set():
            response = session.get(rw_server.sparql, params={"query": query},
                                   headers={"Accept": "application/sparql-results+json"})
            if response.status_code != 200:
                problems.append(f"{response.status_code}: {response.text[:200]}")
                continue
            counts = [int(b["n"]["value"]) for b in response.json()["results"]["bindings"]]
            seen.extend(counts)
            problems.extend(f"a reader saw {n} of {size} triples" for n in counts if n != size)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        for push in range(pushes):
            graph = f"{EX}pushed/{push % 5}"
            body = "\n".join(f'<{graph}> <{EX}n{i}> "{push}-{i}" .' for i in range(size))
            put_graph(server, TOKEN, graph, body.encode())
    finally:
        stop.set()
        for thread in readers:
            thread.join(30)
    assert not problems, problems[:5]
    assert seen, "the readers got no answers"
