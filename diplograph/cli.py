"""The ``diplograph`` command line.

Store commands (load, query, export, stats) live here; each stage's own command lives in its
package and is imported only when used, so ``diplograph --help`` never loads spaCy or Flask.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from diplograph.config import Settings, demo_store
from diplograph.remote_store import SparqlStore, is_remote, redact
from diplograph.store import EXPORT_FORMATS, Store, StoreError

if TYPE_CHECKING:
    from diplograph.queries.catalog import CannedQuery

STAGE_COMMANDS = {
    "ingest": "diplograph.ingest.command:ingest",
    "serve": "diplograph.server.command:serve",
    "link": "diplograph.ingest.link:link",
    "reason": "diplograph.ontology.reason:reason",
}


class StageGroup(click.Group):
    """A group whose stage commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *STAGE_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in STAGE_COMMANDS:
            module, _, attr = STAGE_COMMANDS[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> object:
        """A store problem surfacing anywhere (a remote store's refusal mid-command) is a clean error."""
        try:
            return super().invoke(ctx)
        except StoreError as error:
            raise click.ClickException(str(error)) from None


store_option = click.option(
    "--store", "store_path", default=lambda: Settings().store,
    show_default="$DIPLOGRAPH_STORE or ~/.local/share/diplograph/store",
    help="Folder of the embedded Oxigraph store, or the http(s) URL of a remote SPARQL 1.1 store.",
)


def open_store(path: str, *, read_only: bool = False) -> Store | SparqlStore:
    """The embedded store in the folder ``path``, or the remote SPARQL 1.1 store an http(s) URL names."""
    try:
        if is_remote(path):
            return SparqlStore(path)
        return Store(path, read_only=read_only)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def embedded_only(store_path: str, command: str) -> None:
    if is_remote(store_path):
        raise click.ClickException(f"`diplograph {command}` works on the embedded store only, and "
                                   f"{redact(store_path)} is a remote store: use that server's own tools")


@click.group(cls=StageGroup)
@click.version_option(package_name="diplograph")
def main() -> None:
    """Build and serve a knowledge graph of leaders, states, summits, sanctions and claims."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--graph", help="Named graph to load into (default: one graph per file, named by its URI).")
@store_option
def load(files: tuple[Path, ...], graph: str | None, store_path: str) -> None:
    """Load RDF files (any format Oxigraph or rdflib parses) in one transaction; a bad file loads nothing.

    Into an empty store, N-Quads, N-Triples, Turtle and TriG files go through Oxigraph's bulk
    loader instead: streamed, several times faster, and emptied again if anything fails.
    """
    targets = [(path, graph or path.resolve().as_uri()) for path in files]
    try:
        with open_store(store_path) as store:
            counts = _load_into(store, targets)
    except StoreError as error:
        raise click.ClickException(f"{error} (nothing loaded)") from None
    except OSError as error:
        raise click.ClickException(f"cannot write to the store {store_path}: {error} (nothing loaded)") from None
    for path, count in zip(files, counts, strict=True):
        click.echo(f"{path}: {count} triples", err=True)


def _load_into(store: Store | SparqlStore, targets: list[tuple[Path, str]]) -> list[int]:
    from diplograph.store import BULK_SUFFIXES, is_dataset_dump, parse_file

    bulk = all(path.is_file() and (path.suffix.lower() in BULK_SUFFIXES or is_dataset_dump(path))
               for path, _ in targets)
    if bulk and isinstance(store, Store) and store.is_empty():
        return store.bulk_load(targets)
    # Parse everything first: a bad file anywhere loads nothing at all.
    parsed = [list(parse_file(path, target)) for path, target in targets]
    store.extend(quad for quads in parsed for quad in quads)  # one transaction
    return [len(quads) for quads in parsed]


@main.command()
@click.argument("name_or_file")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table")
@store_option
def query(name_or_file: str, params: tuple[str, ...], fmt: str, store_path: str) -> None:
    """Run a canned query by name (see `diplograph queries`) or a .rq file."""
    from diplograph.queries.catalog import QueryError, resolve
    from diplograph.results import write_results

    try:
        canned = resolve(name_or_file)
        bindings = canned.bindings(dict(_split_param(p) for p in params))
    except QueryError as error:
        raise click.ClickException(str(error)) from None
    from diplograph.server.running import running_server

    if server := running_server(store_path):
        # The server holds the store read-write; reading it directly meanwhile is undefined in Oxigraph.
        _query_server(server.sparql, canned, dict(_split_param(p) for p in params), fmt)
        return
    with open_store(store_path, read_only=True) as store:
        try:
            results = store.query(canned.text, bindings=bindings)
            write_results(results, fmt, sys.stdout)
        except SyntaxError as error:
            raise click.ClickException(f"{canned.path}: {error}") from None
        except OSError as error:  # results are lazy: a SERVICE call fails while they are written
            raise click.ClickException(_explain_failure(canned.text, error)) from None


def _query_server(sparql_url: str, canned: CannedQuery, params: dict[str, str], fmt: str) -> None:
    """Run the query on the server that owns the store: canned by name, a file's text via /sparql."""
    import urllib.error
    import urllib.parse
    import urllib.request

    import pyoxigraph as ox

    from diplograph.queries.catalog import QUERIES_DIR
    from diplograph.results import RESULT_FORMATS, write_results

    if canned.path.parent == QUERIES_DIR:
        url = sparql_url.rsplit("/sparql", 1)[0] + f"/queries/{canned.name}?" + urllib.parse.urlencode(params)
    elif params:
        raise click.ClickException("a running server holds the store; it binds parameters of canned queries only "
                                   f"(see /queries), not of {canned.path}")
    else:
        url = sparql_url + "?" + urllib.parse.urlencode({"query": canned.text})
    media = {"csv": "text/csv", "tsv": "text/tab-separated-values", "xml": "application/sparql-results+xml"}
    request = urllib.request.Request(url, headers={"Accept": media.get(fmt, "application/sparql-results+json")})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace")
        raise click.ClickException(f"{url.split('?')[0]}: {error.code} {detail}") from None
    except OSError as error:
        raise click.ClickException(f"cannot reach the server that holds the store ({sparql_url}): {error}") from None
    if fmt == "table":
        write_results(ox.parse_query_results(body, format=RESULT_FORMATS["json"]), fmt, sys.stdout)
    else:
        sys.stdout.write(body.decode("utf-8"))
        sys.stdout.flush()


@main.command()
def queries() -> None:
    """List the canned queries and their parameters."""
    from diplograph.queries.catalog import catalog

    for canned in catalog().values():
        click.echo(f"{canned.name}: {canned.title}")
        for param in canned.params:
            need = "required" if param.required else "optional"
            click.echo(f"    --param {param.name}=<{param.type}>  ({need}) {param.description}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="trig", show_default=True)
@click.option("--graph", help="Export only this named graph.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--protege", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the ontology with every individual as one OWL 2 DL document for Protégé to this file.")
@click.option("--protege-format", type=click.Choice(["rdfxml", "owlxml", "turtle"]), default="rdfxml",
              show_default=True, help="Syntax of the --protege document (owlxml needs Java and the OWL API).")
@store_option
def export(fmt: str, graph: str | None, output: Path | None, protege: Path | None, protege_format: str,
           store_path: str) -> None:
    """Export the store (N-Quads: every graph, the default graph included; TriG, JSON-LD: the named graphs;
    triple formats: each triple once), or a Protégé document."""
    if protege:
        from diplograph.ontology.protege import export_protege

        embedded_only(store_path, "export --protege")
        export_protege(store_path, protege, protege_format)
        return
    with open_store(store_path, read_only=True) as store:
        if isinstance(store, Store):  # streamed: a large store's dump need not fit in memory
            with output.open("wb") if output else contextlib.nullcontext(sys.stdout.buffer) as out:
                store.export(fmt, out, graph=graph)
            return
        data = store.dump(fmt, graph=graph)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@store_option
def stats(as_json: bool, store_path: str) -> None:
    """Triples, graphs and instances per ontology class."""
    import json

    from diplograph.stats import store_stats

    with open_store(store_path, read_only=True) as store:
        figures = store_stats(store)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"triples: {figures['triples']}\ngraphs: {figures['graphs']}")
    for cls, count in figures["classes"].items():
        click.echo(f"  {cls}: {count}")


@main.command()
@store_option
def optimize(store_path: str) -> None:
    """Compact the store's files (after a large `load`: 4 s at 10k articles), when no server holds it."""
    import time

    embedded_only(store_path, "optimize")
    if not Path(store_path).is_dir():
        raise click.ClickException(f"no store at {store_path}")
    started = time.monotonic()
    try:
        with Store(store_path) as store:
            store.optimize()
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"compacted {store_path} in {time.monotonic() - started:.1f} s", err=True)


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@store_option
def backup(target: Path, store_path: str) -> None:
    """Write a consistent copy of the store into the new folder TARGET (an Oxigraph backup)."""
    from diplograph.backup import backup as write_backup

    embedded_only(store_path, "backup")
    try:
        count = write_backup(Path(store_path), target)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backed up {count} triples from {store_path} to {target}", err=True)


@main.command()
@click.argument("source", type=click.Path(file_okay=False, path_type=Path))
@store_option
def restore(source: Path, store_path: str) -> None:
    """Replace the store with the backup in SOURCE (the store must not be open in a server or ingest)."""
    from diplograph.backup import restore as put_back

    embedded_only(store_path, "restore")
    try:
        count = put_back(source, Path(store_path))
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored {count} triples from {source} into {store_path}", err=True)


def _explain_failure(text: str, error: OSError) -> str:
    """Name the SERVICE endpoints when a federated query fails: the remote side is the likely cause."""
    from diplograph.sparqltext import inspect_query

    services = [f"<{r.iri or r.written}>" for r in inspect_query(text).remotes if r.keyword == "SERVICE"]
    if not services:
        return f"query evaluation failed: {error}"
    return f"the federated query failed at SERVICE {', '.join(services)}: the endpoint could not answer ({error})"


@main.command()
@click.option("--store", "store_path", default=demo_store, show_default="~/.local/share/diplograph/demo",
              help="Folder of the store the samples go into (a store of their own, not $DIPLOGRAPH_STORE's).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.pass_context
def demo(ctx: click.Context, store_path: str, host: str, port: int) -> None:
    """Ingest the bundled sample articles, then serve the endpoint and web pages."""
    from importlib.resources import files

    samples = str(files("diplograph.ingest") / "samples")
    click.echo(f"Ingesting the sample articles in {samples} into {store_path}", err=True)
    ctx.invoke(main.get_command(ctx, "ingest"), inputs=(samples,), store_path=store_path)
    click.echo(f"Serving http://{host}:{port}/ (SPARQL endpoint at /sparql); Ctrl-C stops", err=True)
    ctx.invoke(main.get_command(ctx, "serve"), store_path=store_path, host=host, port=port)


def _split_param(raw: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{raw!r} is not NAME=VALUE", param_hint="--param")
    return name.strip(), value
