"""Put the ontology in the store's ontology graph (``Settings().graph("ontology")``).

Replacing the whole graph in one transaction makes this idempotent: running it again, or after the
ontology changed, leaves exactly the current ontology there and touches no other graph.
"""

from __future__ import annotations

from diplograph.config import Settings
from diplograph.ontology import ONTOLOGY_TTL
from diplograph.store import Store, parse_file


def install(store: Store, settings: Settings) -> int:
    """Replace the ontology graph with ``diplograph.ttl``; returns the number of triples."""
    graph = settings.graph("ontology")
    quads = list(parse_file(ONTOLOGY_TTL, graph))
    store.replace_graph(graph, quads)
    return len(quads)
