"""The query worker: a child process that answers jobs from one read-only snapshot of the store.

Runs in a process of its own so that the server can kill it when a query passes the time limit
(pyoxigraph cannot cancel a query). Results are serialised by Oxigraph straight into the pipe,
in chunks; the parent streams them to the client.

Messages to the parent are ``send_bytes`` frames whose first byte says what they are:
``W`` head+body of a small result in one frame (4-byte head length, JSON head, body), ``H`` JSON
head, ``D`` body chunk, ``E`` JSON end, ``X`` JSON error ``{"status", "message"}``.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import select
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from diplograph.sparqltext import with_values_first

CHUNK = 64 * 1024
LINGER = 0.002  # seconds a worker polls for its next job before blocking


@dataclass(frozen=True)
class Job:
    """What to answer; it travels with the snapshot folder to read it from, as ``(path, job)``."""

    kind: str  # "query", "dump", or "open" (open the snapshot ahead of the next job; replies b"O")
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: dict[str, ox.NamedNode | ox.Literal] = field(default_factory=dict)
    result_type: str | None = None  # media types: Oxigraph's format objects cannot be pickled
    graph_type: str | None = None
    max_rows: int = 0
    graph: str | None = None  # for "dump": a graph IRI, or None for the default graph
    prefixes: dict[str, str] = field(default_factory=dict)  # for Turtle, TriG, RDF/XML output
    base_iri: str | None = None


class JobFailed(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Truncated(Exception):
    """Raised inside Oxigraph's serialiser to stop it once the row cap is passed."""


class PipeWriter(io.RawIOBase):
    """A binary file Oxigraph writes into; sends ``CHUNK``-sized frames, the head before the first."""

    def __init__(self, conn: Connection, head: dict) -> None:
        self.conn = conn
        self.head = head
        self.buffer = bytearray()
        self.started = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self._send_chunk()
        return len(data)

    def _send_chunk(self) -> None:
        if not self.started:
            self.conn.send_bytes(b"H" + json.dumps(self.head).encode())
            self.started = True
        self.conn.send_bytes(b"D" + bytes(self.buffer))
        self.buffer.clear()

    def finish(self, rows: int | None) -> None:
        if not self.started:
            head = json.dumps({**self.head, "rows": rows}).encode()
            self.conn.send_bytes(b"W" + len(head).to_bytes(4, "big") + head + bytes(self.buffer))
            return
        if self.buffer:
            self._send_chunk()
        self.conn.send_bytes(b"E" + json.dumps({"rows": rows}).encode())


class RowCounter(io.RawIOBase):
    """Collects TSV results and stops Oxigraph after ``limit`` rows (TSV escapes newlines in terms)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = bytearray()
        self.lines = 0
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.data += data
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.limit + 1:  # + the header line
            self.truncated = True
            raise _Truncated
        return len(data)

    def rows(self) -> tuple[bytes, int]:
        """The header and at most ``limit`` rows, and how many rows that is."""
        lines = bytes(self.data).split(b"\n")
        kept = lines[: min(len(lines) - 1, self.limit + 1)]
        return b"\n".join(kept) + b"\n", len(kept) - 1


def main(conn: Connection) -> None:
    """Answer jobs until the parent closes the pipe."""
    store, opened = None, None
    waiting = select.poll()
    waiting.register(conn.fileno(), select.POLLIN)
    while True:
        _linger(waiting)
        try:
            snapshot, job = conn.recv()
        except (EOFError, OSError):
            return
        if snapshot != opened:
            store, opened = None, None  # close the old snapshot before opening the new one
            try:
                store, opened = ox.Store.read_only(snapshot), snapshot
            except (OSError, RuntimeError) as error:
                # The server keeps a job's snapshot until it sends this worker another one, so
                # this is a damaged or deleted store folder: say so, and open again next time.
                if job.kind != "open":
                    conn.send_bytes(b"X" + json.dumps({"status": 503, "message": f"cannot open the store "
                                                       f"snapshot: {error}"}).encode())
                    continue
        if job.kind == "open":
            conn.send_bytes(b"O")
            continue
        try:
            run(store, job, conn)
        except JobFailed as failure:
            conn.send_bytes(b"X" + json.dumps({"status": failure.status, "message": failure.message}).encode())


def _linger(waiting: select.poll) -> None:
    """Stay runnable for a moment before sleeping on the pipe: a client's next query usually comes
    within a millisecond, and on a busy machine waking a sleeping process costs about as much
    (measured under waitress: a trivial query 1.1-1.4 ms instead of 1.3-1.9 ms, 8 clients 575
    instead of 430 requests/s; under granian, 0 or 0.5 ms of linger made no clear difference to
    the trivial query, 8 clients not re-measured). Yielding keeps the CPU for others while it
    waits; at most LINGER per job."""
    until = time.perf_counter() + LINGER
    while not waiting.poll(0) and time.perf_counter() < until:
        os.sched_yield()


def run(store: ox.Store, job: Job, conn: Connection) -> None:
    if job.kind == "dump":
        _dump(store, job, conn)
        return
    # A protocol dataset (default-graph-uri / named-graph-uri) replaces the stored default graph.
    protocol_dataset = bool(job.default_graphs or job.named_graphs)
    try:
        results = store.query(
            with_values_first(job.text, {name: str(term) for name, term in job.substitutions.items()}),
            base_iri=job.base_iri,
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] if protocol_dataset else None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] if protocol_dataset else None,
            substitutions={ox.Variable(name): term for name, term in job.substitutions.items()},
        )
        if isinstance(results, ox.QuerySolutions):
            _solutions(results, job, conn)
        elif isinstance(results, ox.QueryBoolean):
            out = PipeWriter(conn, {"kind": "boolean", "truncated": False})
            results.serialize(out, format=_result_format(job, "boolean"))
            out.finish(1)
        else:
            _triples(results, job, conn)
    except SyntaxError as error:
        raise JobFailed(400, f"SPARQL syntax error: {error}") from None
    except (OSError, ValueError, RuntimeError) as error:
        raise JobFailed(500, f"query evaluation failed: {error}") from None


def _solutions(results: ox.QuerySolutions, job: Job, conn: Connection) -> None:
    fmt = _result_format(job, "solutions")
    if not job.max_rows:
        out = PipeWriter(conn, {"kind": "solutions", "truncated": False})
        results.serialize(out, format=fmt)
        out.finish(None)
        return
    # Count rows exactly (TSV is one line per row), stop at the cap, then let Oxigraph write the
    # requested format from the kept rows: the cap is known before the first byte is sent.
    counter = RowCounter(job.max_rows)
    with contextlib.suppress(_Truncated):
        results.serialize(counter, format=ox.QueryResultsFormat.TSV)
    kept, rows = counter.rows()
    out = PipeWriter(conn, {"kind": "solutions", "truncated": counter.truncated, "max_rows": job.max_rows})
    ox.parse_query_results(kept, ox.QueryResultsFormat.TSV).serialize(out, format=fmt)
    out.finish(rows)


def _triples(results: ox.QueryTriples, job: Job, conn: Connection) -> None:
    fmt = _graph_format(job)
    triples = iter(results)
    if job.max_rows:
        kept = list(itertools.islice(triples, job.max_rows + 1))
        truncated = len(kept) > job.max_rows
        del kept[job.max_rows:]
        triples = iter(kept)
    else:
        truncated = False
    out = PipeWriter(conn, {"kind": "graph", "truncated": truncated, "max_rows": job.max_rows})
    counted = _Counting(triples)
    ox.serialize(counted, out, format=fmt, prefixes=_prefixes(job, fmt))
    out.finish(counted.count)


def _dump(store: ox.Store, job: Job, conn: Connection) -> None:
    graph = ox.NamedNode(job.graph) if job.graph else ox.DefaultGraph()
    fmt = _graph_format(job)
    out = PipeWriter(conn, {"kind": "graph", "truncated": False})
    try:
        store.dump(out, format=fmt, from_graph=graph, prefixes=_prefixes(job, fmt))
    except (OSError, ValueError) as error:
        raise JobFailed(500, f"cannot export the graph: {error}") from None
    out.finish(None)


class _Counting:
    def __init__(self, items) -> None:
        self.items = items
        self.count = 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def _prefixes(job: Job, fmt: ox.RdfFormat) -> dict[str, str] | None:
    return job.prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None


def _result_format(job: Job, kind: str) -> ox.QueryResultsFormat:
    if job.result_type is None:
        raise JobFailed(406, f"the query returns {kind} results but no acceptable format for them was requested")
    return ox.QueryResultsFormat.from_media_type(job.result_type)


def _graph_format(job: Job) -> ox.RdfFormat:
    if job.graph_type is None:
        raise JobFailed(406, "the query returns a graph but no acceptable RDF format was requested")
    return ox.RdfFormat.from_media_type(job.graph_type)
