"""Per-request overhead of `diplograph serve` on a trivial query, against two baselines.

    python3 benchmarks/server_overhead.py [--requests 2000]

- ``flask``: a bare Flask app under granian (the HTTP server ``diplograph serve`` uses) answering
  a constant SPARQL JSON boolean (the floor for any Flask endpoint);
- ``flask+pyoxigraph``: the same app running ``ASK {}`` in-process on pyoxigraph and serialising
  with Oxigraph (what LESSONS.md measured as matching Oxigraph's own server; no time limit possible);
- ``diplograph``: the real server (query handed to a worker process that can be killed).

For each: median and mean latency over one keep-alive connection, throughput with 4 clients, and
CPU per request (server and its worker processes, from /proc), after a warm-up.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

BASELINE = r"""
import os, pyoxigraph as ox
from flask import Flask, Response, request
app = Flask(__name__)
store = ox.Store()
mode = os.environ["BASELINE_MODE"]
@app.route("/sparql")
def sparql():
    if mode == "flask":
        return Response(b'{"head":{},"boolean":true}', mimetype="application/sparql-results+json")
    result = store.query(request.args["query"])
    return Response(result.serialize(format=ox.QueryResultsFormat.JSON), mimetype="application/sparql-results+json")
"""
PATH = "/sparql?query=" + quote("ASK {}")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int) -> None:
    for _ in range(400):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", PATH)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its descendants (workers, fork server)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(proc.name) == pid or _descends(int(proc.name), pid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            pid = int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            return False
        if pid == ancestor:
            return True
    return False


def _sequential(port: int, count: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", PATH, headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
    return latencies


def _throughput(port: int, count: int, clients: int = 4) -> float:
    threads = [threading.Thread(target=_sequential, args=(port, count // clients)) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count / (time.perf_counter() - started)


def measure(name: str, command: list[str], port: int, count: int, env: dict[str, str] | None = None) -> dict:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _wait(port)
        _sequential(port, 200)
        cpu_before = _cpu_seconds(process.pid)
        latencies = _sequential(port, count)
        cpu = (_cpu_seconds(process.pid) - cpu_before) / count
        rate = _throughput(port, count)
    finally:
        process.terminate()
        process.wait(20)
    return {"server": name, "median_ms": statistics.median(latencies) * 1000,
            "mean_ms": statistics.fmean(latencies) * 1000, "cpu_ms": cpu * 1000, "req_per_s_4_clients": rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "baseline.py").write_text(BASELINE)
        for name in ("flask", "flask+pyoxigraph"):
            port = _free_port()
            env = {**os.environ, "BASELINE_MODE": name, "PYTHONPATH": folder}
            rows.append(measure(name, [sys.executable, "-m", "granian", "--interface", "wsgi", "--workers", "1",
                                       "--blocking-threads", "8", "--port", str(port), "--log-level", "error",
                                       "baseline:app"], port, args.requests, env=env))
        port = _free_port()
        rows.append(measure("diplograph", [sys.executable, "-m", "diplograph", "serve", "--store",
                                           str(Path(folder) / "store"), "--port", str(port)], port, args.requests))
    print(f"{'server':<18} {'median ms':>10} {'mean ms':>9} {'CPU ms/req':>11} {'req/s (4 clients)':>18}")
    for row in rows:
        print(f"{row['server']:<18} {row['median_ms']:>10.3f} {row['mean_ms']:>9.3f} {row['cpu_ms']:>11.3f} "
              f"{row['req_per_s_4_clients']:>18.0f}")
    floor = rows[0]
    for row in rows[1:]:
        print(f"{row['server']}: +{row['median_ms'] - floor['median_ms']:.3f} ms median latency, "
              f"+{row['cpu_ms'] - floor['cpu_ms']:.3f} ms CPU per request over bare Flask")


if __name__ == "__main__":
    main()
