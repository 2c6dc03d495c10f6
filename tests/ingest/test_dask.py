"""`diplograph ingest --dask`: a real Dask LocalCluster (2 worker processes on 127.0.0.1), a real spaCy
pipeline in each worker, the driver writing a real Oxigraph store; compared with a single-process run."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import dask
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster
from spacy.tokens import Doc

from diplograph.cli import main
from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.cluster import ClusterError, check_workers, connect
from diplograph.ingest.extract import extract
from diplograph.ingest.facts import Facts
from diplograph.ingest.pipeline import Outcome, Summary, run
from diplograph.ingest.readers import Failure
from diplograph.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "ingest" / "samples"
SIX = ["001_us_dprk_dmz.json", "004_us_russia_geneva.json", "007_unsc_resolution_2397.json",
       "008_us_iran_oil_sanctions.json", "012_hanoi_cut_short.json", "018_biden_xi_lima.json"]
DOOMED = "007_unsc_resolution_2397.json"  # third of SIX: with batches of 2, in the second batch

# The workers cannot import this test module: its extractors travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def local_cluster(workers: int, **worker_options: object) -> LocalCluster:
    """Worker processes of one thread each on 127.0.0.1; no dashboard, and the scheduler's HTTP
    endpoints on a free loopback port (not 8787, which another cluster may hold)."""
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                        **worker_options)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def inputs(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args])
    return result.exit_code, result.output


def graphs(store_dir: Path) -> dict[str, set[ox.Triple]]:
    """Every graph's triples, blank nodes relabelled canonically (the ontology's get new labels per install)."""
    with Store(store_dir, read_only=True) as store:
        dataset = ox.Dataset(store.inner.quads_for_pattern(None, None, None, None))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    triples: dict[str, set[ox.Triple]] = defaultdict(set)
    for quad in dataset:
        triples[str(quad.graph_name)].add(quad.triple)
    return dict(triples)


def without_timing(output: str) -> str:
    """The output less what depends on speed: the periodic progress lines and the rate."""
    lines = [line for line in output.splitlines() if not line.startswith("ingest: ")]
    return re.sub(r" in [\d.]+ s \([\d.e+-]+ articles/s\)", "", "\n".join(lines))


def test_the_cluster_builds_the_same_store_as_one_process(scheduler: str, tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in", SIX[:5])
    (folder / "broken.json").write_text('{"text": "Kim Jong Un said", "title": ', encoding="utf-8")

    code, output = ingest(str(folder), "--store", str(tmp_path / "dask"), "--dask", scheduler)
    assert code == 1, output
    assert "ingested 5 articles" in output and "failed: 1" in output
    assert f"{folder / 'broken.json'}: " in output and "invalid JSON" in output

    single_code, single_output = ingest(str(folder), "--store", str(tmp_path / "one"))
    assert single_code == 1
    assert without_timing(output) == without_timing(single_output)

    on_cluster, in_process = graphs(tmp_path / "dask"), graphs(tmp_path / "one")
    articles = [g for g in in_process if "/id/article/" in g]
    assert len(articles) == 5
    assert sorted(on_cluster) == sorted(in_process)
    for graph, triples in in_process.items():
        assert on_cluster[graph] == triples, graph


class Collect:
    """A reporter that keeps every outcome's source, in the order the driver wrote them."""

    def __init__(self) -> None:
        self.sources: list[str] = []

    def warning(self, source: str, message: str) -> None:
        pass

    def failure(self, failure: Failure) -> None:
        pass

    def article(self, outcome: Outcome, summary: Summary) -> None:
        self.sources.append(Path(outcome.source).name)


def die_on_the_doomed(article: Article, doc: Doc) -> Facts:
    """Ends its worker process abruptly, as the kernel's out-of-memory killer would."""
    if article.source.endswith(DOOMED):
        os._exit(3)
    return extract(article, doc)


def die_once_on_the_doomed(article: Article, doc: Doc) -> Facts:
    """Ends the first worker that meets the doomed article (a marker file beside the inputs remembers)."""
    marker = Path(article.source).parent.parent / "a worker died"
    if article.source.endswith(DOOMED) and not marker.exists():
        marker.touch()
        os._exit(3)
    return extract(article, doc)


def ingest_six(scheduler: str, tmp_path: Path, extractor) -> tuple[Summary, list[str]]:
    folder = inputs(tmp_path / "in", SIX)
    report = Collect()
    with Store(tmp_path / "store") as store:
        summary = run([str(folder)], store, Settings(store=str(tmp_path / "store")), report,
                      extractor=extractor, batch_size=2, dask=scheduler)
    assert len([g for g in graphs(tmp_path / "store") if "/id/article/" in g]) == summary.articles
    return summary, report.sources


def test_a_batch_whose_worker_died_is_retried_elsewhere(scheduler: str, tmp_path: Path) -> None:
    summary, written = ingest_six(scheduler, tmp_path, die_once_on_the_doomed)
    assert (tmp_path / "a worker died").exists()
    assert not summary.failures
    assert summary.articles == 6
    assert written == SIX  # in input order


def test_a_batch_that_kills_every_worker_fails_and_the_run_goes_on(scheduler: str, tmp_path: Path) -> None:
    with Client(scheduler, set_as_default=False) as client:
        client.run_on_scheduler(allow_failures, 0)  # fail a task the first time its worker dies
        try:
            summary, written = ingest_six(scheduler, tmp_path, die_on_the_doomed)
        finally:
            client.run_on_scheduler(allow_failures, dask.config.get("distributed.scheduler.allowed-failures"))
    failed = [Path(f.source).name for f in summary.failures]
    assert DOOMED in failed
    assert all("a Dask worker died while its batch was processed" in f.reason for f in summary.failures)
    batches = [SIX[i:i + 2] for i in range(0, 6, 2)]
    assert all(set(batch) <= set(failed) or not set(batch) & set(failed) for batch in batches)  # whole batches
    assert summary.articles + len(failed) == 6 and summary.articles >= 2
    assert written == SIX  # in input order, failures in their place


def allow_failures(count: int, dask_scheduler) -> None:  # runs in the scheduler
    dask_scheduler.allowed_failures = count


def test_a_malformed_scheduler_address_is_named(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in", SIX[:1])
    code, output = ingest(str(folder), "--store", str(tmp_path / "store"), "--dask", "tcp://scheduler")
    assert code == 1
    assert "bad Dask scheduler address 'tcp://scheduler'" in output


def test_an_unreachable_scheduler_is_named() -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {re.escape(address)} within 1 s"):
        connect(address, timeout=1)


def test_workers_with_another_spacy_are_refused(tmp_path: Path) -> None:
    preload = tmp_path / "older_spacy.py"  # runs in the worker process before it joins
    preload.write_text('import spacy\nspacy.__version__ = "3.7.0"\n', encoding="utf-8")
    with (local_cluster(1, preload=[str(preload)]) as cluster,
          connect(cluster.scheduler_address) as client,
          pytest.raises(ClusterError, match=r"Dask worker tcp://127\.0\.0\.1:\d+ has diplograph [^,]+, spaCy 3\.7\.0, "
                                            r".* the driver has .*spaCy 3\.8\.\d+")):
        check_workers(client, cluster.scheduler_address, Settings())


def test_without_distributed_installed_the_error_says_what_to_install(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when it is absent
    folder = inputs(tmp_path / "in", SIX[:1])
    code, output = ingest(str(folder), "--store", str(tmp_path / "store"), "--dask", "tcp://127.0.0.1:8786")
    assert code == 1
    assert "pip install 'diplograph[dask]'" in output


def test_workers_and_dask_together_are_refused(tmp_path: Path) -> None:
    code, output = ingest(str(SAMPLES / SIX[0]), "--store", str(tmp_path / "store"), "--dask",
                          "tcp://127.0.0.1:8786", "--workers", "2")
    assert code == 2
    assert "--workers does not apply with --dask" in output
