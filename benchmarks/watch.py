"""Watching a process tree from outside: peak memory and CPU time, workers and children included."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time

import psutil


class Monitor:
    """Samples the server's process tree (workers included): peak RSS; CPU seconds on demand."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self._dead_cpu = 0.0
        self._seen: dict[int, float] = {}
        self._lock = threading.Lock()
        self.last_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self.rss())
            self.cpu()

    def rss(self) -> int:
        total = 0
        for proc in self._tree():
            with contextlib.suppress(psutil.NoSuchProcess):
                total += proc.memory_info().rss
        return total

    def cpu(self) -> float:
        """CPU seconds of the tree so far, counting processes that have since exited (last sample)."""
        with self._lock:
            alive: dict[int, float] = {}
            for proc in self._tree():
                try:
                    times = proc.cpu_times()
                    alive[proc.pid] = times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            if not alive:  # the whole tree has exited: keep the last figure
                return self.last_cpu
            for pid, seconds in self._seen.items():
                if pid not in alive:
                    self._dead_cpu += seconds
            self._seen = alive
            self.last_cpu = self._dead_cpu + sum(alive.values())
            return self.last_cpu

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_watched(command: list[str], **popen) -> tuple[float, int, float]:
    """Run ``command`` to the end; returns (wall seconds, peak RSS bytes of its tree, CPU seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(command, **popen)
    monitor = Monitor(process.pid)
    try:
        code = process.wait()
    finally:
        monitor.stop()
    if code:
        raise RuntimeError(f"{' '.join(command)} exited with {code}")
    return time.monotonic() - started, monitor.peak, monitor.last_cpu
