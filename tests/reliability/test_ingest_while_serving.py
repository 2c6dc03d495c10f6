"""Ingest while the server answers 8 concurrent clients: no client error, no reader ever sees half an
article, and query latency stays bounded (p95 before and during the ingest is reported)."""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import threading
import time

import requests
from articles import write_batch
from liveserver import LiveServer
from reliability_support import record

CLIENTS = 8
ARTICLES = 60
TOKEN = secrets.token_urlsafe(24)
# Per article graph: does it hold its article node, its text, and as many spans as mention links?
# A reader that saw a graph mid-write would find a graph without its article node or with spans missing.
WHOLENESS = """
PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?g (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?text) AS ?texts) (COUNT(DISTINCT ?span) AS ?spans)
WHERE { GRAPH ?g { ?x ?y ?z
  OPTIONAL { ?article a dg:Article ; dg:text ?text }
  OPTIONAL { ?span a dg:TextSpan } } FILTER(CONTAINS(STR(?g), "/id/article/")) }
GROUP BY ?g
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def hammer(server: LiveServer, stop: threading.Event, latencies: list[float], errors: list[str],
           snapshots: list[dict[str, tuple[int, int, int]]]) -> None:
    session = requests.Session()
    while not stop.is_set():
        started = time.monotonic()
        try:
            response = session.post(server.sparql, data={"query": WHOLENESS},
                                    headers={"Accept": "application/sparql-results+json"}, timeout=60)
        except requests.RequestException as error:
            errors.append(repr(error))
            continue
        latencies.append(time.monotonic() - started)
        if response.status_code != 200:
            errors.append(f"{response.status_code} {response.text[:200]}")
            continue
        snapshots.append({row["g"]["value"]: (int(row["articles"]["value"]), int(row["texts"]["value"]),
                                              int(row["spans"]["value"]))
                          for row in response.json()["results"]["bindings"]})


def run_clients(server: LiveServer, seconds: float | None, until: subprocess.Popen | None = None):
    stop, latencies, errors, snapshots = threading.Event(), [], [], []
    threads = [threading.Thread(target=hammer, args=(server, stop, latencies, errors, snapshots))
               for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    if until is not None:
        until.wait(900)
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return latencies, errors, snapshots


def test_ingest_while_eight_clients_query(tmp_path):
    batch = write_batch(tmp_path / "batch", ARTICLES, seed=88)
    server = LiveServer(tmp_path / "store", token=TOKEN, args=("--workers", "2", "--timeout", "30"))
    try:
        before, errors_before, _ = run_clients(server, 5)
        env = {**os.environ, "DIPLOGRAPH_UPDATE_TOKEN": TOKEN}
        ingest = subprocess.Popen([sys.executable, "-m", "diplograph", "ingest", str(batch), "--store",
                                   str(server.store)], stderr=subprocess.PIPE, text=True, env=env)
        during, errors, snapshots = run_clients(server, None, until=ingest)
        log = ingest.stderr.read()
        assert ingest.returncode == 0, log
        assert "through the server" in log and f"ingested {ARTICLES} articles" in log, log
        final = run_clients(server, 1)[2][-1]
    finally:
        server.stop()
    assert not errors_before and not errors, (errors_before + errors)[:5]
    assert len(final) == ARTICLES
    seen = 0
    for snapshot in snapshots:
        for graph, shape in snapshot.items():
            assert shape == final[graph], f"a reader saw {graph} half-written: {shape} vs {final[graph]}"
            seen += 1
    assert len({len(s) for s in snapshots}) > 1, "the readers should have watched the store grow"
    record("ingest while serving: queries before / during, client errors",
           (len(before), len(during), len(errors_before) + len(errors)))
    record("ingest while serving: p95 latency before / during (s)", (round(p95(before), 3), round(p95(during), 3)))
    record("ingest while serving: article graphs checked whole in reader snapshots", seen)
