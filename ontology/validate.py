"""Check instance data against the SHACL shapes (``shapes.ttl``) with pyshacl.

The ontology is mixed into the data graph so ``sh:class dg:Agent`` accepts a ``dg:Leader`` through
its ``rdfs:subClassOf`` triples; no inference is run, so what is checked is what was written.
Warnings (e.g. a summit with one known participant) are reported but do not make data invalid.
Data read from articles must be traceable (every event and sanction cites its sentence); reference
data from the gazetteer is checked with ``traceable=False``, which switches those shapes off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import rdflib

from diplograph.ontology import ONTOLOGY_TTL, SHAPES_TTL

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DGSH = rdflib.Namespace("https://w3id.org/diplograph/shapes#")


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

    def __str__(self) -> str:
        if not self.problems:
            return "conforms"
        return "\n".join(str(p) for p in self.problems)


@cache
def _shapes(traceable: bool) -> rdflib.Graph:
    shapes = rdflib.Graph().parse(SHAPES_TTL)
    if not traceable:
        for shape in list(shapes.subjects(DGSH.scope, DGSH.ArticleData)):
            shapes.add((shape, SH.deactivated, rdflib.Literal(True)))
    return shapes


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_TTL)


def validate(data: rdflib.Graph, *, traceable: bool = True) -> Report:
    """Validate ``data``; ``conforms`` is False only if there is a violation.

    ``traceable=False`` for reference data, which cites no article text.
    """
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=_shapes(traceable), ont_graph=_ontology(), inference="none",
        allow_warnings=True, advanced=True,
    )
    return Report(conforms=bool(conforms), problems=sorted(_problems(results), key=str))


def _problems(results: rdflib.Graph) -> list[Problem]:
    problems = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
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
