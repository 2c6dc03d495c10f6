"""``diplograph serve``: the SPARQL endpoint under waitress (Flask's own server only with --debug)."""

from __future__ import annotations

import contextlib

import click

from diplograph.cli import store_option


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="HTTP threads (each streams one response).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Query worker processes  [default: twice the CPU count].")
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
    options = {"workers": workers} if workers else {}
    settings = ServerSettings(store=store_path, timeout=timeout, max_rows=max_rows,
                              max_request_bytes=max_request_size * 1024 * 1024, update_token=token,
                              service_allow=service_allow, service_routes=routes, **options)
    run(settings, host=host, port=port, threads=threads, debug=debug)


def run(settings, *, host: str, port: int, threads: int, debug: bool) -> None:
    import atexit
    import signal
    import sys

    from waitress.server import create_server

    from diplograph.remote_store import is_remote, redact
    from diplograph.server.app import create_app
    from diplograph.store import StoreError

    try:
        app = create_app(settings)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    endpoint = app.extensions["diplograph"]
    atexit.register(endpoint.close)
    if debug:
        if not is_remote(settings.store):
            _announce(settings, f"http://{host}:{port}/sparql")
        app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)
        return
    server = create_server(app, host=host, port=port, threads=threads, ident="diplograph",
                           max_request_body_size=settings.max_request_bytes, channel_timeout=120)
    url = f"http://{_url_host(server.effective_host)}:{server.effective_port}/sparql"
    if is_remote(settings.store):  # no folder to announce in, nor a writer for ingest to find
        how = f"queries forwarded, writes refused, time limit {settings.timeout:g} s"
    else:
        server_file = _announce(settings, url)
        atexit.register(server_file.unlink, missing_ok=True)
        how = (f"{'read-write with token' if settings.writable else 'read-only'}, {settings.workers} query workers, "
               f"time limit {settings.timeout:g} s, row cap {settings.max_rows or 'none'}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"diplograph: serving {redact(settings.store)} at {url} ({how})", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()


def _announce(settings, url: str):
    """Tell ``diplograph ingest`` (and people) where this store is served."""
    import os

    from diplograph.server.running import RunningServer, announce

    base = url.removesuffix("/sparql")
    return announce(settings.store, RunningServer(os.getpid(), url, base + "/update", base + "/store",
                                                  settings.writable))


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
