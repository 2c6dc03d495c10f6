"""Check instance data against the SHACL shapes (``shapes.ttl``) and report what is wrong.

The shapes are parsed once per process and split in two: pyshacl checks the core constraints, and
Oxigraph runs each SHACL-SPARQL constraint (``sh:sparql``) once over the whole graph, joined with the
shape's targets. pyshacl would run it once per focus node in rdflib's engine, parsing it again each
time: with a hundred text spans per article that was most of the cost (4 s for a 6 KB article).
Joining the targets gives the same results as pre-binding ``$this`` for queries where ``$this``
stands in a graph pattern, as in ``shapes.ttl`` (no aggregates over it); constraints on property
shapes, and shapes without targets, are refused when the shapes load.

Only the ontology's class facts are mixed into the data (``sh:class dg:Agent`` accepts a
``dg:Leader``, ``sh:class dg:Role`` accepts dg:HeadOfState); no inference is run, so what is checked
is what was written. Warnings (e.g. a summit with one known participant) are reported but do not
make data invalid. Data read from articles must be traceable (every event and sanction cites its
sentence); reference data from the gazetteer is checked with ``traceable=False``, which switches
those shapes off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from diplograph.ontology import DG, ONTOLOGY_TTL, SHAPES_TTL

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

DGSH = rdflib.Namespace("https://w3id.org/diplograph/shapes#")
Triple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]


@dataclass(frozen=True)
class Problem:
    """One SHACL result: the node at fault, the property path and what is wrong."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    problems: list[Problem]

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def __str__(self) -> str:
        if not self.problems:
            return "conforms"
        return "\n".join(str(p) for p in self.problems)


def validate(data: rdflib.Graph, *, traceable: bool = True) -> Report:
    """Validate ``data``; ``conforms`` is False only if there is a violation.

    ``traceable=False`` for reference data, which cites no article text.
    """
    return shapes(traceable).check(data)


@cache
def shapes(traceable: bool = True) -> Shapes:
    """The project's shapes, parsed once per process (``traceable=False``: as reference data)."""
    return Shapes(SHAPES_TTL, ONTOLOGY_TTL, traceable=traceable)


@dataclass(frozen=True)
class _SparqlConstraint:
    query: str  # the constraint's SELECT as a subquery, joined with its shape's targets on ?this
    reports_value: bool  # the SELECT binds ?value, the value at fault
    severity: str
    message: str


class Shapes:
    """A shapes graph ready to check data against: core shapes for pyshacl, SPARQL constraints for Oxigraph."""

    def __init__(self, shapes: Path, ontology: Path, *, traceable: bool = True) -> None:
        graph = rdflib.Graph().parse(shapes, format="turtle")
        if not traceable:
            for shape in list(graph.subjects(DGSH.scope, DGSH.ArticleData)):
                graph.add((shape, SH.deactivated, rdflib.Literal(True)))
        self.sparql = [_sparql_constraint(graph, shape, constraint)
                       for shape, constraint in graph.subject_objects(SH.sparql)
                       if not _deactivated(graph, shape) and not _deactivated(graph, constraint)]
        graph.remove((None, SH.sparql, None))
        self.core = graph
        self.ontology = _class_facts(ontology)

    def check(self, data: Iterable[Triple]) -> Report:
        """Check the triples ``data`` (an rdflib graph or any iterable of rdflib triples)."""
        from pyshacl import validate as shacl_validate

        graph = _PreparedQueryGraph()
        for triple in self.ontology:
            graph.add(tuple(rdflib.URIRef(term.value) for term in triple))
        for triple in data:
            graph.add(triple)
        _, results, _ = shacl_validate(graph, shacl_graph=self.core, inference="none", inplace=True,
                                       allow_warnings=True, advanced=False)
        problems = _problems(results) + self._sparql_problems(graph)
        return Report(conforms=not any(p.severity == "Violation" for p in problems),
                      problems=sorted(problems, key=str))

    def _sparql_problems(self, graph: rdflib.Graph) -> list[Problem]:
        if not self.sparql:
            return []
        store = ox.Store()
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        problems = []
        for constraint in self.sparql:
            for row in store.query(constraint.query):
                value = row["value"] if constraint.reports_value else None
                problems.append(Problem(severity=constraint.severity, focus=row["this"].value, path=None,
                                        value=None if value is None else value.value,
                                        message=constraint.message))
        return problems


def _sparql_constraint(graph: rdflib.Graph, shape: rdflib.term.Node, constraint: rdflib.term.Node
                       ) -> _SparqlConstraint:
    """A node shape's SELECT constraint as one query over all its focus nodes."""
    select = graph.value(constraint, SH.select)
    if select is None or graph.value(shape, SH.path) is not None:
        raise ValueError(f"{shape}: only SELECT constraints on node shapes are supported (sh:select, no sh:path)")
    targets = [f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> }}" for c in graph.objects(shape, SH.targetClass)]
    targets += [f"{{ ?this <{p}> [] }}" for p in graph.objects(shape, SH.targetSubjectsOf)]
    targets += [f"{{ [] <{p}> ?this }}" for p in graph.objects(shape, SH.targetObjectsOf)]
    targets += [f"{{ VALUES ?this {{ <{n}> }} }}" for n in graph.objects(shape, SH.targetNode)]
    if not targets:
        raise ValueError(f"{shape}: a shape with a SPARQL constraint needs sh:targetClass, sh:targetNode, "
                         f"sh:targetSubjectsOf or sh:targetObjectsOf")
    prefixes = "".join(f"PREFIX {graph.value(d, SH.prefix)}: <{graph.value(d, SH.namespace)}>\n"
                       for declared in graph.objects(constraint, SH.prefixes)
                       for d in graph.objects(declared, SH.declare))
    body = str(select).replace("$this", "?this")
    reports_value = "?value" in body
    variables = "?this ?value" if reports_value else "?this"
    query = f"{prefixes}SELECT DISTINCT {variables} WHERE {{ {' UNION '.join(targets)} {{ {body} }} }}"
    ox.Store().query(query)  # a syntax error shows now, naming the shape, not at the first article
    severity = graph.value(shape, SH.severity) or SH.Violation
    message = graph.value(constraint, SH.message) or graph.value(shape, SH.message) or "constraint not met"
    return _SparqlConstraint(query, reports_value, str(severity).rsplit("#", 1)[-1], str(message))


def _deactivated(graph: rdflib.Graph, node: rdflib.term.Node) -> bool:
    return graph.value(node, SH.deactivated) == rdflib.Literal(True)


def _class_facts(ontology: Path) -> list[ox.Triple]:
    """What sh:class and sh:targetClass need from the ontology: that a dg:Leader is a dg:Agent (the
    subclass axioms between named classes) and that dg:HeadOfState is a dg:Role (its individuals)."""
    wanted = {ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(str(RDF.type))}
    return [t.triple for t in ox.parse(path=ontology, format=ox.RdfFormat.TURTLE)
            if t.predicate in wanted and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(DG)]


class _PreparedQueryGraph(rdflib.Graph):
    """An rdflib graph that parses each SPARQL text once.

    pyshacl finds each shape's focus nodes with the same query text every time; rdflib would parse it
    on every call.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@cache
def _prepared(text: str) -> Query:
    from rdflib.plugins.sparql import prepareQuery  # 0.15 s to import: only pyshacl's path needs it

    return prepareQuery(text)


def _problems(results: rdflib.Graph) -> list[Problem]:
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        problems.append(Problem(
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(results.value(result, SH.focusNode)),
            path=_short(results, path),
            value=None if value is None else str(value),
            message=str(results.value(result, SH.resultMessage) or "constraint not met"),
        ))
    return problems


def _short(graph: rdflib.Graph, path: rdflib.term.Node | None) -> str | None:
    """A property path as a compact name (``dg:claimant``, ``^dg:mentions``)."""
    if path is None:
        return None
    if isinstance(path, rdflib.BNode):
        inverse = graph.value(path, SH.inversePath)
        return f"^{_short(graph, inverse)}" if inverse is not None else "(complex path)"
    return path.n3(graph.namespace_manager)
