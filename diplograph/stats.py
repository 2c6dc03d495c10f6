"""Store figures for ``diplograph stats``: triples, graphs and instances per ontology class."""

from __future__ import annotations

from diplograph.ontology import DG
from diplograph.store import Store

CLASS_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x a ?class FILTER(STRSTARTS(STR(?class), "{DG}"))
}} GROUP BY ?class ORDER BY ?class
"""


def store_stats(store: Store) -> dict:
    classes = {
        row["class"].value.removeprefix(str(DG)): int(row["n"].value) for row in store.query(CLASS_COUNTS)
    }
    return {"triples": len(store), "graphs": len(store.graphs()), "classes": classes}
