"""Ingest into a store that a running `diplograph serve` holds, through its Graph Store protocol.

The server is the store's only writer (RocksDB allows one), so while it runs ``diplograph ingest``
sends each article graph as one ``PUT /store?graph=IRI`` with the update token: the server applies
it as one transaction, and its readers see the old graph or the new one, never half of it. The
server announces itself in ``diplograph-server.json`` in the store folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

SERVER_FILE = "diplograph-server.json"  # written by diplograph.server.command


def running_server(store_path: str) -> dict | None:
    """The announcement of a live server for this store, or None when none is running."""
    path = Path(store_path) / SERVER_FILE
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no file, a stale one (the server was killed), or unreadable
    return info


class RemoteStore:
    """The part of ``Store`` that ingest uses, backed by a server's Graph Store endpoint."""

    def __init__(self, graph_store: str, token: str, *, timeout: float = 120.0) -> None:
        import requests

        self.url = graph_store
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    def flush(self) -> None:
        """The server flushes every write before answering."""

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Make ``graph`` hold exactly ``quads`` with one PUT; an ``OSError`` says why the server refused."""
        import requests

        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        try:
            response = self.session.put(self.url, params={"graph": graph}, data=body, timeout=self.timeout,
                                        headers={"Content-Type": "application/n-triples"})
        except requests.RequestException as error:
            raise OSError(f"cannot reach the server at {self.url}: {error}") from None
        if response.status_code not in (200, 201, 204):
            raise OSError(f"the server at {self.url} refused the write: HTTP {response.status_code} "
                          f"{response.text.strip()[:300]}")
