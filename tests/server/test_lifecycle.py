"""`diplograph serve` as a process: it stops on SIGTERM, however many arrive at once, and never
leaves the store locked."""

from __future__ import annotations

import signal
import subprocess
import time

from liveserver import LiveServer


def test_a_burst_of_sigterms_stops_the_server(tmp_path):
    """systemd, `timeout` and an impatient user may all signal at once; granian's own handler took
    a lock that a second signal arriving inside it waited for forever, and the server lived on.
    The first signal stops it gracefully, a later one at once; either way the store is free."""
    for attempt in range(3):
        server = LiveServer(tmp_path / f"store{attempt}")
        try:
            assert server.select("SELECT * { ?s ?p ?o } LIMIT 1") == []
            until = time.monotonic() + 1
            while time.monotonic() < until and server.process.poll() is None:
                server.process.send_signal(signal.SIGTERM)
            try:
                code = server.process.wait(20)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"serve ignored SIGTERM (attempt {attempt + 1}):\n{server.output()}") from None
            assert code in (0, -signal.SIGTERM), server.output()
            _opens(server.store)
        finally:
            server.stop()


def _opens(store) -> None:
    """The store opens for writing within seconds: the server's worker process is gone too."""
    from diplograph.store import Store, StoreError

    deadline = time.monotonic() + 10
    while True:
        try:
            Store(store).close()
            return
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_after_the_first_signal_no_handler_can_run_inside_another():
    """The deadlock needed a second signal inside the first handler's Event.set; once the first
    has run, SIGINT and SIGTERM take their default action instead of running Python code."""
    import os

    from granian import Granian
    from granian.constants import Interfaces

    from diplograph.server.command import _stop_on_first_signal

    saved = {each: signal.getsignal(each) for each in (signal.SIGINT, signal.SIGTERM)}
    server = Granian("diplograph", interface=Interfaces.WSGI)
    try:
        _stop_on_first_signal(server)
        assert callable(signal.getsignal(signal.SIGTERM))
        os.kill(os.getpid(), signal.SIGINT)  # handled at the next bytecode, in this thread
        time.sleep(0.01)
        assert server.interrupt_signal and server.main_loop_interrupt.is_set()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) is signal.SIG_DFL
    finally:
        for each, handler in saved.items():
            signal.signal(each, handler)

