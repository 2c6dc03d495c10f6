"""SIGKILL `diplograph ingest` at random points of a 200-article batch: the store opens afterwards, every
article graph in it is exactly what an uninterrupted run wrote for that article, and a rerun completes
the batch with the same triples as the uninterrupted run.

The CI variant kills 10 times at random times within the run (startup included: the ontology and
gazetteer graphs are written first); the soak variant kills 30 times.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from articles import write_batch
from reliability_support import canonical, graph_quads, record

from diplograph.aggregates import recount, stats_graph

ARTICLES = 200


@dataclass
class CleanRun:
    store: Path
    seconds: float  # the whole command
    batch_seconds: float  # from the first article on (the summary's figure)
    graphs: dict[str, set[ox.Quad]]
    quads: set[ox.Quad]


def ingest(batch: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "diplograph", "ingest", str(batch), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return write_batch(tmp_path_factory.mktemp("batch"), ARTICLES)


@pytest.fixture(scope="module")
def clean(batch, tmp_path_factory) -> CleanRun:
    store = tmp_path_factory.mktemp("clean") / "store"
    started = time.monotonic()
    process = ingest(batch, store)
    _, err = process.communicate(timeout=1800)
    seconds = time.monotonic() - started
    assert process.returncode == 0, err
    assert f"ingested {ARTICLES} articles" in err, err
    batch_seconds = float(re.search(r"triples\) in ([\d.]+) s", err).group(1))
    db = ox.Store.read_only(str(store))
    graphs = {g.value: graph_quads(db, g.value) for g in db.named_graphs()}
    return CleanRun(store, seconds, batch_seconds, graphs, canonical(db))


def check_whole(store: Path, clean: CleanRun) -> int:
    """The store opens; each graph in it equals the clean run's graph of that name. Returns article graphs."""
    db = ox.Store(str(store))  # opening read-write replays the write-ahead log, as the next ingest would
    try:
        articles = 0
        for graph in db.named_graphs():
            if graph.value == stats_graph():  # counts over the other graphs: checked against a recount below
                continue
            assert graph.value in clean.graphs, f"graph {graph.value} is not one the clean run wrote"
            found, expected = graph_quads(db, graph.value), clean.graphs[graph.value]
            assert found == expected, (f"graph {graph.value} differs from the clean run: {len(found)} quads, "
                                       f"expected {len(expected)}; extra {sorted(map(str, found - expected))[:3]}, "
                                       f"missing {sorted(map(str, expected - found))[:3]}")
            articles += "/id/article/" in graph.value
        stored = db.quads_for_pattern(None, None, None, ox.DefaultGraph())
        default = {(q.subject, q.predicate, q.object) for q in stored}
        named = {(q.subject, q.predicate, q.object) for q in db if q.graph_name != ox.DefaultGraph()}
        assert default == named, (f"the default graph is not the union of the named graphs: {len(default - named)} "
                                  f"extra, {len(named - default)} missing")
        kept = graph_quads(db, stats_graph())
        db.update(recount())
        assert graph_quads(db, stats_graph()) == kept, "the kept counts differ from a recount of the store"
        return articles
    finally:
        del db


def kill_and_rerun(batch: Path, store: Path, clean: CleanRun, delays: list[float]) -> list[int]:
    seen = []
    for delay in delays:
        process = ingest(batch, store)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        seen.append(check_whole(store, clean))
    process = ingest(batch, store)
    _, err = process.communicate(timeout=1800)
    assert process.returncode == 0, err
    final = ox.Store.read_only(str(store))
    assert len(final) == len(clean.quads), "the rerun must end with the uninterrupted run's triple count"
    assert canonical(final) == clean.quads
    return seen


def test_sigkill_during_the_batch_loses_nothing(batch, clean, tmp_path):
    delays = sorted(random.Random().uniform(0.2, clean.seconds) for _ in range(10))
    seen = kill_and_rerun(batch, tmp_path / "store", clean, delays)
    record("SIGKILLs of ingest (CI), at fractions of the clean run", [round(d / clean.seconds, 2) for d in delays])
    record("article graphs present after each kill", seen)
    record("clean run: seconds total / batch, triples", (round(clean.seconds, 1), round(clean.batch_seconds, 1),
                                                          len(clean.quads)))


@pytest.mark.soak
def test_sigkill_anywhere_soak(batch, clean, tmp_path):
    rng = random.Random()
    delays = [rng.uniform(0.1, clean.seconds) for _ in range(30)]
    seen = kill_and_rerun(batch, tmp_path / "store", clean, delays)
    record("SIGKILLs of ingest (soak)", len(delays))
    record("article graphs present after each soak kill", seen)
