"""Growth with the corpus: the query mix at two sizes, on the store on disk and on an in-memory copy.

    python3 benchmarks/scale.py --articles 10000,100000            # both backends, both sizes
    python3 benchmarks/scale.py --articles 10000 --backends memory
    python3 benchmarks/scale.py --articles 10000 --load --repeat 3   # load speed against bulk_load

The store is what ``diplograph load`` builds from the generated N-Quads (named graphs plus the
merged default graph), loaded once and cached under ``data/stores/scale-<size>`` with its load time
and peak memory. Each (size, backend) runs in a process of its own, so the in-memory copy's memory
is measured alone: "memory" is a ``pyoxigraph.Store()`` holding the very same quads (every graph,
the default graph included), filled from an N-Quads dump of the disk store by Oxigraph's own
parser. Queries run in that process against the stored default graph, 1 client; each query runs
once to warm up, then ``--repeat`` times (fewer once it has used ``--budget`` seconds), and the
median is kept. Printed side by side: each query at each size, its growth, the median of the mix,
and the whole-store aggregates' times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from diplograph.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from generate import DATA, generate, label
from machine import machine
from mix import AGGREGATES, queries
from watch import run_watched

RESULTS = Path(__file__).parent / "results"
BACKENDS = ("disk", "memory")
# The same two whole-store questions read from the counts the store keeps (diplograph.aggregates).
KEPT = {
    "claims-per-claimant": """SELECT ?claimant ?claims WHERE {
  ?claimant <https://w3id.org/diplograph/stats#claims> ?claims } ORDER BY DESC(?claims) LIMIT 20""",
    "mentions-per-entity": """SELECT ?entity ?articles WHERE {
  ?entity <https://w3id.org/diplograph/stats#articles> ?articles } ORDER BY DESC(?articles) LIMIT 20""",
}


def disk_store(articles: int) -> tuple[Path, dict]:
    """The store ``diplograph load`` builds from the corpus (built once, timed, then reused)."""
    nq, _ = generate(articles)
    folder = DATA / "stores" / f"scale-{label(articles)}"
    done = folder.with_name(folder.name + ".json")
    if done.exists():
        figures = json.loads(done.read_text())
    else:
        subprocess.run(["rm", "-rf", str(folder)], check=True)
        seconds, peak, cpu = run_watched(["diplograph", "load", str(nq), "--store", str(folder)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        figures = {"load_s": round(seconds, 1), "load_peak_rss_mb": round(peak / 2**20), "load_cpu_s": round(cpu, 1)}
    if "counts_s" not in figures:  # a store loaded before the counts were kept is counted when opened to write
        started = time.monotonic()
        Store(folder).close()
        figures["counts_s"] = round(time.monotonic() - started, 1)
        figures["disk_mb"] = round(sum(f.stat().st_size for f in folder.iterdir()) / 2**20)
        done.write_text(json.dumps(figures))
    return folder, figures


def open_backend(folder: Path, backend: str) -> tuple[ox.Store, dict]:
    """The store to query: the folder itself, or an in-memory copy of all its quads."""
    disk = ox.Store.read_only(str(folder))
    if backend == "disk":
        return disk, {}
    rss_before = _rss_mb()
    started = time.monotonic()
    with tempfile.NamedTemporaryFile(dir=DATA, suffix=".nq") as dump:
        disk.dump(dump, format=ox.RdfFormat.N_QUADS)
        dump.flush()
        dumped = time.monotonic() - started
        del disk
        memory = ox.Store()
        memory.bulk_load(path=dump.name, format=ox.RdfFormat.N_QUADS)
    return memory, {"copy_s": round(time.monotonic() - started, 1), "dump_s": round(dumped, 1),
                    "copy_rss_mb": round(_rss_mb() - rss_before), "peak_rss_mb": round(_peak_rss_mb())}


def run_one(articles: int, backend: str, repeat: int, budget: float, cap: float) -> dict:
    """Every query of the mix on one backend of one size (this process holds only that store)."""
    folder, load = disk_store(articles)
    store, opened = open_backend(folder, backend)
    cap = cap if backend == "memory" else 0.0  # on disk every query ends in seconds; runs stay in this process
    mix = queries(articles)
    figures = {name: {**timed(store, text, repeat, budget, cap), "sha1": _sha1(text)} for name, text in mix.items()}
    kept = {name: timed(store, text, repeat, budget, cap) for name, text in KEPT.items()}
    for name, figure in [*figures.items(), *((f"{n} (kept)", f) for n, f in kept.items())]:
        print(f"  {label(articles)} {backend} {name}: {figure}", file=sys.stderr, flush=True)
    return {"articles": articles, "backend": backend, "store": load, **opened, "queries": figures,
            "kept": kept, "loadavg": os.getloadavg()}


def timed(store: ox.Store, text: str, repeat: int, budget: float, cap: float) -> dict:
    """Median of ``repeat`` runs after a warm-up (fewer once ``budget`` seconds are spent); a run
    past ``cap`` seconds is stopped and the query recorded as slower than the cap."""
    times, rows, spent = [], 0, 0.0
    for attempt in range(repeat + 1):
        outcome = _run_capped(store, text, cap)
        if outcome is None:
            return {"median_ms": round(cap * 1000, 2), "runs": 0, "rows": None, "capped": True}
        elapsed, rows = outcome
        spent += elapsed
        if attempt:
            times.append(elapsed)
        if spent > budget and times:
            break
    return {"median_ms": round(statistics.median(times) * 1000, 2), "runs": len(times), "rows": rows}


def _run_capped(store: ox.Store, text: str, cap: float) -> tuple[float, int] | None:
    """One run; with a ``cap``, in a forked child (pyoxigraph cannot cancel a query; the child can be
    killed), which starts from this process's caches each time."""
    if not cap:
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(text))
        return time.perf_counter() - started, rows
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(text))
        os.write(writer, json.dumps([time.perf_counter() - started, rows]).encode())
        os._exit(0)
    os.close(writer)
    ready, _, _ = select.select([reader], [], [], cap)
    if not ready:
        os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    data = os.read(reader, 4096) if ready else b""
    os.close(reader)
    return tuple(json.loads(data)) if data else None


def summary(result: dict) -> dict:
    """The mix's median and the aggregates' times (what the targets are about), computed at query
    time and with the two whole-store counts read from what the store keeps."""
    times = {name: q["median_ms"] for name, q in result["queries"].items()}
    kept = {**times, **{name: q["median_ms"] for name, q in result["kept"].items() if q["rows"]}}
    return {"mix_median_ms": round(statistics.median(times.values()), 1),
            "aggregates_ms": {name: times[name] for name in AGGREGATES},
            "slowest_aggregate_ms": max(times[name] for name in AGGREGATES),
            "mix_median_kept_ms": round(statistics.median(kept.values()), 1),
            "slowest_aggregate_kept_ms": max(kept[name] for name in AGGREGATES)}


def table(results: list[dict]) -> str:
    sizes = sorted({r["articles"] for r in results})
    backends = [b for b in BACKENDS if any(r["backend"] == b for r in results)]
    by = {(r["articles"], r["backend"]): r for r in results}
    columns = [(n, b) for b in backends for n in sizes if (n, b) in by]
    head = f"{'median ms':22s}" + "".join(f" {label(n) + ' ' + b:>13s}" for n, b in columns)
    growth = [b for b in backends if all((n, b) in by for n in sizes)] if len(sizes) > 1 else []
    head += "".join(f" {'growth ' + b:>13s}" for b in growth)
    lines = [head]
    names = list(results[0]["queries"])

    def growth_of(values: tuple[float, float]) -> str:
        return f" {values[1] / max(values[0], 0.01):12.1f}x"

    for name in names:
        cells = [by[c]["queries"][name]["median_ms"] for c in columns]
        capped = [by[c]["queries"][name].get("capped") for c in columns]
        line = f"{name + (' *' if name in AGGREGATES else ''):22s}" + "".join(
            f" {'>' if cap else ' '}{v:12.1f}" for v, cap in zip(cells, capped, strict=True))
        for b in growth:
            line += growth_of(tuple(by[(n, b)]["queries"][name]["median_ms"] for n in (sizes[0], sizes[-1])))
        lines.append(line)
    for name in KEPT:
        cells = [by[c]["kept"][name]["median_ms"] for c in columns]
        line = f"{name[:15] + ' (kept)':22s}" + "".join(f" {v:13.1f}" for v in cells)
        for b in growth:
            line += growth_of(tuple(by[(n, b)]["kept"][name]["median_ms"] for n in (sizes[0], sizes[-1])))
        lines.append(line)
    for key, title in (("mix_median_ms", "median of the mix"), ("slowest_aggregate_ms", "slowest aggregate *"),
                       ("mix_median_kept_ms", "median, counts kept"),
                       ("slowest_aggregate_kept_ms", "slowest agg., kept")):
        cells = [summary(by[c])[key] for c in columns]
        line = f"{title:22s}" + "".join(f" {v:13.1f}" for v in cells)
        for b in growth:
            line += growth_of(tuple(summary(by[(n, b)])[key] for n in (sizes[0], sizes[-1])))
        lines.append(line)
    lines.append("* whole-store aggregates; (kept): the same question read from the counts the store keeps; "
                 "> stopped at the cap")
    for r in results:
        store = r["store"]
        extra = (f"; in-memory copy {r['copy_s']} s (dump {r['dump_s']} s), +{r['copy_rss_mb']} MB RSS, "
                 f"peak {r['peak_rss_mb']} MB") if r["backend"] == "memory" else ""
        lines.append(f"{label(r['articles'])} {r['backend']}: diplograph load {store['load_s']} s, "
                     f"peak {store['load_peak_rss_mb']} MB, counts {store['counts_s']} s, "
                     f"{store['disk_mb']} MB on disk{extra}; "
                     f"load average {r['loadavg'][0]:.1f}")
    return "\n".join(lines)


BULK_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
"""


def load_figures(articles: int, repeat: int, files: set[str]) -> list[dict]:
    """``diplograph load`` against ``pyoxigraph.Store.bulk_load`` on the same file, alternating,
    ``repeat`` times each (medians), for the ``files`` asked for: the generated ``corpus`` (named
    graphs only: the default graph and the counts are derived) and ``diplograph export``'s N-Quads
    ``dump`` of the same store (it carries its default graph and counts: nothing to derive)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="scale-load-", dir=DATA) as tmp:
        scratch = Path(tmp)
        sources = [("corpus N-Quads", generate(articles)[0])] if "corpus" in files else []
        export_s = None
        if "dump" in files:
            folder, _ = disk_store(articles)
            dump = scratch / "dump.nq"
            started = time.monotonic()
            subprocess.run(["diplograph", "export", "--format", "nquads", "-o", str(dump), "--store", str(folder)],
                           check=True)
            export_s = round(time.monotonic() - started, 1)
            sources.append(("export dump", dump))
        for what, source in sources:
            lines = sum(chunk.count(b"\n") for chunk in _chunks(source))
            runs: dict[str, list[dict]] = {"bulk_load": [], "diplograph load": []}
            for _ in range(repeat):
                for tool, command in (
                    ("bulk_load", [sys.executable, "-c", BULK_LOAD, str(source), str(scratch / "bulk")]),
                    ("diplograph load", ["diplograph", "load", str(source), "--store", str(scratch / "load")]),
                ):
                    seconds, peak, cpu = run_watched(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    runs[tool].append({"s": round(seconds, 1), "cpu_s": round(cpu, 1),
                                       "peak_rss_mb": round(peak / 2**20), "loadavg": round(os.getloadavg()[0], 1)})
                    subprocess.run(["rm", "-rf", str(scratch / "bulk"), str(scratch / "load")], check=True)
                    print(f"  {label(articles)} {what} {tool}: {runs[tool][-1]}", file=sys.stderr, flush=True)
            timings = {tool: {key: statistics.median(r[key] for r in tool_runs)
                              for key in ("s", "cpu_s", "peak_rss_mb")} for tool, tool_runs in runs.items()}
            rows.append({"articles": articles, "file": what, "lines": lines, **timings, "runs": runs,
                         "x_bulk_load": round(timings["bulk_load"]["s"] / timings["diplograph load"]["s"], 2),
                         "x_bulk_load_cpu": round(timings["bulk_load"]["cpu_s"] / timings["diplograph load"]["cpu_s"],
                                                  2)})
        if export_s is not None:
            rows[-1]["export_s"] = export_s
    return rows


def _sha1(text: str) -> str:
    """Which text ran (the canned queries are read from queries/*.rq at run time)."""
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _chunks(path: Path):
    with path.open("rb") as data:
        yield from iter(lambda: data.read(1 << 24), b"")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="10000,100000", help="Corpus sizes, comma-separated.")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="disk, memory, or both.")
    parser.add_argument("--repeat", type=int, default=5,
                        help="Timed runs per query (after one warm-up); with --load, loads of each kind.")
    parser.add_argument("--budget", type=float, default=60.0, help="Seconds per query after which runs stop.")
    parser.add_argument("--cap", type=float, default=120.0,
                        help="Seconds after which a query run on the in-memory copy is stopped.")
    parser.add_argument("--load", action="store_true", help="Time loading instead of querying.")
    parser.add_argument("--files", default="corpus,dump",
                        help="--load: which files, comma-separated: corpus (named graphs only), dump (an export).")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child: one size, one backend
    args = parser.parse_args()
    sizes = [int(n) for n in args.articles.split(",")]
    backends = args.backends.split(",")
    if args.one:
        print(json.dumps(run_one(sizes[0], backends[0], args.repeat, args.budget, args.cap)))
        return
    if args.load:
        files = set(args.files.split(","))
        if not files or files - {"corpus", "dump"}:
            parser.error(f"--files: expected corpus, dump or both, got {args.files!r}")
        rows = [row for articles in sizes for row in load_figures(articles, args.repeat, files)]
        print(f"\n{machine()}\n{'load':24s} {'lines':>10s} {'bulk_load s':>11s} {'diplograph s':>12s} "
              f"{'x bulk':>6s} {'x (CPU s)':>9s}")
        for r in rows:
            print(f"{label(r['articles']) + ' ' + r['file']:24s} {r['lines']:10d} {r['bulk_load']['s']:11.1f} "
                  f"{r['diplograph load']['s']:12.1f} {r['x_bulk_load']:6.2f} {r['x_bulk_load_cpu']:9.2f}")
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"scale-load-{'-'.join(label(n) for n in sizes)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
        out.write_text(json.dumps({"machine": machine(), "load": rows}, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten: {out}")
        return
    results = []
    for articles in sizes:
        disk_store(articles)
        for backend in backends:
            child = subprocess.run([sys.executable, __file__, "--one", "--articles", str(articles), "--backends",
                                    backend, "--repeat", str(args.repeat), "--budget", str(args.budget),
                                    "--cap", str(args.cap)],
                                   check=True, stdout=subprocess.PIPE, text=True)
            results.append(json.loads(child.stdout))
    print(f"\n{machine()}\npyoxigraph {ox.__version__}, stored (merged) default graph, 1 client\n{table(results)}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{'-'.join(label(n) for n in sizes)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": machine(), "results": results,
                               "summary": [{"articles": r["articles"], "backend": r["backend"], **summary(r)}
                                           for r in results]}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
