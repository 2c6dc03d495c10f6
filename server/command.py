"""``diplograph serve``: the SPARQL endpoint under granian (Flask's own server only with --debug)."""

from __future__ import annotations

from pathlib import Path

import click

from diplograph.cli import store_option


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Python threads answering requests (each streams one response).")
@click.option("--workers", default=None, type=click.IntRange(1, 256),
              help="Query worker processes  [default: as many as --threads].")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Query time limit in seconds; a query past it is stopped.")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(0),
              help="Row (or triple) cap per result, signalled in headers; 0 for none.")
@click.option("--max-request-size", default=16, show_default=True, type=click.IntRange(1),
              help="Largest request body in MiB (413 beyond).")
@click.option("--service-allow", multiple=True, metavar="URL",
              help="Allow SERVICE (federated query) to this endpoint; repeatable. Off when not given.")
@click.option("--service-route", "service_routes", multiple=True, nargs=2, metavar="IRI URL",
              help="Allow SERVICE <IRI> and send its requests to URL instead (a mirror, or a local stand-in); "
                   "repeatable.")
@click.option("--token-file", type=click.Path(dir_okay=False), default=None,
              help="File holding the update token (else $DIPLOGRAPH_UPDATE_TOKEN). No token: read-only.")
@click.option("--debug", is_flag=True, help="Flask's development server with reloader off and debug logs.")
def serve(store_path: str, host: str, port: int, threads: int, workers: int | None, timeout: float, max_rows: int,
          max_request_size: int, service_allow: tuple[str, ...], service_routes: tuple[tuple[str, str], ...],
          token_file: str | None, debug: bool) -> None:
    """Serve the store over SPARQL 1.1 (query, update, graph store) and the canned-query API."""
    import logging

    from diplograph.server.federation import parse_routes
    from diplograph.server.settings import ServerSettings, SettingsError, read_token

    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, format="%(message)s")
    try:
        token = read_token(token_file)
        routes = parse_routes(service_routes)
    except (SettingsError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    settings = ServerSettings(store=store_path, timeout=timeout, max_rows=max_rows,
                              max_request_bytes=max_request_size * 1024 * 1024, update_token=token,
                              service_allow=service_allow, service_routes=routes, workers=workers or threads)
    run(settings, host=host, port=port, threads=threads, debug=debug)


def run(settings, *, host: str, port: int, threads: int, debug: bool) -> None:
    """Serve under granian: its Rust HTTP front end answers a bare Flask app in 0.24-0.34 ms where
    waitress took 0.32-0.82. Granian runs the app in a worker process of its own; this process
    supervises it, tells ``ingest`` where the store is served once the port answers, and removes
    that note at exit."""
    import multiprocessing
    import threading
    from functools import partial

    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    from diplograph.remote_store import is_remote, redact
    from diplograph.server.running import SERVER_FILE
    from diplograph.store import Store, StoreError

    if debug:
        _serve_debug(settings, host=host, port=port)
        return
    if not is_remote(settings.store):
        try:  # fail here, with a clear message, rather than in the worker process
            Store(settings.store).close()
        except StoreError as error:
            raise click.ClickException(str(error)) from None
    port = port or _free_port(host)
    url = f"http://{_url_host(host)}:{port}/sparql"
    if is_remote(settings.store):  # no folder to announce in, nor a writer for ingest to find
        how = (f"forwarded to the remote store, {'read-write with token' if settings.writable else 'read-only'}, "
               f"time limit {settings.timeout:g} s")
        server_file = None
    else:
        how = (f"{'read-write with token' if settings.writable else 'read-only'}, {settings.workers} query workers, "
               f"time limit {settings.timeout:g} s, row cap {settings.max_rows or 'none'}")
        server_file = partial(_announce, settings, url)
    multiprocessing.set_start_method("spawn", force=True)  # never fork a process that had RocksDB open
    server = Granian("diplograph", address=host, port=port, interface=Interfaces.WSGI, workers=1,
                     blocking_threads=threads, http=HTTPModes.http1, websockets=False,
                     log_level=LogLevels.error)
    server.on_startup(partial(_stop_on_first_signal, server))
    stopped = threading.Event()
    threading.Thread(target=_when_listening, daemon=True, name="diplograph-announce",
                     args=(host, port, stopped, server_file,
                           f"diplograph: serving {redact(settings.store)} at {url} ({how})")).start()
    try:
        server.serve(target_loader=partial(_load_app, settings), wrap_loader=False)
    finally:
        stopped.set()
        if server_file is not None:
            (Path(settings.store) / SERVER_FILE).unlink(missing_ok=True)


def _stop_on_first_signal(server) -> None:
    """The first SIGINT or SIGTERM stops the server gracefully; a second one ends it at once.

    Granian's own handler sets a ``threading.Event``: a second signal arriving while it held the
    Event's lock waited for that lock forever, and the server lived on (seen when ``timeout`` and
    ``pkill`` both signalled). Once the default action is back, no handler runs inside another.
    """
    import signal

    def handler(signum, frame) -> None:
        for each in (signal.SIGINT, signal.SIGTERM):
            signal.signal(each, signal.SIG_DFL)
        server.signal_handler_interrupt()

    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, handler)


def _load_app(settings):
    """In granian's worker process: the app, and its query workers and store closed when it stops."""
    import logging
    from multiprocessing.util import Finalize

    from diplograph.server.app import create_app

    _die_with_parent()
    logging.basicConfig(level=logging.INFO, format="%(message)s")  # a spawned worker starts unconfigured
    # Every request logs a line of message only: skip the caller, thread and process lookups
    # (the logging HOWTO's "Optimization"), a few µs a request.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging._srcfile = None
    app = create_app(settings)
    Finalize(app, app.extensions["diplograph"].close, exitpriority=10)  # granian ends its worker with os._exit
    return app


def _die_with_parent() -> None:
    """If ``serve`` itself is killed (SIGKILL, the OOM killer), its worker must not live on holding
    the store's lock: Linux kills it with its parent."""
    import ctypes
    import multiprocessing
    import os
    import signal
    import sys

    if sys.platform != "linux":
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != multiprocessing.parent_process().pid:  # the parent died before prctl
        os._exit(1)


def _when_listening(host: str, port: int, stopped, announce, message: str) -> None:
    """Announce the server once its port accepts connections (the worker binds it after loading)."""
    import socket
    import time

    target = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    while not stopped.is_set():
        try:
            socket.create_connection((target, port), timeout=1).close()
        except OSError:
            time.sleep(0.02)
            continue
        if announce is not None:
            announce()
        click.echo(message, err=True)
        return


def _serve_debug(settings, *, host: str, port: int) -> None:
    import atexit

    from diplograph.remote_store import is_remote
    from diplograph.server.app import create_app
    from diplograph.store import StoreError

    try:
        app = create_app(settings)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    atexit.register(app.extensions["diplograph"].close)
    if not is_remote(settings.store):
        _announce(settings, f"http://{_url_host(host)}:{port}/sparql")
    app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)


def _free_port(host: str) -> int:
    """Granian binds in its worker process, so for ``--port 0`` the port is chosen here."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _announce(settings, url: str):
    """Tell ``diplograph ingest`` (and people) where this store is served."""
    import os

    from diplograph.server.running import RunningServer, announce

    base = url.removesuffix("/sparql")
    return announce(settings.store, RunningServer(os.getpid(), url, base + "/update", base + "/store",
                                                  settings.writable))


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
