"""Immutable snapshots of the live store for the query workers.

The server process is the store's only writer. Workers cannot share the live RocksDB database
(one read-write opener per database, and a read-only opener beside a writer is undefined), so each
reads a checkpoint: ``Store.backup()`` into a folder on the same file system, made of hard links to
the live store's immutable files — cheap to make, and nothing changes under a running query.

A new checkpoint is made right after each write, before the writer is answered, so a client always
reads its own writes and queries never wait for a checkpoint; ``acquire`` also makes one if the
store changed without it. A checkpoint is deleted once no worker has it open and a newer one exists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

PREFIX = ".diplograph-snapshots-"


@dataclass
class Snapshot:
    path: str
    generation: int
    users: int = 0


class Snapshots:
    def __init__(self, store: ox.Store, store_path: Path) -> None:
        self.store = store
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{store_path.name}-{os.getpid()}-",
                                          dir=store_path.resolve().parent))
        self.generation = 0
        self.last_modified = time.time()
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._all: dict[str, Snapshot] = {}
        _remove_stale(store_path.resolve().parent)

    def changed(self) -> None:
        """Record a write (call with the writer lock held, after the write is flushed)."""
        with self._lock:
            self.generation += 1
            self.last_modified = time.time()

    def acquire(self) -> Snapshot:
        """The newest snapshot, made now if the store changed since; the caller must ``release`` it."""
        with self._lock:
            current = self._current
            if current is None or current.generation != self.generation:
                path = self.root / f"g{self.generation}-{time.monotonic_ns()}"
                self.store.backup(str(path))
                current = Snapshot(str(path), self.generation)
                self._all[current.path] = current
                self._current = current
                self._collect()
            current.users += 1
            return current

    def release(self, snapshot: Snapshot) -> None:
        with self._lock:
            snapshot.users -= 1
            self._collect()

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _collect(self) -> None:
        for path, snapshot in list(self._all.items()):
            if snapshot is not self._current and snapshot.users <= 0:
                shutil.rmtree(path, ignore_errors=True)
                del self._all[path]


def _remove_stale(parent: Path) -> None:
    """Delete snapshot folders left behind by a server that was killed."""
    for folder in parent.glob(f"{PREFIX}*"):
        pid = folder.name.removeprefix(PREFIX).rsplit("-", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
