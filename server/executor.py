"""A pool of query worker processes with a hard time limit.

pyoxigraph cannot cancel a query, so every query runs in a worker process (see ``worker.py``);
when the time limit passes, the process is killed — which stops the work at once — and a fresh one
is started in the background while the other workers keep answering. Workers are started by a
fork server that has pyoxigraph imported already, so a replacement is ready in tens of ms.
"""

from __future__ import annotations

import json
import logging
import math
import multiprocessing
import os
import queue
import select
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.server import worker
from diplograph.server.snapshots import Snapshot, Snapshots
from diplograph.server.worker import Job

log = logging.getLogger("diplograph.server")
OPEN = Job(kind="open")
OPEN_WAIT = 10.0  # seconds a worker may take to open a snapshot before it is replaced


class QueryFailed(Exception):
    """The query could not be answered; ``status`` is the HTTP status to send."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


@dataclass
class Answer:
    """The head of a result (known before the first byte is sent) and its body, streamed."""

    kind: str
    truncated: bool
    max_rows: int
    rows: int | None
    body: Iterator[bytes]
    whole: bytes | None = None  # the entire body, when it fit in one frame


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=worker.main, args=(child,), daemon=True, name="diplograph-query")
        self.process.start()
        child.close()
        self.frames = _Frames(self.conn.fileno())
        self.snapshot: Snapshot | None = None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Executor:
    def __init__(self, snapshots: Snapshots, *, workers: int, timeout: float) -> None:
        self.snapshots = snapshots
        self.timeout = timeout
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["diplograph.server.worker"])
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # the most recently used worker is warmest
        self._closed = False
        self._newest = -1  # the snapshot generation idle workers were last told to open
        for _ in range(workers):
            self._idle.put(_Worker(self._context))

    def run(self, job: Job, *, started: float | None = None) -> Answer:
        """Send ``job`` to a worker; return once the head arrives, or raise ``QueryFailed``.

        The deadline counts from ``started`` (the request's arrival) and covers waiting for a
        worker, evaluation and streaming the body.
        """
        deadline = (started or time.monotonic()) + self.timeout
        proc = self._send(job, deadline)
        try:
            frame = self._receive(proc, deadline)
        except BaseException:
            self._discard(proc)
            raise
        tag = frame[:1]
        if tag == b"X":
            self._idle.put(proc)
            error = json.loads(frame[1:])
            raise QueryFailed(error["status"], error["message"])
        if tag == b"W":
            self._idle.put(proc)
            size = int.from_bytes(frame[1:5], "big")
            head = json.loads(frame[5:5 + size])
            whole = frame[5 + size:]
            return _answer(head, iter((whole,)), whole)
        return _answer(json.loads(frame[1:]), self._stream(proc, deadline))

    def _send(self, job: Job, deadline: float) -> _Worker:
        """Hand ``job`` to an idle worker. One that died while idle (killed, out of memory) never
        got the job: it and any other dead idle worker are replaced, and a live one takes it."""
        while True:
            try:
                proc = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise QueryFailed(503, f"all query workers stayed busy for the whole time limit ({self.timeout:g} s); "
                                  "try again later", retry_after=5) from None
            snapshot = self.snapshots.acquire()
            self._switch(proc, snapshot)
            if snapshot.generation != self._newest:
                self._newest = snapshot.generation
                self._preopen(snapshot)
            try:
                proc.conn.send((snapshot.path, job))
                return proc
            except OSError:
                self._discard(proc)
                self._discard_dead_idle()
            except BaseException:
                self._discard(proc)
                raise

    def refresh(self) -> None:
        """After a write: make the new snapshot now and have idle workers open it, so that queries
        neither wait for the checkpoint nor for a worker to reopen."""
        snapshot = self.snapshots.acquire()
        try:
            self._newest = snapshot.generation
            self._preopen(snapshot)
        finally:
            self.snapshots.release(snapshot)

    def _switch(self, proc: _Worker, snapshot: Snapshot) -> None:
        """Account for ``proc`` reading ``snapshot`` from now on (the caller holds one reference)."""
        if proc.snapshot is not None:
            self.snapshots.release(proc.snapshot)
        proc.snapshot = snapshot

    def _preopen(self, snapshot: Snapshot) -> None:
        """After a write, have the idle workers open the new snapshot now (in parallel) and wait
        until they have, so the first query after the write does not wait for a reopen."""
        nudged, ready = [], []
        while True:
            try:
                proc = self._idle.get_nowait()
            except queue.Empty:
                break
            if proc.snapshot is snapshot:
                ready.append(proc)
                continue
            self._switch(proc, self.snapshots.acquire())
            try:
                proc.conn.send((proc.snapshot.path, OPEN))
                nudged.append(proc)
            except OSError:  # the worker died while idle
                self._discard(proc)
        for proc in nudged:
            try:
                acknowledged = proc.frames.next(OPEN_WAIT) == b"O"
            except (EOFError, OSError):
                acknowledged = False
            if acknowledged:
                ready.append(proc)
            else:
                self._discard(proc)
        for proc in ready:
            self._idle.put(proc)

    def _discard_dead_idle(self) -> None:
        """Replace the idle workers that are no longer alive (what killed one may have killed others)."""
        alive = []
        while True:
            try:
                proc = self._idle.get_nowait()
            except queue.Empty:
                break
            if proc.process.is_alive():
                alive.append(proc)
            else:
                self._discard(proc)
        for proc in reversed(alive):  # back in the same order: the most recently used stays on top
            self._idle.put(proc)

    def _stream(self, proc: _Worker, deadline: float) -> Iterator[bytes]:
        finished = False
        try:
            while True:
                frame = self._receive(proc, deadline)
                if frame[:1] == b"D":
                    yield frame[1:]
                elif frame[:1] == b"E":
                    finished = True
                    return
                else:  # failed after the response started: the server aborts the connection
                    raise QueryFailed(500, json.loads(frame[1:])["message"])
        finally:
            # Unless the worker said it is done, it may still be writing: replace it.
            if finished:
                self._idle.put(proc)
            else:
                self._discard(proc)

    def _receive(self, proc: _Worker, deadline: float) -> bytes:
        try:
            frame = proc.frames.next(deadline - time.monotonic())
        except (EOFError, OSError):
            raise QueryFailed(500, "the query worker died (out of memory?); the query was not answered") from None
        if frame is None:
            raise QueryFailed(504, f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        return frame

    def _discard(self, proc: _Worker) -> None:
        """Kill a worker whose state is unknown and start its replacement in the background."""
        if proc.process.is_alive():
            proc.process.kill()
        if proc.snapshot is not None:
            self.snapshots.release(proc.snapshot)
            proc.snapshot = None
        threading.Thread(target=self._replace, args=(proc,), daemon=True).start()

    def _replace(self, proc: _Worker) -> None:
        proc.process.join(5)
        proc.conn.close()
        if not self._closed:
            self._idle.put(_Worker(self._context))
            log.info("query worker %s replaced", proc.process.pid)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                proc = self._idle.get_nowait()
            except queue.Empty:
                return
            proc.kill()


class _Frames:
    """The frames a worker sends with ``Connection.send_bytes``, read with one poll and one read.

    ``Connection.poll`` builds a selector each call and ``recv_bytes`` reads a frame's length and
    its bytes separately; inside granian each system call hands the GIL over and back, so a trivial
    query paid for four where two do (a small answer is one frame, written in one go).
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.ready = select.poll()
        self.ready.register(fd, select.POLLIN)

    def next(self, timeout: float) -> bytes | None:
        """The next frame, or None when none came within ``timeout`` seconds; EOFError once the worker is gone."""
        deadline = time.monotonic() + timeout
        while (frame := self._take()) is None:
            if not self.ready.poll(max(math.ceil((deadline - time.monotonic()) * 1000), 0)):
                return None
            chunk = os.read(self.fd, 1 << 17)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        return frame

    def _take(self) -> bytes | None:
        """Split off a whole frame: its 4-byte length, then its bytes (frames stay far below 2 GiB)."""
        if len(self.buffer) < 4:
            return None
        end = 4 + int.from_bytes(self.buffer[:4], "big", signed=True)
        if len(self.buffer) < end:
            return None
        frame = bytes(self.buffer[4:end])
        del self.buffer[:end]
        return frame


def _answer(head: dict, body: Iterator[bytes], whole: bytes | None = None) -> Answer:
    return Answer(head["kind"], head.get("truncated", False), head.get("max_rows", 0), head.get("rows"), body, whole)
