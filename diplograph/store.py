"""The embedded store: one Oxigraph database on disk, with rdflib access through oxrdflib.

SPARQL always runs in Oxigraph. Queries go to pyoxigraph as plain strings (never pre-parsed by
rdflib, which would silently fall back to rdflib's engine). There is one named graph per article,
one for the ontology, one for reference entities; the default graph holds each of their distinct
triples once and is kept so by every write (see ``merged``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from diplograph import aggregates
from diplograph.merged import (
    MIRROR_ALL,
    add_update,
    lacks_default_graph,
    mirrored,
    replace_graph_update,
    with_default_copies,
)
from diplograph.sparqltext import with_values_first

if TYPE_CHECKING:
    import rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

# File extensions Oxigraph parses itself; anything else goes through rdflib's parsers.
OXIGRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
XML_SUFFIXES = {".rdf", ".owl", ".xml", ".trix", ".svg", ".xhtml", ".html", ".htm"}  # rdflib reads some as XML
QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD}
# Line- and statement-based dumps Oxigraph's bulk loader streams (RDF/XML keeps the entity guard).
BULK_SUFFIXES = {".nq", ".nquads", ".nt", ".ttl", ".trig"}


DEFAULT_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# First line of the N-Quads dumps ``export`` writes: the file holds every graph, the stored default
# graph included, so loading it into an empty store is one plain bulk load with nothing to derive
# (deriving the default graph, one more quad per named quad, made loading 0.6x a plain bulk load).
DATASET_MARK = b"# diplograph dataset: every graph, the stored default graph included\n"


class StoreError(Exception):
    """A problem the user can act on: the message names the store, file or line."""


class Store:
    """An Oxigraph store opened at ``path``; use as a context manager to flush on exit."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self.inner = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.inner = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(_explain_open_error(self.path, error)) from error
        if not read_only and lacks_default_graph(self.inner):
            self.inner.update(MIRROR_ALL)  # a store from before the default graph was kept
        if not read_only and aggregates.lacks_counts(self.inner):
            self.inner.update(aggregates.recount())  # a store from before the counts were kept

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        with contextlib.suppress(StoreError):  # the error already propagating says more
            self.close()

    def close(self) -> None:
        """Flush to disk and release the database lock at once, not whenever the object is collected.

        A full or read-only disk is a ``StoreError`` naming the store.
        """
        try:
            if not self.read_only:
                self.flush()
        except OSError as error:
            raise StoreError(f"cannot write to the store {self.path}: {error}") from error
        finally:
            del self.inner

    def flush(self) -> None:
        """Write Oxigraph's in-memory tables to disk (they otherwise grow with every write)."""
        self.inner.flush()

    def optimize(self) -> None:
        """Compact the database files. A bulk load leaves overlapping files that reads must merge; at
        10k articles, after a 4 s compaction, the heaviest joins of the mix ran 1.3-2x faster and
        two others 1.3x slower, so ``load`` leaves it to the user. A full or read-only disk is a
        ``StoreError`` naming the store."""
        try:
            self.inner.optimize()
        except OSError as error:
            raise StoreError(f"cannot compact the store {self.path}: {error}") from error

    @property
    def dataset(self) -> rdflib.Dataset:
        """An rdflib view of the same data; its ``query()`` with a string runs in Oxigraph too.

        rdflib is imported here, not with the module: it costs every command 0.2 s at start."""
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.inner))

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
    ) -> Results:
        """Run a SPARQL query; ``bindings`` are substituted as RDF terms, never spliced into text.

        Without ``default_graphs`` or a FROM clause the default graph holds every graph's triples.
        """
        default = [ox.NamedNode(iri) for iri in default_graphs]
        named = [ox.NamedNode(iri) for iri in named_graphs]
        bindings = bindings or {}
        return self.inner.query(
            with_values_first(sparql, {name: str(term) for name, term in bindings.items()}),
            default_graph=default or None,
            named_graphs=named or None,
            substitutions={ox.Variable(name): term for name, term in bindings.items()},
        )

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request in one transaction, then copy into the default graph what it
        added to named graphs (what it deleted from them stays there: see ``merged``)."""
        self.inner.update(mirrored(sparql))

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *, dropping: Iterable[str] = ()) -> None:
        """Make ``graph`` hold exactly ``quads`` and delete the ``dropping`` graphs (an article's earlier
        versions), atomically: readers see the old graphs or the new one.

        One SPARQL Update request is one Oxigraph transaction, so a crash mid-way leaves the old
        graphs intact and an article is never half-written.
        """
        self.inner.update(replace_graph_update(graph, quads, dropping=dropping))

    def add(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` to ``graph`` in one transaction."""
        self.inner.update(add_update(graph, quads))

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction, without going through SPARQL text (large loads), then count
        again (``aggregates``: a second transaction)."""
        self.inner.extend(with_default_copies(quads))
        self.inner.update(aggregates.recount())

    def load(self, path: Path, *, graph: str | None = None) -> int:
        """Load an RDF file in one transaction; a parse error names the file and line and loads nothing.

        Triples go to ``graph`` when given, else to a graph named after the file.
        """
        quads = list(parse_file(path, graph or path.resolve().as_uri()))
        self.extend(quads)
        return len(quads)

    def is_empty(self) -> bool:
        return next(iter(self.inner.quads_for_pattern(None, None, None)), None) is None

    def bulk_load(self, files: list[tuple[Path, str]]) -> list[int]:
        """Load ``(path, graph)`` files into an EMPTY store with Oxigraph's bulk loader (``bulkload``).

        Several times faster than one transaction and with flat memory (the file is streamed, not
        held as quads), but not transactional; so this only runs on an empty store and, if any
        file fails (a syntax error names its line), empties the store again: nothing stays loaded.
        Returns the quads each file added (for a dataset dump: its statements, default graph included).
        """
        from diplograph import bulkload

        if not self.is_empty():
            raise StoreError(f"store {self.path} is not empty: bulk loading is only for a fresh store")
        try:
            return bulkload.load(self.inner, files)
        except BaseException:
            self.inner.clear()
            raise

    def dump(self, fmt: str, *, graph: str | None = None) -> bytes:
        """``export`` into bytes."""
        output = io.BytesIO()
        self.export(fmt, output, graph=graph)
        return output.getvalue()

    def export(self, fmt: str, output: BinaryIO, *, graph: str | None = None) -> None:
        """Serialise the store (or one graph) in one of ``EXPORT_FORMATS``, streamed into ``output``.

        N-Quads carries every graph, the stored default graph included, under ``DATASET_MARK``:
        loading it restores the store as it was, without deriving anything. TriG and JSON-LD carry
        the named graphs (loading derives the default graph again). Triple formats write the default
        graph: every triple once.
        """
        rdf_format = EXPORT_FORMATS[fmt]
        if graph is not None:
            self.inner.dump(output, format=rdf_format, from_graph=ox.NamedNode(graph))
        elif rdf_format == ox.RdfFormat.N_QUADS:
            output.write(DATASET_MARK)
            self.inner.dump(output, format=rdf_format)
        elif rdf_format in QUAD_FORMATS:
            named = (q for q in self.inner.quads_for_pattern(None, None, None) if q.graph_name != ox.DefaultGraph())
            ox.serialize(named, output, format=rdf_format, prefixes=_prefixes())
        else:
            self.inner.dump(output, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=_prefixes())

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.inner.named_graphs())

    def __len__(self) -> int:
        """Quads in the named graphs: what was stored, not the default graph derived from it."""
        return len(self.inner) - int(next(iter(self.inner.query(DEFAULT_SIZE)))["n"].value)


def parse_file(path: Path, graph: str) -> Iterable[ox.Quad]:
    """Parse an RDF file into quads, raising a ``StoreError`` that names the file and line."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    if is_dataset_dump(path):  # the store's own default graph is in it: nothing goes to ``graph``
        with parse_errors(path):
            return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    rdf_format = OXIGRAPH_FORMATS.get(path.suffix.lower())
    if rdf_format == ox.RdfFormat.RDF_XML or path.suffix.lower() in XML_SUFFIXES:
        _check_xml(path)
    if rdf_format is None:
        return _parse_with_rdflib(path, ox.NamedNode(graph))
    with parse_errors(path):
        return list(_into_graph(path, graph))


def _into_graph(path: Path, graph: str) -> Iterator[ox.Quad]:
    """Stream a file Oxigraph parses as quads; its default-graph triples go to ``graph``."""
    target = ox.NamedNode(graph)
    quads = ox.parse(path=str(path), format=OXIGRAPH_FORMATS[path.suffix.lower()], base_iri=path.resolve().as_uri())
    for q in quads:
        yield q if q.graph_name != ox.DefaultGraph() else ox.Quad(q.subject, q.predicate, q.object, target)


def is_dataset_dump(path: Path) -> bool:
    """An N-Quads file ``export`` wrote, whatever its name (``-o dump.nquads``, ``> dump.txt``): it
    starts with ``DATASET_MARK``."""
    with path.open("rb") as data:
        return data.readline(len(DATASET_MARK)) == DATASET_MARK


@contextlib.contextmanager
def parse_errors(path: Path) -> Iterator[None]:
    """Oxigraph's parse errors as a ``StoreError`` naming the file and line."""
    try:
        yield
    except SyntaxError as error:
        line = f" line {error.lineno}" if error.lineno else ""
        raise StoreError(f"{path}:{line}: {error.msg}") from error
    except (ValueError, OSError) as error:
        raise StoreError(f"{path}: {error}") from error


def _check_xml(path: Path) -> None:
    """XML entity bombs and external entities are refused before any parser expands them."""
    from diplograph.xmlguard import XmlRefused, check_entities

    try:
        check_entities(path.read_bytes())
    except XmlRefused as error:
        raise StoreError(f"{path}: refused: {error}") from None
    except OSError as error:
        raise StoreError(f"{path}: {error}") from error


def _parse_with_rdflib(path: Path, target: ox.NamedNode) -> list[ox.Quad]:
    import rdflib
    from oxrdflib._converter import to_ox

    dataset = rdflib.Dataset()
    try:
        dataset.parse(str(path), format=rdflib.util.guess_format(str(path)))
    except Exception as error:  # rdflib raises many unrelated types for bad input
        raise StoreError(f"{path}: cannot parse as RDF ({type(error).__name__}: {error})") from error
    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = target if g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else to_ox(g)
        quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))
    return quads


def _prefixes() -> dict[str, str]:
    from diplograph.ontology import PREFIXES

    return PREFIXES


def _explain_open_error(path: Path, error: OSError) -> str:
    text = str(error)
    if "lock" in text.lower():
        return (f"store {path} is already open for writing by another process "
                f"(a running `diplograph serve` or `ingest`); stop it or use its endpoint")
    if "Permission denied" in text or "Read-only file system" in text:
        return f"store {path} is not writable: {text}"
    return f"cannot open store {path}: {text}"
