"""Finding the server that owns a store, and writing through it (for `diplograph ingest`).

A running `diplograph serve` holds its store read-write (RocksDB allows one writer) and announces
itself in ``<store>/diplograph-server.json``. A writer that finds the store locked asks
``running_server(store)``; if a server is there and writable, it sends each article's graph with
``put_graph`` — one HTTP PUT per article, one transaction, on disk before the answer — and the
server's readers see whole articles only. Imports nothing heavy: no Flask, no pyoxigraph.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER_FILE = "diplograph-server.json"


@dataclass(frozen=True)
class RunningServer:
    pid: int
    sparql: str
    update: str
    graph_store: str
    writable: bool


class PushError(Exception):
    """The server refused or failed a write; the message says why (status and the server's text)."""


def announce(store: Path, server: RunningServer) -> Path:
    """Write the server file atomically (the server calls this once it listens)."""
    path = Path(store) / SERVER_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(server.__dict__, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def running_server(store: str | Path) -> RunningServer | None:
    """The live server that owns ``store``, or None (no file, or its process is gone)."""
    path = Path(store) / SERVER_FILE
    try:
        server = RunningServer(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    try:
        os.kill(server.pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, run by another user
    return server


def put_graph(server: RunningServer, token: str, graph: str, ntriples: bytes, *, timeout: float = 120) -> bool:
    """Replace ``graph`` with ``ntriples`` atomically through the Graph Store Protocol.

    Returns True if the graph was created, False if it replaced an existing one.
    """
    url = f"{server.graph_store}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=ntriples, method="PUT", headers={
        "Content-Type": "application/n-triples", "Authorization": f"Bearer {token}"})
    return _send(request, f"{server.graph_store} refused <{graph}>", timeout)[0] == 201


def delete_graph(server: RunningServer, token: str, graph: str, *, timeout: float = 120) -> None:
    """Delete ``graph`` through the Graph Store Protocol; one already gone is no error."""
    url = f"{server.graph_store}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, method="DELETE", headers={"Authorization": f"Bearer {token}"})
    _send(request, f"{server.graph_store} refused to delete <{graph}>", timeout, missing_ok=True)


def select(server: RunningServer, query: str, *, timeout: float = 120) -> bytes:
    """The answer to a SELECT query, as SPARQL JSON results."""
    request = urllib.request.Request(server.sparql, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    return _send(request, f"{server.sparql} refused a query", timeout)[1]


def _send(request: urllib.request.Request, refused: str, timeout: float, *,
          missing_ok: bool = False) -> tuple[int, bytes]:
    """The server's status and body, or a ``PushError`` that says why there is none."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        if missing_ok and error.code == 404:
            return 404, b""
        detail = error.read().decode("utf-8", "replace").strip()
        raise PushError(f"{refused}: {error.code} {detail}") from None
    except OSError as error:
        raise PushError(f"cannot reach the server at {request.full_url}: {error}") from None
