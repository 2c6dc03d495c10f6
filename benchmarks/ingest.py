"""Ingest and load speed: ``diplograph ingest`` against the raw spaCy pipeline, ``diplograph load``
against pyoxigraph's ``bulk_load``.

    python3 benchmarks/ingest.py --articles 1000 --workers 1,2      # texts of the generated corpus
    python3 benchmarks/ingest.py --articles 10000 --skip-ingest    # loading only
    python3 benchmarks/ingest.py --articles 10000 --memory 2 --skip-ingest --skip-load  # RSS, 1k vs 10k

Ingest: the same JSONL corpus (``generate.py``) through ``diplograph ingest --workers W`` and
through ``nlp.pipe`` with the same model, the same pipeline components (none disabled on either
side), batch size and process count (a process of its own each time, interpreter start and model
loading included on both sides). ``nlp.pipe(n_process=W)`` sends every Doc back to its parent,
which diplograph's workers do not, so with W > 1 a second reference runs W independent processes
with nlp.pipe on 1/W of the corpus each: spaCy's own ceiling on W cores. CPU seconds of each run's
process tree are printed too (a run may spread over more cores than its process count).
Memory (``--memory W``): one ``diplograph ingest --workers W`` of the whole corpus, its process
tree's RSS sampled every 0.2 s: the peak up to the first 1,000 articles written against the peak
of the whole run. Load: the same N-Quads file into a fresh store with ``diplograph load`` and with
``pyoxigraph.Store.bulk_load``. Printed: articles/s, words/s, quads/s, peak memory and the ratio
to the reference; the figures go to ``benchmarks/results/ingest-<size>-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, label
from machine import machine
from watch import Monitor, run_watched

from diplograph.config import Settings
from diplograph.ingest.pipeline import BATCH_SIZE

RESULTS = Path(__file__).parent / "results"

# Texts number, number + shards, ... of the file: the whole corpus with shards = 1.
RAW_SPACY = """
import json, sys, spacy
path, model, batch, workers, shard, shards = sys.argv[1:3] + [int(a) for a in sys.argv[3:]]
def texts():
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % shards == shard:
                yield json.loads(line)["text"]
nlp = spacy.load(model)
docs = sum(1 for _ in nlp.pipe(texts(), batch_size=batch, n_process=workers))
print(docs)
"""
PROGRESS = re.compile(r"^(?:ingest: (\d+) articles|ingested (\d+) articles?)")  # log lines, then the summary
MEMORY_CHECKPOINT = 1000

BULK_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
print(len(store))
"""


def corpus_words(jsonl: Path, limit: int) -> tuple[int, int]:
    articles = words = 0
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            if articles >= limit:
                break
            articles += 1
            words += len(json.loads(line)["text"].split())
    return articles, words


def bench_ingest(jsonl: Path, limit: int, workers: int, model: str, scratch: Path, repeat: int = 1) -> list[dict]:
    """Raw spaCy and diplograph ingest on the first ``limit`` articles with ``workers`` processes.

    The runs alternate, ``repeat`` rounds of each, and every row gives the median (the machine is
    shared: a neighbour's job then weighs on both sides alike).
    """
    articles, words = corpus_words(jsonl, limit)
    subset = scratch / f"corpus-{limit}.jsonl"
    if not subset.exists():
        with jsonl.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number >= limit:
                    break
                out.write(line)
    raw = [sys.executable, "-c", RAW_SPACY, str(subset), model, str(BATCH_SIZE)]
    store = scratch / f"store-{workers}"
    runs = {"spaCy nlp.pipe": [*raw, str(workers), "0", "1"]}
    if workers > 1:  # W independent processes, one shard each: no Docs sent anywhere
        shards = " & ".join(shlex.join([*raw, "1", str(shard), str(workers)]) for shard in range(workers))
        runs[f"spaCy {workers} x 1/{workers}"] = ["sh", "-c", f"{shards} & wait"]
    runs["diplograph ingest"] = ["diplograph", "ingest", str(subset), "--store", str(store),
                                 "--workers", str(workers), "--model", model]
    measured: dict[str, list[tuple[float, int, float]]] = {what: [] for what in runs}
    for _ in range(repeat):
        for what, command in runs.items():
            shutil.rmtree(store, ignore_errors=True)
            measured[what].append(run_watched(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    shutil.rmtree(store, ignore_errors=True)
    rows = [_row(what, workers, articles, words, results) for what, results in measured.items()]
    rows[-1]["x_reference"] = round(rows[-1]["words_per_s"] / rows[0]["words_per_s"], 2)
    if workers > 1:
        rows[-1]["x_spacy_split"] = round(rows[-1]["words_per_s"] / rows[1]["words_per_s"], 2)
    return rows


def bench_memory(jsonl: Path, workers: int, model: str, scratch: Path) -> dict:
    """Peak RSS of ``diplograph ingest`` over the whole corpus: up to the first 1,000 articles, and in all.

    Progress comes from the command's own log lines (every 10 s); each is kept with the tree's RSS
    then (driver and workers apart), so the JSON shows how memory moves through the run.
    """
    store = scratch / "store-memory"
    shutil.rmtree(store, ignore_errors=True)
    command = ["diplograph", "ingest", str(jsonl), "--store", str(store), "--workers", str(workers),
               "--model", model]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    monitor = Monitor(process.pid)
    trace, at_checkpoint, checkpoint_peak, summary = [], None, 0, []
    try:
        for line in process.stderr:
            if not line.startswith("ingest: "):
                summary.append(line.rstrip())
            if (match := PROGRESS.match(line)) is None:
                continue
            articles = int(match.group(1) or match.group(2))
            driver = monitor.root.memory_info().rss
            trace.append({"articles": articles, "seconds": round(time.monotonic() - started, 1),
                          "rss_mb": round(monitor.rss() / 2**20), "driver_rss_mb": round(driver / 2**20),
                          "peak_rss_mb": round(monitor.peak / 2**20)})
            if at_checkpoint is None and articles >= MEMORY_CHECKPOINT:
                at_checkpoint, checkpoint_peak = trace[-1], monitor.peak
        code = process.wait()
    finally:
        monitor.stop()
    if code or at_checkpoint is None:
        raise RuntimeError(f"{' '.join(command)} exited with {code} before reporting {MEMORY_CHECKPOINT} articles:\n"
                           + "\n".join(summary[-20:]))
    shutil.rmtree(store, ignore_errors=True)
    final = monitor.peak
    return {"workers": workers, "seconds": round(time.monotonic() - started, 1), "summary": summary[-10:],
            "checkpoint_articles": at_checkpoint["articles"], "peak_rss_mb_at_checkpoint": at_checkpoint["peak_rss_mb"],
            "peak_rss_mb": round(final / 2**20),
            "growth_percent": round(100 * (final / checkpoint_peak - 1), 1), "trace": trace}


def bench_load(nq: Path, scratch: Path) -> list[dict]:
    quads = sum(1 for _ in nq.open("rb"))
    rows = []
    for name, command in (
        ("pyoxigraph bulk_load", [sys.executable, "-c", BULK_LOAD, str(nq), str(scratch / "bulk")]),
        ("diplograph load", ["diplograph", "load", str(nq), "--store", str(scratch / "load")]),
    ):
        seconds, peak, cpu = run_watched(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows.append({"what": name, "quads": quads, "seconds": round(seconds, 2),
                     "quads_per_s": round(quads / seconds), "peak_rss_mb": round(peak / 2**20),
                     "cpu_s": round(cpu, 1)})
    rows[1]["x_reference"] = round(rows[1]["quads_per_s"] / rows[0]["quads_per_s"], 2)
    for folder in ("bulk", "load"):
        shutil.rmtree(scratch / folder, ignore_errors=True)
    return rows


def _row(what: str, workers: int, articles: int, words: int, results: list[tuple[float, int, float]]) -> dict:
    """Medians of the runs' (wall seconds, peak RSS, CPU seconds), and every run's seconds."""
    seconds = statistics.median(r[0] for r in results)
    return {"what": what, "workers": workers, "articles": articles, "words": words, "seconds": round(seconds, 2),
            "articles_per_s": round(articles / seconds, 2), "words_per_s": round(words / seconds),
            "peak_rss_mb": round(statistics.median(r[1] for r in results) / 2**20),
            "cpu_s": round(statistics.median(r[2] for r in results), 1),
            "runs_s": [round(r[0], 2) for r in results]}


def table(ingest: list[dict], load: list[dict], memory: dict | None = None) -> str:
    lines = []
    if ingest:
        lines.append(f"{'ingest':20s} {'proc':>4s} {'articles':>8s} {'words':>8s} {'s':>7s} {'cpu s':>7s} "
                     f"{'art/s':>7s} {'words/s':>8s} {'peak MB':>7s} {'x spaCy':>7s} {'x split':>7s}")
        for r in ingest:
            lines.append(f"{r['what']:20s} {r['workers']:4d} {r['articles']:8d} {r['words']:8d} {r['seconds']:7.1f} "
                         f"{r['cpu_s']:7.1f} {r['articles_per_s']:7.2f} {r['words_per_s']:8d} {r['peak_rss_mb']:7d} "
                         f"{r.get('x_reference', ''):>7} {r.get('x_spacy_split', ''):>7}")
    if memory:
        lines.append(f"\nmemory: diplograph ingest --workers {memory['workers']}, {memory['seconds']:.0f} s: peak RSS "
                     f"{memory['peak_rss_mb_at_checkpoint']} MB after {memory['checkpoint_articles']} articles, "
                     f"{memory['peak_rss_mb']} MB after all; growth {memory['growth_percent']:+.1f}%")
    if load:
        lines.append(f"\n{'load':20s} {'quads':>9s} {'s':>7s} {'quads/s':>8s} {'peak MB':>7s} {'x bulk':>7s}")
        for r in load:
            lines.append(f"{r['what']:20s} {r['quads']:9d} {r['seconds']:7.1f} {r['quads_per_s']:8d} "
                         f"{r['peak_rss_mb']:7d} {r.get('x_reference', ''):>7}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="Corpus size (its N-Quads are loaded).")
    parser.add_argument("--limit", type=int, default=None, help="Ingest only the first N articles.")
    parser.add_argument("--workers", default="1,2", help="Process counts to compare, comma-separated.")
    parser.add_argument("--model", default=Settings().spacy_model)
    parser.add_argument("--repeat", type=int, default=1, help="Rounds of each ingest run (medians are printed).")
    parser.add_argument("--memory", type=int, metavar="W", default=0,
                        help="Also ingest the whole corpus with W processes, for peak RSS at 1k and at the end.")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    nq, jsonl = generate(args.articles)
    limit = args.limit or args.articles
    ingest, load, memory = [], [], None
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-", dir=nq.parent) as tmp:
        scratch = Path(tmp)
        if not args.skip_ingest:
            for workers in (int(w) for w in args.workers.split(",")):
                print(f"ingest: {limit} articles, {workers} process(es)", file=sys.stderr)
                ingest += bench_ingest(jsonl, limit, workers, args.model, scratch, args.repeat)
        if args.memory:
            print(f"memory: {args.articles} articles, {args.memory} process(es)", file=sys.stderr)
            memory = bench_memory(jsonl, args.memory, args.model, scratch)
        if not args.skip_load:
            print(f"load: {nq.name}", file=sys.stderr)
            load = bench_load(nq, scratch)
    print(f"\n{machine()}\n{table(ingest, load, memory)}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"ingest-{label(args.articles)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": machine(), "articles": args.articles, "model": args.model,
                               "batch_size": BATCH_SIZE, "ingest": ingest, "load": load,
                               "memory": memory}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
