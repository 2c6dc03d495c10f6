"""Ingest and load speed: ``diplograph ingest`` against the raw spaCy pipeline, ``diplograph load``
against pyoxigraph's ``bulk_load``.

    python3 benchmarks/ingest.py --articles 1000 --workers 1,2      # texts of the generated corpus
    python3 benchmarks/ingest.py --articles 10000 --skip-ingest    # loading only

Ingest: the same JSONL corpus (``generate.py``) through ``diplograph ingest --workers W`` and
through ``nlp.pipe`` with the same model, batch size and process count (a process of its own each
time, model loading included on both sides). Load: the same N-Quads file into a fresh store with
``diplograph load`` and with ``pyoxigraph.Store.bulk_load``. Printed: articles/s, words/s,
quads/s, peak memory of each run's process tree, and the ratio to the reference; the figures go
to ``benchmarks/results/ingest-<size>-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, label
from machine import machine
from watch import run_watched

from diplograph.config import Settings
from diplograph.ingest.pipeline import BATCH_SIZE

RESULTS = Path(__file__).parent / "results"

RAW_SPACY = """
import json, sys, spacy
path, model, batch, workers, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def texts():
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                return
            yield json.loads(line)["text"]
nlp = spacy.load(model)
docs = sum(1 for _ in nlp.pipe(texts(), batch_size=batch, n_process=workers))
print(docs)
"""

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


def bench_ingest(jsonl: Path, limit: int, workers: int, model: str, scratch: Path) -> list[dict]:
    """Raw spaCy and diplograph ingest on the first ``limit`` articles with ``workers`` processes."""
    articles, words = corpus_words(jsonl, limit)
    subset = scratch / f"corpus-{limit}.jsonl"
    if not subset.exists():
        with jsonl.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number >= limit:
                    break
                out.write(line)
    rows = []
    raw = [sys.executable, "-c", RAW_SPACY, str(subset), model, str(BATCH_SIZE), str(workers), str(limit)]
    seconds, peak, cpu = run_watched(raw, stdout=subprocess.DEVNULL)
    rows.append(_row("spaCy nlp.pipe", workers, articles, words, seconds, peak, cpu))
    store = scratch / f"store-{workers}"
    shutil.rmtree(store, ignore_errors=True)
    command = ["diplograph", "ingest", str(subset), "--store", str(store), "--workers", str(workers),
               "--model", model]
    seconds, peak, cpu = run_watched(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows.append(_row("diplograph ingest", workers, articles, words, seconds, peak, cpu))
    rows[-1]["x_reference"] = round(rows[-1]["words_per_s"] / rows[-2]["words_per_s"], 2)
    shutil.rmtree(store, ignore_errors=True)
    return rows


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


def _row(what: str, workers: int, articles: int, words: int, seconds: float, peak: int, cpu: float) -> dict:
    return {"what": what, "workers": workers, "articles": articles, "words": words, "seconds": round(seconds, 2),
            "articles_per_s": round(articles / seconds, 2), "words_per_s": round(words / seconds),
            "peak_rss_mb": round(peak / 2**20), "cpu_s": round(cpu, 1)}


def table(ingest: list[dict], load: list[dict]) -> str:
    lines = []
    if ingest:
        lines.append(f"{'ingest':20s} {'proc':>4s} {'articles':>8s} {'words':>8s} {'s':>7s} {'art/s':>7s} "
                     f"{'words/s':>8s} {'peak MB':>7s} {'x spaCy':>7s}")
        for r in ingest:
            lines.append(f"{r['what']:20s} {r['workers']:4d} {r['articles']:8d} {r['words']:8d} {r['seconds']:7.1f} "
                         f"{r['articles_per_s']:7.2f} {r['words_per_s']:8d} {r['peak_rss_mb']:7d} "
                         f"{r.get('x_reference', ''):>7}")
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
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    nq, jsonl = generate(args.articles)
    limit = args.limit or args.articles
    ingest, load = [], []
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-", dir=nq.parent) as tmp:
        scratch = Path(tmp)
        if not args.skip_ingest:
            for workers in (int(w) for w in args.workers.split(",")):
                print(f"ingest: {limit} articles, {workers} process(es)", file=sys.stderr)
                ingest += bench_ingest(jsonl, limit, workers, args.model, scratch)
        if not args.skip_load:
            print(f"load: {nq.name}", file=sys.stderr)
            load = bench_load(nq, scratch)
    print(f"\n{machine()}\n{table(ingest, load)}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"ingest-{label(args.articles)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": machine(), "articles": args.articles, "model": args.model,
                               "batch_size": BATCH_SIZE, "ingest": ingest, "load": load}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
