"""Side by side: diplograph's SPARQL server, Oxigraph's own server and rdflib-endpoint.

    python3 benchmarks/endpoint.py --articles 10000                 # all three servers
    python3 benchmarks/endpoint.py --articles 1000 --servers diplograph,oxigraph

Each server gets the same generated graph (``generate.py``) in the same layout (named graphs plus
a default graph holding each distinct triple once; rdflib's set-union default graph answers the
same), is started as its own process and is driven from this one (HTTP over loopback, keep-alive,
JSON results) with the query mix of ``mix.py``: every query alone (1 client), then 8 clients each
running the mix in its own order for a few rounds or until the time budget passes, then a trivial
query (per-request overhead). The trivial query comes last because Oxigraph's server starts a
thread per query that sleeps out its ``--timeout-s``: thousands of trivial queries in a few seconds
leave thousands of sleeping threads, and the mix after them failed to start threads (ENOMEM).
Printed per query: median and p95 latency at 1 and 8 clients, server CPU per query, each server's
row count (MISMATCH when they disagree); per server: throughput, errors, peak memory of the
server's process tree; ratios to Oxigraph's server. The figures go to
``benchmarks/results/endpoint-<size>-<time>.json``.

Needs ``pip install -e '.[bench]'`` (oxigraph's CLI server, rdflib-endpoint, psutil). Stores are
cached under benchmarks/data/stores/ (``--reload`` rebuilds them).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import DATA, generate, label
from machine import machine
from mix import TRIVIAL, queries
from watch import Monitor

RESULTS = Path(__file__).parent / "results"
LAYOUT = "merged"  # in the cached stores' names: stores loaded before the stored default graph are not reused
ACCEPT = "application/sparql-results+json"


# --- the servers -------------------------------------------------------------------------------------

@dataclass
class Server:
    name: str
    path: str  # the query URL path
    process: subprocess.Popen | None = None
    port: int = 0
    load_seconds: float | None = None
    log: Path | None = None

    def prepare(self, nq: Path, folder: Path, timeout: float) -> list[str]:
        """Load the data if needed; return the command that serves it."""
        raise NotImplementedError

    def start(self, nq: Path, folder: Path, timeout: float) -> None:
        command = self.prepare(nq, folder, timeout)
        self.port = _free_port()
        command = [c.replace("{port}", str(self.port)) for c in command]
        self.log = folder.parent / f"{folder.name}.log"
        started = time.monotonic()
        self.process = subprocess.Popen(command, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        _wait_ready(self, limit=1800)
        if self.load_seconds is None:  # loaded at start (rdflib-endpoint parses the file in memory)
            self.load_seconds = time.monotonic() - started

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Diplograph(Server):
    def __init__(self) -> None:
        super().__init__("diplograph", "/sparql")

    def prepare(self, nq: Path, folder: Path, timeout: float) -> list[str]:
        self.load_seconds = _load_once(folder, ["diplograph", "load", str(nq), "--store", str(folder)])
        return ["diplograph", "serve", "--store", str(folder), "--host", "127.0.0.1", "--port", "{port}",
                "--timeout", str(timeout)]


class Oxigraph(Server):
    """Oxigraph's server on the layout diplograph keeps: the named graphs plus a default graph that
    holds each distinct triple once, written by Oxigraph's bulk loader (pyoxigraph's store format
    is the CLI's); it queries the stored default graph, not ``--union-default-graph``."""

    def __init__(self) -> None:
        super().__init__("oxigraph", "/query")

    def prepare(self, nq: Path, folder: Path, timeout: float) -> list[str]:
        self.load_seconds = _load_once(folder, [sys.executable, "-c", BULK_LOAD, str(folder), str(nq)])
        return ["oxigraph", "serve-read-only", "--location", str(folder), "--bind", "127.0.0.1:{port}",
                "--timeout-s", str(int(timeout))]


BULK_LOAD = """import sys, pyoxigraph as ox
from diplograph.merged import with_default_copies
quads = ox.parse(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)
ox.Store(sys.argv[1]).bulk_extend(with_default_copies(quads))
"""


class RdflibEndpoint(Server):
    """rdflib's in-memory Dataset; its union default graph is a set, so it answers as the merged graph."""

    def __init__(self) -> None:
        super().__init__("rdflib-endpoint", "/")

    def prepare(self, nq: Path, folder: Path, timeout: float) -> list[str]:
        folder.mkdir(parents=True, exist_ok=True)
        return ["rdflib-endpoint", "serve", str(nq), "--host", "127.0.0.1", "--port", "{port}"]


SERVERS = {"diplograph": Diplograph, "oxigraph": Oxigraph, "rdflib-endpoint": RdflibEndpoint}


def _load_once(folder: Path, command: list[str]) -> float:
    """Run the load command into ``folder`` unless a finished load is cached; returns its seconds."""
    done = folder.with_name(folder.name + ".loaded")
    if done.exists() and folder.exists():
        return float(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr[:2000]}")
    seconds = time.monotonic() - started
    done.write_text(f"{seconds:.2f}")
    return seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(server: Server, *, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}: see {server.log}")
        try:
            status, _, _ = Client(server).ask(TRIVIAL, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{server.name} not ready after {limit:.0f} s: see {server.log}")


# --- the client --------------------------------------------------------------------------------------

class Client:
    """One keep-alive connection, as one user's client would hold."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.conn: http.client.HTTPConnection | None = None

    def ask(self, query: str, *, timeout: float) -> tuple[int, bytes, float]:
        body = urllib.parse.urlencode({"query": query})
        headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"}
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=timeout)
            self.conn.request("POST", self.server.path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            status = response.status
        except OSError:
            self.close()
            status, data = 0, b""
        if status == 200 and not data.rstrip().endswith(b"}"):
            status = 0  # a JSON body cut short (a server's time limit hit while streaming) is no answer
        return status, data, time.perf_counter() - started

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def rows(data: bytes) -> int | None:
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return len(value["results"]["bindings"]) if "results" in value else int(bool(value.get("boolean")))


# --- the runs ----------------------------------------------------------------------------------------

@dataclass
class Figures:
    server: str
    load_seconds: float | None = None
    rss_after_load: int = 0
    peak_rss: int = 0
    trivial_ms: float = 0.0
    trivial_rps_8: float = 0.0
    single: dict[str, dict] = field(default_factory=dict)  # query -> median, p95, cpu_ms, rows, errors
    concurrent: dict[str, dict] = field(default_factory=dict)  # query -> median, p95, count, errors
    qps_1: float = 0.0
    qps_8: float = 0.0
    errors_8: int = 0
    cpu_ms_per_query_8: float = 0.0


def run_server(server: Server, mix: dict[str, str], args, folder: Path) -> Figures:
    server.start(args.nq, folder, args.timeout)
    monitor = Monitor(server.process.pid)
    figures = Figures(server.name, server.load_seconds, rss_after_load=monitor.rss())
    try:
        _single(server, mix, figures, monitor, args)
        _concurrent(server, mix, figures, monitor, args)
        _trivial(server, figures, args)
    finally:
        monitor.stop()
        figures.peak_rss = monitor.peak
        server.stop()
    return figures


def _trivial(server: Server, figures: Figures, args) -> None:
    client = Client(server)
    times = [client.ask(TRIVIAL, timeout=10)[2] for _ in range(args.trivial + 100)]
    client.close()
    figures.trivial_ms = statistics.median(times[100:]) * 1000
    done, _ = _clients(server, [TRIVIAL], clients=8, rounds=10**9, budget=3.0, timeout=10)
    elapsed = max(r[3] for r in done) - min(r[4] for r in done)
    figures.trivial_rps_8 = len(done) / elapsed


def _single(server: Server, mix: dict[str, str], figures: Figures, monitor: Monitor, args) -> None:
    client = Client(server)
    started = time.monotonic()
    count = 0
    for name, text in mix.items():
        status, data, _ = client.ask(text, timeout=args.timeout + 5)  # warm-up, and the row count
        latencies, errors = [], int(status != 200)
        cpu = monitor.cpu()
        for _ in range(args.repeat if status == 200 else 0):
            status, _, seconds = client.ask(text, timeout=args.timeout + 5)
            latencies.append(seconds)
            errors += status != 200
        cpu = monitor.cpu() - cpu
        count += len(latencies)
        figures.single[name] = {
            "median_ms": _ms(statistics.median(latencies)) if latencies else None,
            "p95_ms": _ms(_p95(latencies)) if latencies else None,
            "cpu_ms": _ms(cpu / len(latencies)) if latencies else None,
            "rows": rows(data) if status == 200 else None, "errors": errors,
            "status": status,
        }
        print(f"  {server.name} {name}: {figures.single[name]}", file=sys.stderr)
    client.close()
    elapsed = time.monotonic() - started
    figures.qps_1 = count / elapsed if count else 0.0


def _concurrent(server: Server, mix: dict[str, str], figures: Figures, monitor: Monitor, args) -> None:
    names = list(mix)
    cpu = monitor.cpu()
    done, elapsed = _clients(server, names, clients=8, rounds=args.rounds, budget=args.budget,
                             timeout=args.timeout + 5, texts=mix)
    cpu = monitor.cpu() - cpu
    ok = [r for r in done if r[1] == 200]
    figures.qps_8 = len(ok) / elapsed
    figures.errors_8 = len(done) - len(ok)
    figures.cpu_ms_per_query_8 = _ms(cpu / len(done)) if done else 0.0
    for name in names:
        latencies = [r[2] for r in ok if r[0] == name]
        figures.concurrent[name] = {
            "median_ms": _ms(statistics.median(latencies)) if latencies else None,
            "p95_ms": _ms(_p95(latencies)) if latencies else None,
            "count": len(latencies), "errors": sum(1 for r in done if r[0] == name and r[1] != 200),
        }


def _clients(server: Server, names: list[str], *, clients: int, rounds: int, budget: float, timeout: float,
             texts: dict[str, str] | None = None):
    """``clients`` threads each run ``names`` in its own shuffled order; stop after ``rounds`` or ``budget``.

    Returns (name, status, seconds, finished_at, started_at) per request, and the wall time.
    """
    records: list[tuple[str, int, float, float, float]] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + budget

    def client(seed: int) -> None:
        conn = Client(server)
        order = list(names)
        random.Random(seed).shuffle(order)
        for _ in range(rounds):
            for name in order:
                if time.monotonic() > deadline:
                    conn.close()
                    return
                begun = time.monotonic()
                status, _, seconds = conn.ask(texts[name] if texts else name, timeout=timeout)
                with lock:
                    records.append((name, status, seconds, time.monotonic(), begun))
        conn.close()

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records, time.monotonic() - started


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# --- the report --------------------------------------------------------------------------------------

def table(results: list[Figures], mix: dict[str, str]) -> str:
    ref = next((f for f in results if f.server == "oxigraph"), None)
    lines = []
    head = (f"{'query':22s}" + "".join(f" | {f.server[:16]:>16s} 1c med/p95  8c med/p95  cpu" for f in results)
            + " | rows (same order)")
    lines.append(head)
    for name in mix:
        row = f"{name:22s}"
        for f in results:
            s, c = f.single.get(name, {}), f.concurrent.get(name, {})
            errors = f" E{s.get('errors', 0)}/{c.get('errors', 0)}" if s.get("errors") or c.get("errors") else ""
            row += (f" | {_fmt(s.get('median_ms'))}/{_fmt(s.get('p95_ms'))} {_fmt(c.get('median_ms'))}/"
                    f"{_fmt(c.get('p95_ms'))} {_fmt(s.get('cpu_ms'))}{errors}")
        counts = [f.single.get(name, {}).get("rows") for f in results]
        row += f" | rows {'/'.join('-' if n is None else str(n) for n in counts)}{_mismatch(counts)}"
        lines.append(row)
    lines.append("")
    lines.append(f"{'server':16s} {'load s':>7s} {'RSS MB':>7s} {'peak MB':>7s} {'triv ms':>7s} {'triv r/s':>8s} "
                 f"{'q/s 1c':>7s} {'q/s 8c':>7s} {'err 8c':>6s} {'cpu ms/q':>8s} {'x oxi 8c':>8s} {'med x oxi':>9s}")
    for f in results:
        ratio = f.qps_8 / ref.qps_8 if ref and ref.qps_8 else float("nan")
        med = _median_ratio(f, ref) if ref else float("nan")
        lines.append(f"{f.server:16s} {_fmt(f.load_seconds)!s:>7s} {f.rss_after_load / 2**20:7.0f} "
                     f"{f.peak_rss / 2**20:7.0f} {f.trivial_ms:7.2f} {f.trivial_rps_8:8.0f} {f.qps_1:7.2f} "
                     f"{f.qps_8:7.2f} {f.errors_8:6d} {f.cpu_ms_per_query_8:8.1f} {ratio:8.2f} {med:9.2f}")
    return "\n".join(lines)


def _mismatch(counts: list[int | None]) -> str:
    """A flag when the servers that answered a query disagree on its row count."""
    return "  MISMATCH" if len({n for n in counts if n is not None}) > 1 else ""


def _median_ratio(f: Figures, ref: Figures) -> float:
    """Geometric mean over queries both answered of this server's 1-client median / Oxigraph's."""
    pairs = [(f.single[q]["median_ms"], ref.single[q]["median_ms"]) for q in f.single
             if f.single[q].get("median_ms") and ref.single.get(q, {}).get("median_ms")]
    if not pairs:
        return float("nan")
    return statistics.geometric_mean([a / b for a, b in pairs])


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--servers", default="oxigraph,diplograph,rdflib-endpoint")
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs of each query at 1 client.")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of the mix per client at 8 clients.")
    parser.add_argument("--budget", type=float, default=60.0, help="Seconds the 8-client phase may take.")
    parser.add_argument("--trivial", type=int, default=2000,
                        help="Trivial queries for the overhead figure (after 100 not counted).")
    parser.add_argument("--timeout", type=float, default=30.0, help="Server time limit per query (s).")
    parser.add_argument("--reload", action="store_true", help="Rebuild the cached stores.")
    args = parser.parse_args()
    args.nq, _ = generate(args.articles)
    mix = queries(args.articles)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"endpoint-{label(args.articles)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    results = []
    for name in args.servers.split(","):
        server = SERVERS[name]()
        folder = DATA / "stores" / f"{name}-{label(args.articles)}-{LAYOUT}"
        if args.reload:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"{name}: loading and starting", file=sys.stderr)
        results.append(run_server(server, mix, args, folder))
        _write(out, args, mix, results)  # after each server: a later failure keeps what was measured
    print(f"\n{machine()}\n{args.articles} articles ({args.nq.name}); times in ms\n{table(results, mix)}")
    print(f"\nwritten: {out}")


def _write(out: Path, args, mix: dict[str, str], results: list[Figures]) -> None:
    out.write_text(json.dumps({"machine": machine(), "articles": args.articles, "args": {
        k: str(v) for k, v in vars(args).items()}, "queries": mix, "results": [vars(f) for f in results]},
        indent=2) + "\n", encoding="utf-8")

if __name__ == "__main__":
    main()
