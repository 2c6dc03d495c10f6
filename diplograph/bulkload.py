"""Bulk loading files into an empty store: Oxigraph loads the named graphs while Python derives the rest.

The store keeps a default graph holding each distinct triple of the named graphs (``merged``) and
counts over them (``aggregates``), so a file of named graphs becomes about 1.8x its quads. Handing
every quad and its copy to ``bulk_extend`` from one Python stream, then recounting with a SPARQL
Update, kept Python on the critical path and cost about 2x a plain ``bulk_load`` of the file. Here
each file is read twice at once. Oxigraph's own ``bulk_load`` parses it and writes its named graphs
in a thread without Python in the loop (it releases the GIL). Meanwhile the default-graph copies are
written, collecting the counted statements on the way (the counts are then written as quads: no
SPARQL recount):

- N-Quads and N-Triples, line by line: a regular expression cuts the graph term off each line whose
  terms are IRIs and literals, and a second ``bulk_load`` reads those triples as N-Triples. Python
  only slices bytes; both loads parse and write in Rust (benchmarks/README.md, "Loading").
- Other formats, and the lines the expression leaves (blank nodes, comments, unusual spacing):
  ``pyoxigraph.parse`` (leniently: Oxigraph's pass checks every IRI) and ``Derivation.copies``.

``bulk_load`` gives blank nodes fresh names, which the second pass cannot know; so triples with
a blank node (or a triple term) are not copied from Python but from the loaded graphs, by one SPARQL
Update per file that has them (the ontology's OWL lists: a few hundred triples).
"""

from __future__ import annotations

import re
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
    """The Python pass over a file's quads (or the lines ``_LineCopies`` leaves): the default-graph
    copies it can make exactly, the graphs whose other triples Oxigraph must copy, and the counted
    statements (into ``counted``, shared by the files of one load: a statement counts once whichever
    files hold it)."""

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
            if rdf_format in _LINE_FORMATS:
                copies = _LineCopies(path, rdf_format, graph, derivation)
                store.bulk_load(copies, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            else:
                quads = ox.parse(path=str(path), format=rdf_format, base_iri=base_iri, lenient=True)
                store.bulk_extend(derivation.copies(quads, graph))
        finally:
            loader.join()  # the store is emptied on failure, never while Oxigraph still writes to it
            if failures:
                raise failures[0]  # Oxigraph's pass names the file's own line; the copies' lines differ


_LINE_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES}
# A statement of IRIs and literals, spaced as Oxigraph writes it; group 1 is its triple. The terms'
# characters are not checked (Oxigraph's pass over the same line does), which keeps this about 3x
# faster: in a file Oxigraph accepts, no term can reach past its line.
_IRI = rb"<[^>]*>"
_LITERAL = rb'"[^"\\]*(?:\\.[^"\\]*)*"(?:@[-A-Za-z0-9]+|\^\^' + _IRI + rb")?"
_PLAIN = re.compile(rb"^(%s %s (?:%s|%s))(?: %s)? \.\r?$" % (_IRI, _IRI, _IRI, _LITERAL, _IRI), re.MULTILINE)
_COUNTED_PREDICATES = {f" <{p}> ".encode(): p for p in aggregates.COUNTED}


class _LineCopies:
    """The default-graph copies of an N-Quads or N-Triples file as N-Triples, read by ``bulk_load``.

    A file-like object: ``bulk_load`` calls ``read`` from its own thread, which slices the next
    megabyte of the file only when the last one has been read (memory stays flat)."""

    def __init__(self, path: Path, rdf_format: ox.RdfFormat, graph: str, derivation: Derivation) -> None:
        self._chunks = self._copies(path, rdf_format, graph, derivation)
        self._chunk = b""
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        while self._at >= len(self._chunk):
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            self._chunk, self._at = chunk, 0
        end = len(self._chunk) if size < 0 else self._at + size
        data = self._chunk[self._at:end]
        self._at = end
        return data

    @staticmethod
    def _copies(path: Path, rdf_format: ox.RdfFormat, graph: str, derivation: Derivation) -> Iterator[bytes]:
        counted = derivation.counted
        for lines in _line_chunks(path):
            triples = _PLAIN.findall(lines)
            derivation.statements += len(triples)
            for marker, predicate in _COUNTED_PREDICATES.items():
                for triple in (t for t in triples if marker in t):
                    subject, middle, obj = triple.split(b" ", 2)
                    if middle == marker[1:-1] and obj[:1] == b"<":
                        subject, obj = _iri(subject), _iri(obj)
                        counted[predicate, obj].add(subject)
            if triples:
                yield b" .\n".join(triples) + b" .\n"
            if len(triples) < lines.count(b"\n"):  # the rest goes through Oxigraph's parser
                rest = b"\n".join(line for line in lines.split(b"\n") if not _PLAIN.match(line))
                quads = ox.parse(rest, format=rdf_format, lenient=True)
                yield ox.serialize(derivation.copies(quads, graph), format=ox.RdfFormat.N_TRIPLES)


def _iri(term: bytes) -> str:
    """An IRI term's value: its bytes, unless it escapes characters (``\\u00E9``)."""
    if b"\\" in term:
        return next(ox.parse(term + b" <p:p> <o:o> .", format=ox.RdfFormat.N_TRIPLES)).subject.value
    return term[1:-1].decode()


def _line_chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The file in pieces of about ``size`` bytes, each ending at the end of a line."""
    with path.open("rb") as data:
        rest = b""
        while chunk := data.read(size):
            chunk = rest + chunk
            end = chunk.rfind(b"\n") + 1
            rest = chunk[end:]
            if end:
                yield chunk[:end]
        if rest:
            yield rest + b"\n"


def _lines(path: Path) -> int:
    with path.open("rb") as data:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 24), b""))

