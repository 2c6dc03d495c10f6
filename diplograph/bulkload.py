"""Bulk loading files into an empty store: Oxigraph loads the named graphs while Python derives the rest.

The store keeps a default graph holding each distinct triple of the named graphs (``merged``) and
counts over them (``aggregates``), so a file of named graphs becomes about 1.8x its quads. Handing
every quad and its copy to ``bulk_extend`` from one Python stream, then recounting with a SPARQL
Update, kept Python on the critical path and cost about 2x a plain ``bulk_load`` of the file. Here
each file is read twice at once: Oxigraph's own ``bulk_load`` parses it and writes its named graphs
in a thread without Python in the loop (it releases the GIL), while this thread parses it again
with ``pyoxigraph.parse`` (leniently: Oxigraph's pass checks every IRI) and feeds ``bulk_extend``
only the default-graph copies, collecting the counted statements on the way (the counts are then
written as quads: no SPARQL recount). With a second core free, the load takes about as long as
the ``bulk_load`` alone; in CPU it stays about 1.6x (benchmarks/README.md, "Loading").

``bulk_load`` gives blank nodes fresh names, which the second parse cannot know; so triples with
a blank node (or a triple term) are not copied from Python but from the loaded graphs, by one SPARQL
Update per file that has them (the ontology's OWL lists: a few hundred triples).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from diplograph import aggregates
from diplograph.merged import MIRROR_ALL
from diplograph.store import OXIGRAPH_FORMATS, is_dataset_dump, parse_errors

_COUNTED = {ox.NamedNode(p) for p in aggregates.COUNTED}


class Derivation:
    """One Python pass over a file's quads: the default-graph copies it can make exactly, the graphs
    whose other triples Oxigraph must copy, and the counted statements (into ``counted``, shared by
    the files of one load: a statement counts once whichever files hold it)."""

    def __init__(self, counted: dict[tuple[str, str], set[str]]) -> None:
        self.statements = 0
        self.graphs_to_copy: set[str] = set()  # named graphs holding triples with blank nodes
        self.blank_graphs = False  # graphs named by a blank node: their names change too
        self.counted = counted  # (counted predicate, object) -> subjects

    def copies(self, quads: Iterable[ox.Quad], target: str) -> Iterator[ox.Quad]:
        """Each quad's triple in the default graph, for the quads whose terms are IRIs and literals."""
        named, literal, copy = ox.NamedNode, ox.Literal, ox.Quad
        counted = self.counted
        for quad in quads:
            self.statements += 1
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            kind = type(obj)
            if type(subject) is named and (kind is named or kind is literal):
                yield copy(subject, predicate, obj)
                if kind is named and predicate in _COUNTED:
                    counted[predicate.value, obj.value].add(subject.value)
                continue
            graph = quad.graph_name
            if type(graph) is ox.BlankNode:
                self.blank_graphs = True
            else:
                self.graphs_to_copy.add(target if type(graph) is ox.DefaultGraph else graph.value)

    def copy_the_rest(self) -> str | None:
        """The SPARQL Update that copies what ``copies`` left out from the loaded graphs, if anything."""
        if self.blank_graphs:
            return MIRROR_ALL
        if not self.graphs_to_copy:
            return None
        graphs = " ".join(f"<{g}>" for g in sorted(self.graphs_to_copy))
        return (f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER(!isIRI(?s) || !(isIRI(?o) || isLiteral(?o))) }}")


def load(store: ox.Store, files: list[tuple[Path, str]]) -> list[int]:
    """Load ``(path, graph)`` files into the EMPTY ``store``; returns the statements each file held.

    Not transactional: the caller empties the store if this raises (an interrupt first waits for
    Oxigraph's pass over the file to end: it cannot be stopped). A syntax error names the file and line.
    """
    dumps = {path for path, _ in files if is_dataset_dump(path)}
    counted: dict[tuple[str, str], set[str]] = defaultdict(set)
    added = []
    for path, graph in files:
        if path in dumps:  # carries its default graph and counts: Oxigraph reads it alone
            with parse_errors(path):
                store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            added.append(_lines(path) - 1)
            continue
        derivation = Derivation(counted)
        _load_one(store, path, graph, derivation)
        if update := derivation.copy_the_rest():
            store.update(update)
        added.append(derivation.statements)
    if len(dumps) == len(files):
        return added  # dumps bring their counts
    stats = ox.NamedNode(aggregates.stats_graph())
    if dumps or next(iter(store.quads_for_pattern(None, None, None, stats)), None) is not None:
        store.update(aggregates.recount())  # counts came with a file: only right counted all together
    else:
        store.bulk_extend(aggregates.as_quads({key: len(subjects) for key, subjects in counted.items()}))
    return added


def _load_one(store: ox.Store, path: Path, graph: str, derivation: Derivation) -> None:
    """Oxigraph bulk-loads the file's graphs in a thread while this one writes the default-graph copies."""
    rdf_format = OXIGRAPH_FORMATS[path.suffix.lower()]
    base_iri = path.resolve().as_uri()
    failures: list[BaseException] = []

    def named_graphs() -> None:
        try:
            store.bulk_load(path=str(path), format=rdf_format, base_iri=base_iri, to_graph=ox.NamedNode(graph))
        except BaseException as error:  # handed to the caller's thread
            failures.append(error)

    loader = threading.Thread(target=named_graphs, name=f"bulk_load {path.name}")
    with parse_errors(path):
        loader.start()
        try:
            quads = ox.parse(path=str(path), format=rdf_format, base_iri=base_iri, lenient=True)  # Oxigraph checks
            store.bulk_extend(derivation.copies(quads, graph))
        finally:
            loader.join()  # the store is emptied on failure, never while Oxigraph still writes to it
        if failures:
            raise failures[0]


def _lines(path: Path) -> int:
    with path.open("rb") as data:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 24), b""))

