"""Cheap queries beside expensive ones: 6 clients loop over the mix's heavy queries, 2 over its lookups.

    python3 benchmarks/fairness.py --articles 10000 --workers 4,8 --seconds 40

A server with fewer query workers than clients answers a lookup only once a heavy query frees a
worker; one with a worker per client lets the OS share the CPU. Run against Oxigraph's own server
(a thread per request) and ``diplograph serve --workers W`` for each W, on the stores
``endpoint.py`` caches. Printed: lookups answered, their median and p95 latency, heavy queries
per second; the figures go to ``benchmarks/results/fairness-<size>-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from endpoint import LAYOUT, RESULTS, Client, Diplograph, Oxigraph, Server, _p95
from generate import DATA, generate, label
from machine import machine
from mix import queries

HEAVY = ("co-mentioned", "claims-by-leader", "leader-articles", "claims-per-claimant", "summits-of-leader")
LIGHT = ("label-lookup", "article-card", "entities-of-article")


class Workers(Diplograph):
    """``diplograph serve`` with a given number of query workers."""

    def __init__(self, workers: int) -> None:
        super().__init__()
        self.name = f"diplograph --workers {workers}"
        self.workers = workers

    def prepare(self, nq: Path, folder: Path, timeout: float) -> list[str]:
        return [*super().prepare(nq, folder, timeout), "--workers", str(self.workers)]


def drive(server: Server, mix: dict[str, str], *, heavy_clients: int, light_clients: int, seconds: float,
          timeout: float) -> dict:
    deadline = time.monotonic() + seconds
    latencies: dict[str, list[float]] = {"heavy": [], "light": []}
    errors: Counter[int] = Counter()  # by HTTP status, 0 for a failed connection

    def client(kind: str, names: tuple[str, ...], seed: int) -> None:
        conn, pick = Client(server), random.Random(seed)
        while time.monotonic() < deadline:
            status, _, took = conn.ask(mix[pick.choice(names)], timeout=timeout)
            if status == 200:
                latencies[kind].append(took)
            else:
                errors[status] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=("heavy", HEAVY, i)) for i in range(heavy_clients)]
    threads += [threading.Thread(target=client, args=("light", LIGHT, 100 + i)) for i in range(light_clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    light = latencies["light"]
    return {"lookups": len(light), "lookup_median_ms": round(statistics.median(light) * 1000, 1) if light else None,
            "lookup_p95_ms": round(_p95(light) * 1000, 1) if light else None,
            "heavy_per_s": round(len(latencies["heavy"]) / seconds, 2), "errors": dict(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", default="4,8", help="Query worker counts to run diplograph with.")
    parser.add_argument("--seconds", type=float, default=40.0, help="Seconds each server is driven.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Server time limit per query (s).")
    args = parser.parse_args()
    nq, _ = generate(args.articles)
    mix = queries(args.articles)
    servers: list[Server] = [Oxigraph()] + [Workers(int(w)) for w in args.workers.split(",")]
    results = {}
    for server in servers:
        kind = "diplograph" if isinstance(server, Diplograph) else server.name
        server.start(nq, DATA / "stores" / f"{kind}-{label(args.articles)}-{LAYOUT}", args.timeout)
        try:
            client = Client(server)
            for name in HEAVY + LIGHT:  # warm every query once
                client.ask(mix[name], timeout=args.timeout + 5)
            client.close()
            results[server.name] = drive(server, mix, heavy_clients=6, light_clients=2, seconds=args.seconds,
                                         timeout=args.timeout + 5)
        finally:
            server.stop()
        print(f"  {server.name}: {results[server.name]}", file=sys.stderr)
    print(f"\n{machine()}\n{args.articles} articles, 6 clients on {', '.join(HEAVY)}; 2 on {', '.join(LIGHT)}; "
          f"{args.seconds:g} s each\n")
    print(f"{'server':28} {'lookups':>8} {'median ms':>10} {'p95 ms':>8} {'heavy q/s':>10}  errors by status")
    for name, r in results.items():
        print(f"{name:28} {r['lookups']:8d} {r['lookup_median_ms']!s:>10} {r['lookup_p95_ms']!s:>8} "
              f"{r['heavy_per_s']:10.2f}  {r['errors'] or '-'}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"fairness-{label(args.articles)}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": machine(), "articles": args.articles, "args": vars(args),
                               "results": results}, indent=1))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
