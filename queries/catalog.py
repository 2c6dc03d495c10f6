"""Canned queries: ``.rq`` files with a grlc-like ``#+`` header, listed and run by CLI and server.

A header looks like::

    #+ title: Claims about an entity
    #+ description: Every claim whose content is about ?entity, with its sentence.
    #+ param: entity wikidata required  The entity, as a Wikidata QID or IRI
    #+ param: since dateTime optional  Only claims from articles published after this

Parameters are SPARQL variables of the query; values are parsed into typed RDF terms and handed
to Oxigraph as substitutions (and, serialised by pyoxigraph, as a VALUES hint for its planner:
``sparqltext.with_values_first``), so user input never reaches the query text unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

QUERIES_DIR = Path(str(files(__name__.rpartition(".")[0])))
NAME = re.compile(r"^[A-Za-z0-9_-]+$")
XSD = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA = "http://www.wikidata.org/entity/"


class QueryError(Exception):
    """A canned query or parameter problem, worded for the user."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str

    def bind(self, raw: str) -> ox.NamedNode | ox.Literal:
        """Parse ``raw`` as this parameter's type; the error names the parameter."""
        parse = PARSERS.get(self.type)
        if parse is None:
            raise QueryError(f"parameter {self.name!r}: unknown type {self.type!r}")
        try:
            return parse(raw.strip())
        except ValueError as error:
            raise QueryError(f"parameter {self.name!r}: {raw!r} is not a valid {self.type} ({error})") from None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bindings(self, raw: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Typed substitutions for the given parameter values, checked against the header."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                             f"it takes: {', '.join(known) or 'none'}")
        missing = [p.name for p in self.params if p.required and p.name not in raw]
        if missing:
            raise QueryError(f"query {self.name!r} needs parameter {', '.join(map(repr, missing))}")
        return {name: known[name].bind(value) for name, value in raw.items()}

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [p.__dict__ for p in self.params],
        }


def parse(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        if key == "param":
            params.append(_parse_param(path, number, value))
        else:
            meta[key.strip()] = value.strip()
    return CannedQuery(path.stem, path, text, meta.get("title", path.stem), meta.get("description", ""),
                       tuple(params))


def _parse_param(path: Path, number: int, spec: str) -> Param:
    parts = spec.split(None, 3)
    if len(parts) < 3 or parts[2] not in ("required", "optional"):
        raise QueryError(f"{path}:{number}: expected '#+ param: NAME TYPE required|optional DESCRIPTION'")
    name, kind, need = parts[:3]
    if kind not in PARSERS:
        raise QueryError(f"{path}:{number}: unknown parameter type {kind!r} (one of {', '.join(PARSERS)})")
    return Param(name, kind, need == "required", parts[3] if len(parts) > 3 else "")


def catalog(directory: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """All canned queries in ``directory``, by name."""
    return {path.stem: parse(path) for path in sorted(directory.glob("*.rq"))}


def resolve(name_or_file: str, directory: Path = QUERIES_DIR) -> CannedQuery:
    """A canned query by name, or any ``.rq`` file by path; names cannot escape ``directory``."""
    candidate = Path(name_or_file)
    if candidate.suffix == ".rq" and candidate.is_file():
        return parse(candidate)
    if not NAME.match(name_or_file):
        raise QueryError(f"no canned query named {name_or_file!r} and no such .rq file")
    queries = catalog(directory)
    if name_or_file not in queries:
        raise QueryError(f"no canned query named {name_or_file!r}; known: {', '.join(queries)}")
    return queries[name_or_file]


def _iri(raw: str) -> ox.NamedNode:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", raw):
        raise ValueError("expected an absolute IRI")
    return ox.NamedNode(raw)


def _wikidata(raw: str) -> ox.NamedNode:
    match = re.fullmatch(r"(?:https?://www\.wikidata\.org/(?:entity|wiki)/)?(Q\d+)", raw)
    if not match:
        raise ValueError("expected a Wikidata QID such as Q56226 or its entity IRI")
    return ox.NamedNode(WIKIDATA + match.group(1))


def _integer(raw: str) -> ox.Literal:
    return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))


def _decimal(raw: str) -> ox.Literal:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError("expected a decimal number") from None
    if not value.is_finite():
        raise ValueError("expected a finite decimal number")
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))


def _boolean(raw: str) -> ox.Literal:
    if raw.lower() not in ("true", "false", "1", "0"):
        raise ValueError("expected true or false")
    return ox.Literal(str(raw.lower() in ("true", "1")).lower(), datatype=ox.NamedNode(XSD + "boolean"))


def _date_time(raw: str) -> ox.Literal:
    """Dates are stored as xsd:dateTime (xsd:date is outside OWL 2); a bare date means its midnight UTC."""
    if "T" in raw:
        value = datetime.fromisoformat(raw)
    else:
        value = datetime.combine(date.fromisoformat(raw), datetime.min.time())
    text = value.isoformat() if value.tzinfo else value.isoformat() + "Z"
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))


def _string(raw: str) -> ox.Literal:
    return ox.Literal(raw)


PARSERS = {
    "iri": _iri,
    "wikidata": _wikidata,
    "string": _string,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "dateTime": _date_time,
}
