"""The query mix on a merged default graph: what set semantics for the union would cost and save.

    python3 benchmarks/layout.py --articles 1000,10000

Oxigraph's union default graph (``use_default_graph_as_union``, ``--union-default-graph``) is a
multiset: a triple repeated in k named graphs matches k times. Ingest repeats every shared node's
description in each article graph that mentions it, so a popular leader's ``rdfs:label`` matches
once per article, and the canned queries, which join several such patterns, grow with the square
(or cube) of an entity's popularity. This script stores the same data once more as one merged
graph (each distinct triple once: the RDF merge the SPARQL default graph means) and runs the mix
against that graph with pyoxigraph in this process, on disk, 1 client, at each size given.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent))
from generate import DATA, generate, label
from machine import machine
from mix import queries

RESULTS = Path(__file__).parent / "results"
MERGED = ox.NamedNode("urn:diplograph:bench:merged")


def open_merged(articles: int) -> tuple[ox.Store, float | None]:
    """The store with the corpus's graphs plus the merged graph, built once (streamed, bulk)."""
    nq, _ = generate(articles)
    folder = DATA / "stores" / f"merged-{label(articles)}"
    done = folder.with_name(folder.name + ".loaded")
    if done.exists():
        return ox.Store(str(folder)), float(done.read_text())
    started = time.monotonic()
    store = ox.Store(str(folder))
    quads = ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.bulk_extend(itertools.chain.from_iterable(
        (q, ox.Quad(q.subject, q.predicate, q.object, MERGED)) for q in quads))
    store.flush()
    seconds = time.monotonic() - started
    done.write_text(f"{seconds:.2f}")
    return store, seconds


def run(articles: int, repeat: int) -> dict:
    store, load_seconds = open_merged(articles)
    figures = {}
    for name, text in queries(articles).items():
        times, rows = [], 0
        for _ in range(repeat + 1):
            started = time.perf_counter()
            rows = sum(1 for _ in store.query(text, default_graph=MERGED))
            times.append(time.perf_counter() - started)
        figures[name] = {"median_ms": round(statistics.median(times[1:]) * 1000, 2), "rows": rows}
        print(f"  {label(articles)} {name}: {figures[name]}", file=sys.stderr)
    return {"articles": articles, "load_seconds": load_seconds, "queries": figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="1000,10000", help="Corpus sizes, comma-separated.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(n) for n in args.articles.split(",")]
    results = [run(n, args.repeat) for n in sizes]
    names = list(results[0]["queries"])
    print(f"\n{machine()}\nmerged default graph, pyoxigraph on disk, 1 client; median ms (rows)")
    print(f"{'query':22s}" + "".join(f" {label(r['articles']):>16s}" for r in results)
          + (f" {'growth':>7s}" if len(results) > 1 else ""))
    for name in names:
        cells = [r["queries"][name] for r in results]
        line = f"{name:22s}" + "".join(f" {c['median_ms']:9.1f} ({c['rows']:4d})" for c in cells)
        if len(results) > 1:
            line += f" {cells[-1]['median_ms'] / max(cells[0]['median_ms'], 0.01):6.1f}x"
        print(line)
    medians = [statistics.median(r["queries"][q]["median_ms"] for q in names) for r in results]
    print("median of the mix: " + ", ".join(f"{label(r['articles'])} {m:.1f} ms" for r, m in zip(results, medians,
                                                                                                  strict=True)))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"layout-{'-'.join(label(n) for n in sizes)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
