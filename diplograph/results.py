"""Writing query results for the command line: Oxigraph's own serialisers, or a table for people."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}


def write_results(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str, out: IO[str]) -> None:
    """Write SELECT/ASK results as ``fmt``; CONSTRUCT/DESCRIBE results always as Turtle."""
    if isinstance(results, ox.QueryTriples):
        out.write(ox.serialize(results, format=ox.RdfFormat.TURTLE).decode())
    elif fmt == "table":
        _write_table(results, out)
    else:
        out.write(results.serialize(format=RESULT_FORMATS[fmt]).decode())
    out.flush()


def _write_table(results: ox.QuerySolutions | ox.QueryBoolean, out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=200 if not out.isatty() else None)
    if isinstance(results, ox.QueryBoolean):
        console.print(str(bool(results)).lower())
        return
    variables = [v.value for v in results.variables]
    table = Table(*variables, show_lines=False)
    rows = 0
    for solution in results:
        table.add_row(*(_show(solution[v]) for v in variables))
        rows += 1
    console.print(table)
    console.print(f"{rows} row{'s' if rows != 1 else ''}")


def _show(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
