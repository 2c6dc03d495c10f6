"""Helpers the reliability tests import: real stores, real processes, real mounts, a trap listener.

They live here, not in conftest.py, because every test folder has a conftest and a bare
``from conftest import`` picks whichever was imported first."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

HERE = Path(__file__).parent

SECRET = "diplograph-secret-7d1f0c9a-never-read-me"


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A small tmpfs at ``folder`` (needs root); fails, never skips, when mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a {size} tmpfs at {folder} (this test needs root and mount permission): "
                    f"{done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


@contextlib.contextmanager
def holding(store: Path) -> Iterator[subprocess.Popen]:
    """Another process that keeps the store open for writing (as a running server or ingest would)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); "
                               "sys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    try:
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(10)


def canonical(quads) -> set[ox.Quad]:
    """Quads with blank nodes renamed canonically (RDFC-1.0), so equal graphs compare equal across runs."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def graph_quads(store: ox.Store, graph: str) -> set[ox.Quad]:
    return canonical(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def all_quads(path: Path) -> set[ox.Quad]:
    return canonical(ox.Store.read_only(str(path)))


def store_graphs(path: Path) -> dict[str, set[ox.Quad]]:
    """Each named graph of the store at ``path``, canonicalised on its own."""
    store = ox.Store.read_only(str(path))
    return {graph.value: graph_quads(store, graph.value) for graph in store.named_graphs()}


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection; a refused request must never reach it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


FIGURES: dict[str, object] = {}


def record(name: str, value: object) -> None:
    """A figure for the end-of-run summary (the README table is filled from it)."""
    FIGURES[name] = value
