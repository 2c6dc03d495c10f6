"""The server's state: the live store (this process is its only writer), snapshots, query workers.

Blueprints reach it as ``current_app.extensions["diplograph"]`` (see ``endpoint()``). Reads go
through ``query()``/``dump()`` (time-limited, in a worker); writes through ``write()``, which
serialises writers, flushes to disk before returning and tells the snapshots the store changed.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from flask import current_app

from diplograph.server.executor import Answer, Executor
from diplograph.server.settings import ServerSettings
from diplograph.server.snapshots import Snapshots
from diplograph.server.worker import Job
from diplograph.store import Store

EXTENSION = "diplograph"


class Endpoint:
    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.store = Store(settings.store)  # raises StoreError if another process holds it
        self.snapshots = Snapshots(self.store.inner, Path(settings.store))
        self.executor = Executor(self.snapshots, workers=settings.workers, timeout=settings.timeout)
        self.boot = f"{time.time_ns():x}"
        self._write_lock = threading.Lock()
        from diplograph.ontology import PREFIXES

        self.prefixes = dict(PREFIXES)

    def query(self, text: str, *, result_format=None, graph_format=None, default_graphs=(), named_graphs=(),
              substitutions=None, base_iri: str | None = None, started: float | None = None) -> Answer:
        job = Job(kind="query", text=text, default_graphs=tuple(default_graphs),
                  named_graphs=tuple(named_graphs), substitutions=dict(substitutions or {}),
                  result_type=result_format.media_type if result_format else None,
                  graph_type=graph_format.media_type if graph_format else None, max_rows=self.settings.max_rows,
                  prefixes=self.prefixes if graph_format else {}, base_iri=base_iri)
        return self.executor.run(job, started=started)

    def dump(self, graph: str | None, graph_format: ox.RdfFormat, *, started: float | None = None) -> Answer:
        """One whole graph (None: the default graph), never capped: a partial graph would be wrong."""
        job = Job(kind="dump", graph=graph, graph_type=graph_format.media_type, prefixes=self.prefixes)
        return self.executor.run(job, started=started)

    @contextlib.contextmanager
    def write(self) -> Iterator[ox.Store]:
        """Hold the writer lock around a write; on success it is on disk when this returns, and the
        query workers have a snapshot that includes it (the writer pays for the checkpoint)."""
        with self._write_lock:
            yield self.store.inner
            self.store.inner.flush()
            self.snapshots.changed()
            self.executor.refresh()

    def etag(self, variant: str) -> str:
        return f'W/"{self.boot}-{self.snapshots.generation}-{variant}"'

    def last_modified(self) -> datetime:
        """When the store last changed (or the server started), to the second as HTTP dates are."""
        return datetime.fromtimestamp(int(self.snapshots.last_modified), UTC)

    def close(self) -> None:
        self.executor.close()
        self.snapshots.close()
        self.store.close()


def endpoint() -> Endpoint:
    return current_app.extensions[EXTENSION]
