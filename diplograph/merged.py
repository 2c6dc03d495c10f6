"""The stored default graph: every distinct triple of the named graphs, once.

Oxigraph's union default graph is a multiset: a triple that k article graphs repeat (a leader's
label, a summit's date) matches k times, so joins over shared nodes grew with the square of an
entity's popularity and the canned queries ran past a minute at 1,000 articles. The store instead
keeps a real default graph equal to the set union of its named graphs, and every write that changes
a named graph changes it in the same SPARQL Update, i.e. the same transaction. The requests are
plain SPARQL 1.1, so a remote store is sent exactly the same ones.

Triples written straight to the default graph (the Graph Store protocol's ``?default``) stay until
deleted, like in any store; when a named graph goes, only its triples that no other named graph
holds leave the default graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplograph import aggregates
from diplograph.sparqltext import Token, tokens

# Copies every named graph's triples into the default graph: for stores written before it existed,
# and after an arbitrary SPARQL Update, whose effect on the named graphs is not known in advance.
# (Reading whether the default graph has a triple is cheaper than writing it again: 2.5x at 10k.)
MIRROR_ALL = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"
# Keywords followed by the graph an update operation writes or empties (ADD/MOVE/COPY: both ends).
GRAPH_KEYWORDS = {"GRAPH", "WITH", "INTO", "ADD", "MOVE", "COPY", "TO"}


def mirrored(update: str) -> str:
    """An arbitrary update made to keep the default graph the union, in one request.

    The graphs the update names (``GRAPH <g>``, ``WITH``, ``INTO``, ``ADD``/``MOVE``/``COPY``) first
    give up the triples and counts only they hold, and afterwards what they then hold is copied
    and counted back: exact for those graphs, at the cost of reading them. ``GRAPH ?var``, ``CLEAR
    DEFAULT`` or ``DROP NAMED`` may touch anything, so then every graph is copied back and the
    counts recounted (scans of the store); a ``GRAPH ?var`` delete template also deletes the
    default graph's copies of what it matches, and the copy-back restores those another graph holds.
    """
    toks = tokens(update)
    written = _graphs_written(toks)
    if written.any_graph:
        update = _deleting_default_copies(update, toks)
        toks = tokens(update)
    before = [_unshare(*written.graphs)] if written.graphs else []
    if written.all_named:
        before.append("DELETE { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    after = [MIRROR_ALL] if written.any_graph else [
        f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}" for g in written.graphs]
    if written.any_graph or written.all_named:
        after.append(aggregates.recount())  # a scan of the store
    elif written.graphs:  # only these graphs changed: their share of the counts, before and after
        before.insert(0, aggregates.shifted(written.graphs, -1))
        after.append(aggregates.shifted(written.graphs, +1))
    # Oxigraph takes PREFIX and BASE only at the start of a request, so they stay in front.
    split = _prologue_end(toks)
    return update[:split] + "\n" + " ;\n".join([*before, update[split:], *after])


def _deleting_default_copies(update: str, toks: list[Token]) -> str:
    """Each ``DELETE`` template's ``GRAPH ?var { P }`` blocks get ``P`` beside them, so the default
    graph's copies of what they delete go too; ``DELETE WHERE`` is spelled out to allow that."""
    edits: list[tuple[int, int, str]] = []
    for index, token in enumerate(toks):
        if token.keyword != "DELETE" or index + 1 >= len(toks):
            continue
        short = toks[index + 1].keyword == "WHERE"
        opening = index + 2 if short else index + 1
        if opening >= len(toks) or toks[opening].kind != "open":
            continue  # DELETE DATA: no variables
        closing = _matching(toks, opening)
        blocks = [update[toks[i + 2].start + 1:toks[_matching(toks, i + 2)].start]
                  for i in range(opening, closing - 2)
                  if toks[i].keyword == "GRAPH" and toks[i + 1].kind == "var" and toks[i + 2].kind == "open"]
        copies = [c for c in (b.strip().removesuffix(".").strip() for b in blocks) if c]
        if not copies:
            continue
        # In front: a triples block ending in "." may precede anything a template holds.
        template = f"{{ {' . '.join(copies)} . {update[toks[opening].start + 1:toks[closing].start]}}}"
        if short:
            pattern = update[toks[opening].start:toks[closing].start + 1]
            edits.append((toks[index + 1].start, toks[closing].start + 1, f"{template} WHERE {pattern}"))
        else:
            edits.append((toks[opening].start, toks[closing].start + 1, template))
    for start, end, text in reversed(edits):
        update = update[:start] + text + update[end:]
    return update


def _matching(toks: list[Token], opening: int) -> int:
    """The index of the brace closing the one at ``opening`` (the tokenizer gives both one depth)."""
    depth = toks[opening].depth
    return next(i for i in range(opening + 1, len(toks)) if toks[i].kind == "close" and toks[i].depth == depth)


def _prologue_end(toks: list[Token]) -> int:
    """Where the update's leading PREFIX and BASE declarations end."""
    end, index = 0, 0
    while index < len(toks) and toks[index].keyword in ("PREFIX", "BASE"):
        index += 3 if toks[index].keyword == "PREFIX" else 2
        last = toks[min(index, len(toks)) - 1]
        end = last.start + len(last.text)
    return end


@dataclass
class _Written:
    graphs: list[str] = field(default_factory=list)  # IRIs named in the update
    any_graph: bool = False  # a graph variable, or the default graph emptied
    all_named: bool = False  # DROP/CLEAR NAMED or ALL


def _graphs_written(toks: list[Token]) -> _Written:
    prefixes = {toks[i + 1].text: toks[i + 2].text[1:-1] for i, t in enumerate(toks[:-2])
                if t.keyword == "PREFIX" and toks[i + 2].kind == "iri"}
    written = _Written()
    for index, token in enumerate(toks):
        following = [t for t in toks[index + 1:index + 4] if t.keyword not in ("SILENT", "GRAPH", "TO")]
        nxt = following[0] if following else None
        if token.keyword in ("DROP", "CLEAR") and nxt is not None:
            written.all_named |= nxt.keyword in ("NAMED", "ALL")
            written.any_graph |= nxt.keyword == "DEFAULT"
        if token.keyword not in GRAPH_KEYWORDS or nxt is None:
            continue
        if nxt.kind == "var":
            written.any_graph = True
        elif nxt.kind == "iri":
            written.graphs.append(nxt.text[1:-1])
        elif nxt.kind == "word" and ":" in nxt.text:
            prefix, _, local = nxt.text.partition(":")
            if prefix + ":" in prefixes:
                written.graphs.append(prefixes[prefix + ":"] + local)
            else:
                written.any_graph = True
    written.graphs = list(dict.fromkeys(written.graphs))
    return written


def replace_graph_update(graph: str, quads: Iterable[ox.Quad | ox.Triple], *, dropping: Iterable[str] = ()) -> str:
    """One request that makes ``graph`` hold exactly ``quads`` and deletes the ``dropping`` graphs,
    keeping the default graph the union and the counts (``aggregates``) current."""
    quads = list(quads)
    body = _body(quads)
    drops = "".join(f"{drop_graph_update(g)} ;\n" for g in dropping)
    return (f"{drops}{aggregates.removed(graph)} ;\n{_unshare(graph)} ;\nDROP SILENT GRAPH <{graph}> ;\n"
            f"CREATE SILENT GRAPH <{graph}> ;\n{aggregates.added(quads)}"
            f"INSERT DATA {{\n{body}\nGRAPH <{graph}> {{\n{body}\n}} }}")


def add_update(graph: str, quads: Iterable[ox.Quad | ox.Triple]) -> str:
    """One request that adds ``quads`` to ``graph`` (and so to the default graph and the counts)."""
    quads = list(quads)
    body = _body(quads)
    return (f"CREATE SILENT GRAPH <{graph}> ;\n{aggregates.added(quads)}"
            f"INSERT DATA {{\n{body}\nGRAPH <{graph}> {{\n{body}\n}} }}")


def drop_graph_update(graph: str) -> str:
    """One request that deletes ``graph`` and whatever only it held from the default graph and the counts."""
    return f"{aggregates.removed(graph)} ;\n{_unshare(graph)} ;\nDROP SILENT GRAPH <{graph}>"


def insert_default_update(triples: Iterable[ox.Quad | ox.Triple]) -> str:
    """One request that adds ``triples`` to the default graph only (written there directly)."""
    return f"INSERT DATA {{\n{_body(triples)}\n}}"


def clear_default_update() -> str:
    """Empty what was written straight to the default graph; the named graphs' triples stay in it."""
    return f"DROP SILENT DEFAULT ;\n{MIRROR_ALL}"


def with_default_copies(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad and its copy in the default graph, for the bulk paths that bypass SPARQL Update."""
    for quad in quads:
        yield quad
        if quad.graph_name != ox.DefaultGraph():
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def lacks_default_graph(store: ox.Store) -> bool:
    """Named graphs but an empty default graph: a store written before the default graph was kept."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return next(iter(store.named_graphs()), None) is not None


def _unshare(*graphs: str) -> str:
    """Delete from the default graph the triples of ``graphs`` that no other named graph holds."""
    inside = " UNION ".join(f"{{ GRAPH <{g}> {{ ?s ?p ?o }} }}" for g in graphs)
    others = ", ".join(f"<{g}>" for g in graphs)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ {inside} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({others})) }} }}")


def _body(quads: Iterable[ox.Quad | ox.Triple]) -> str:
    """The triples as N-Triples lines, serialised by Oxigraph: a third of the cost of formatting each
    term in Python, on the thread that writes every article."""
    triples = (q if isinstance(q, ox.Triple) else q.triple for q in quads)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
