"""What the server must know about a query or update before handing it to Oxigraph.

pyoxigraph does not expose its parser, so a small tokenizer reads the text: it skips strings,
IRIs and comments and tracks brace depth, which is enough to find the query form (to negotiate a
result format up front), every SERVICE and LOAD target (to enforce the federation allow-list before
anything leaves the server), and the top-level WHERE of each update operation (to apply the
protocol's ``using-graph-uri`` parameters). Oxigraph still parses and checks the full text.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<open>\{) | (?P<close>\})
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<word>[^\W\d][\w.\-]*(?::[\w.\-:%\\]*)?|:[\w.\-:%\\]*)
    """,
    re.VERBOSE | re.DOTALL,
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CACHED_TEXT = 16 * 1024  # longest query text whose inspection is cached (1,024 of them at most)


class Token(NamedTuple):
    """A tuple rather than a dataclass: a query has hundreds of tokens, and the server tokenizes
    every query before it runs (a frozen dataclass made that ~0.5 ms for a canned query)."""

    kind: str
    text: str
    start: int
    depth: int

    @property
    def keyword(self) -> str:
        """The upper-cased word, or '' for anything that cannot be a keyword (prefixed names too)."""
        return self.text.upper() if self.kind == "word" and ":" not in self.text else ""


def tokens(text: str) -> list[Token]:
    found = []
    depth = 0
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or ""
        if kind == "comment":
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        found.append(Token(kind, match.group(), match.start(), depth))
        if kind == "open":
            depth += 1
    return found


@dataclass(frozen=True)
class Remote:
    """A SERVICE or LOAD target: an absolute IRI, or None when it is a variable or unresolved name."""

    keyword: str
    iri: str | None
    written: str


@dataclass(frozen=True)
class QueryInfo:
    form: str | None
    remotes: tuple[Remote, ...] = ()
    has_dataset: bool = False  # FROM / FROM NAMED in the query itself


@dataclass(frozen=True)
class UpdateInfo:
    remotes: tuple[Remote, ...] = ()
    has_dataset_clause: bool = False
    where_offsets: tuple[int, ...] = field(default_factory=tuple)


def inspect_query(text: str) -> QueryInfo:
    """The query's form, SERVICE targets and FROM use; remembered for the texts clients repeat."""
    return _inspect_cached(text) if len(text) <= CACHED_TEXT else _inspect(text)


@functools.lru_cache(maxsize=1024)
def _inspect_cached(text: str) -> QueryInfo:
    return _inspect(text)


def _inspect(text: str) -> QueryInfo:
    toks = tokens(text)
    form = next((t.keyword for t in toks if t.depth == 0 and t.keyword in QUERY_FORMS), None)
    has_dataset = any(t.depth == 0 and t.keyword == "FROM" for t in toks)
    return QueryInfo(form, _remotes(toks), has_dataset)


def inspect_update(text: str) -> UpdateInfo:
    toks = tokens(text)
    dataset = any(t.depth == 0 and t.keyword in ("USING", "WITH") for t in toks)
    # A Modify operation's WHERE follows its DELETE/INSERT template, i.e. a top-level '}'.
    # DELETE WHERE and INSERT/DELETE DATA have no USING clause and are left alone.
    wheres = tuple(t.start for prev, t in itertools.pairwise(toks)
                   if t.depth == 0 and t.keyword == "WHERE" and prev.kind == "close")
    return UpdateInfo(_remotes(toks), dataset, wheres)


def with_using(text: str, info: UpdateInfo, default_graphs: list[str], named_graphs: list[str]) -> str:
    """The update with USING / USING NAMED clauses for the protocol's dataset inserted before each WHERE."""
    clause = "".join(f"USING <{g}> " for g in default_graphs) + "".join(f"USING NAMED <{g}> " for g in named_graphs)
    pieces, last = [], 0
    for offset in info.where_offsets:
        pieces += [text[last:offset], clause]
        last = offset
    pieces.append(text[last:])
    return "".join(pieces)


def with_values_first(text: str, terms: Mapping[str, str]) -> str:
    """``text`` with one VALUES row binding ``terms`` (variable name -> term in SPARQL syntax) at
    the start of its WHERE group and of each subquery's group that uses one of them: what
    substituting the values would do, said in SPARQL.

    Oxigraph plans a query before it applies substitutions, so a selective parameter given only as
    a substitution did not steer the join order: at 10k articles the entities of one article took
    26 ms, 0.7 ms with these VALUES. A remote store has no substitutions at all, and a VALUES
    clause after the query binds nothing inside its subqueries (the most mentioned entities "of a
    type" were the top 100 of every type). Variables the query assigns itself (``AS ?x``) are left
    out, and a query whose WHERE group is not found (``CONSTRUCT WHERE``, ``DESCRIBE <x>``) is
    returned as it is.
    """
    if not terms:  # every query the server runs passes here: no tokenizing when there is nothing to bind
        return text
    toks = tokens(text)
    assigned = {b.text[1:] for a, b in itertools.pairwise(toks) if a.keyword == "AS" and b.kind == "var"}
    terms = {name: term for name, term in terms.items() if name not in assigned}
    inserts = []
    for index, (start, end) in enumerate(_where_groups(toks)):
        used = {t.text[1:] for t in toks[start:end] if t.kind == "var"}
        bound = {name: term for name, term in terms.items() if index == 0 or name in used}
        if bound:
            names, row = " ".join(f"?{name}" for name in bound), " ".join(bound.values())
            inserts.append((toks[start].start + 1, f" VALUES ({names}) {{ ({row}) }} "))
    pieces, last = [], 0
    for offset, values in sorted(inserts):
        pieces += [text[last:offset], values]
        last = offset
    return "".join(pieces) + text[last:]


def _where_groups(toks: list[Token]) -> list[tuple[int, int]]:
    """The token spans (opening brace to closing brace) of the query's WHERE group, then of each
    subquery's: none when the query's own is not found, as in ``CONSTRUCT WHERE``, whose group is
    its template."""
    top = [i for i, t in enumerate(toks) if t.depth == 0]
    form = next((n for n, i in enumerate(top) if toks[i].keyword in QUERY_FORMS), None)
    if form is None:
        return []
    rest = top[form + 1:]
    if toks[top[form]].keyword == "CONSTRUCT":
        if not rest or toks[rest[0]].kind != "open":
            return []
        rest = rest[1:]  # past the template's opening brace
    opening = next((i for i in rest if toks[i].kind == "open"), None)
    if opening is None:
        return []
    openings = [opening] + [_next_open(toks, i) for i, t in enumerate(toks) if t.keyword == "SELECT" and t.depth > 0]
    return [_group(toks, i) for i in openings if i is not None]


def _next_open(toks: list[Token], after: int) -> int | None:
    """The brace that opens the group of the subquery whose SELECT is at ``after``."""
    depth = toks[after].depth
    return next((j for j in range(after, len(toks)) if toks[j].kind == "open" and toks[j].depth == depth), None)


def _group(toks: list[Token], opening: int) -> tuple[int, int]:
    depth = toks[opening].depth
    return opening, next((j for j in range(opening + 1, len(toks))
                          if toks[j].kind == "close" and toks[j].depth == depth), len(toks))


def _remotes(toks: list[Token]) -> tuple[Remote, ...]:
    found = []
    for index, token in enumerate(toks):
        if token.keyword not in ("SERVICE", "LOAD"):
            continue
        rest = toks[index + 1:index + 3]
        if rest and rest[0].keyword == "SILENT":
            rest = rest[1:]
        target = rest[0] if rest else None
        written = target.text if target else ""
        iri = written[1:-1] if target and target.kind == "iri" and ABSOLUTE_IRI.match(written[1:-1]) else None
        found.append(Remote(token.keyword, iri, written))
    return tuple(found)
