"""Store figures for ``diplograph stats``: triples, graphs and instances per ontology class."""

from __future__ import annotations

from diplograph.ontology import DG
from diplograph.store import Store

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class FILTER(STRSTARTS(STR(?class), STR(?ns)))
} GROUP BY ?class ORDER BY ?class
"""


def store_stats(store: Store) -> dict:
    import pyoxigraph as ox

    classes = {
        row["class"].value.removeprefix(str(DG)): int(row["n"].value)
        for row in store.query(CLASS_COUNTS, bindings={"ns": ox.Literal(str(DG))})
    }
    return {"triples": len(store), "graphs": len(store.graphs()), "classes": classes}
