"""Counts the store keeps current: articles per mentioned entity, claims per claimant.

Counting them at query time reads every ``dg:mentions`` or ``dg:claimant`` triple of the store: at
100,000 articles that is seconds on one machine, and it grows with the corpus. So every write that
changes a named graph also changes the counts, in the same SPARQL Update (one transaction, the same
text a remote store is sent): ``removed(graph)`` before the graph goes, ``added(quads)`` before the
new triples go in. The counts live in the named graph ``{base}graph/stats`` and, like every named
graph's triples, in the default graph, where queries read them::

    ?entity dgs:articles 3161 .     # distinct articles whose graphs say ?article dg:mentions ?entity
    ?agent dgs:claims 412 .         # distinct claims whose graphs say ?claim dg:claimant ?agent

A statement counts once however many named graphs hold it (the default graph's set semantics), and
only IRIs count. Triples written straight to the default graph do not count. Writes whose effect is
not known in advance (an arbitrary SPARQL Update) end with ``recount()``, which scans the store
once; a bulk load counts the statements as it reads them (``as_quads``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

from diplograph.config import Settings
from diplograph.ontology import DG

DGS = "https://w3id.org/diplograph/stats#"
# The counted predicate -> the property that holds its count on the triple's object.
COUNTED = {f"{DG}mentions": f"{DGS}articles", f"{DG}claimant": f"{DGS}claims"}
_PAIRS = "VALUES (?p ?stat) { " + " ".join(f"(<{p}> <{s}>)" for p, s in COUNTED.items()) + " }"
_COUNTED_NODES = {ox.NamedNode(p): ox.NamedNode(s) for p, s in COUNTED.items()}


def stats_graph() -> str:
    return Settings().graph("stats")


def removed(graph: str) -> str:
    """Lower the counts by the counted statements only ``graph`` holds (run before it is emptied)."""
    return shifted([graph], -1)


def shifted(graphs: Sequence[str], sign: int) -> str:
    """Move the counts by the counted statements that ``graphs`` hold and no other graph does: down
    (``sign`` -1) before an update changes those graphs, up (+1) after it."""
    stats = stats_graph()
    inside = " UNION ".join(f"{{ GRAPH <{g}> {{ ?x ?p ?e }} }}" for g in graphs)
    others = ", ".join(f"<{g}>" for g in graphs)
    return f"""DELETE {{ ?e ?stat ?n . GRAPH <{stats}> {{ ?e ?stat ?n }} }}
INSERT {{ ?e ?stat ?total . GRAPH <{stats}> {{ ?e ?stat ?total }} }}
WHERE {{
  {{ SELECT ?e ?stat (COUNT(DISTINCT ?x) AS ?changed) WHERE {{
    {_PAIRS}
    {inside} FILTER(isIRI(?x) && isIRI(?e))
    FILTER NOT EXISTS {{ GRAPH ?other {{ ?x ?p ?e }} FILTER(?other NOT IN ({others})) }}
  }} GROUP BY ?e ?stat }}
  OPTIONAL {{ GRAPH <{stats}> {{ ?e ?stat ?n }} }}
  BIND(COALESCE(?n, 0) + {sign} * ?changed AS ?sum)
  BIND(IF(?sum > 0, ?sum, ?nothing) AS ?total)
}}"""


def added(quads: Iterable[ox.Quad | ox.Triple]) -> str:
    """Raise the counts by the counted statements among ``quads`` that no named graph holds yet
    (run after the graph they go to was emptied, before they are inserted); "" when there are none."""
    rows = {f"({q.subject} {q.predicate} {q.object} {_COUNTED_NODES[q.predicate]})" for q in quads
            if q.predicate in _COUNTED_NODES and isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.NamedNode)}
    if not rows:
        return ""
    stats = stats_graph()
    return f"""DELETE {{ ?e ?stat ?n . GRAPH <{stats}> {{ ?e ?stat ?n }} }}
INSERT {{ ?e ?stat ?total . GRAPH <{stats}> {{ ?e ?stat ?total }} }}
WHERE {{
  {{ SELECT ?e ?stat (COUNT(*) AS ?new) WHERE {{
    VALUES (?x ?p ?e ?stat) {{ {" ".join(sorted(rows))} }}
    FILTER NOT EXISTS {{ GRAPH ?any {{ ?x ?p ?e }} }}
  }} GROUP BY ?e ?stat }}
  OPTIONAL {{ GRAPH <{stats}> {{ ?e ?stat ?n }} }}
  BIND(COALESCE(?n, 0) + ?new AS ?total)
}} ;
"""


def recount() -> str:
    """Count everything again from the named graphs (after writes whose effect is not known)."""
    stats = stats_graph()
    return f"""DELETE {{ ?e ?stat ?n }} WHERE {{ GRAPH <{stats}> {{ ?e ?stat ?n }} }} ;
DROP SILENT GRAPH <{stats}> ;
INSERT {{ ?e ?stat ?n . GRAPH <{stats}> {{ ?e ?stat ?n }} }} WHERE {{
  {{ SELECT ?e ?stat (COUNT(DISTINCT ?x) AS ?n) WHERE {{
    {_PAIRS}
    GRAPH ?g {{ ?x ?p ?e }} FILTER(isIRI(?x) && isIRI(?e))
  }} GROUP BY ?e ?stat }}
}}"""


def as_quads(totals: dict[tuple[str, str], int]) -> Iterator[ox.Quad]:
    """Counts computed outside SPARQL (a bulk load's pass over the file), keyed by (counted predicate,
    node), as the quads ``recount()`` would write: in the stats graph and the default graph."""
    stats = ox.NamedNode(stats_graph())
    for (predicate, node), total in totals.items():
        triple = (ox.NamedNode(node), _COUNTED_NODES[ox.NamedNode(predicate)], ox.Literal(total))
        yield ox.Quad(*triple, stats)
        yield ox.Quad(*triple)


def lacks_counts(store: ox.Store) -> bool:
    """Counted statements in the named graphs but no counts: a store written before they were kept."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.NamedNode(stats_graph()))), None) is not None:
        return False
    return any(bool(store.query(f"ASK {{ GRAPH ?g {{ ?x <{p}> ?e }} }}")) for p in COUNTED)
