"""SHACL validation before anything is committed: facts that violate the shapes are dropped, never the article.

The shapes graph (``ontology/shapes.ttl``) and the ontology's class hierarchy are parsed once per
process; each article's graph is then checked on its own (pyshacl on a few hundred triples, its
SPARQL constraints parsed once rather than once per focus node: 0.3 s instead of 4 s). A
violation whose focus node belongs to a fact or entity drops that whole part, with a warning; the
check repeats, since dropping an entity can leave a fact pointing at nothing. A violation on the
article node itself is reported and the article kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from diplograph.ingest.triples import Mapped, Part
from diplograph.ontology import ONTOLOGY_TTL, SHAPES_TTL

MAX_ROUNDS = 5


@dataclass
class Checked:
    parts: list[Part]
    warnings: list[str]
    dropped: dict[str, int]  # part kind -> how many were dropped


class Validator:
    """Checks mapped articles against one shapes graph, parsed once."""

    def __init__(self, shapes: Path = SHAPES_TTL, ontology: Path = ONTOLOGY_TTL) -> None:
        self.shapes = rdflib.Graph().parse(shapes, format="turtle")
        self.hierarchy = _class_hierarchy(ontology)

    def check(self, mapped: Mapped) -> Checked:
        parts = list(mapped.parts)
        warnings = list(mapped.warnings)
        dropped: dict[str, int] = {}
        for _ in range(MAX_ROUNDS):
            violations = self._violations(parts)
            doomed = {}
            for focus, message in violations:
                owner = _owner(parts, focus)
                if owner is None or owner.kind == "article":
                    warnings.append(f"SHACL: {focus}: {message} (kept: it is the article itself)")
                    continue
                doomed.setdefault(id(owner), (owner, []))[1].append(message)
            if not doomed:
                break
            for owner, messages in doomed.values():
                warnings.append(f"SHACL: dropped {owner.description}: {'; '.join(sorted(set(messages)))}")
                dropped[owner.kind] = dropped.get(owner.kind, 0) + 1
            parts = [p for p in parts if id(p) not in doomed]
        return Checked(parts, warnings, dropped)

    def _violations(self, parts: list[Part]) -> list[tuple[str, str]]:
        import pyshacl

        data = _PreparedQueryGraph()
        for triple in self.hierarchy:
            data.add(triple)
        for part in parts:
            for quad in part.quads:
                data.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
        conforms, report, _ = pyshacl.validate(data, shacl_graph=self.shapes, inference="none", inplace=True,
                                               allow_warnings=True, advanced=True)
        if conforms:
            return []
        found = []
        for result in report.subjects(RDF.type, SH.ValidationResult):
            if report.value(result, SH.resultSeverity) != SH.Violation:
                continue
            focus = report.value(result, SH.focusNode)
            path = report.value(result, SH.resultPath)
            message = str(report.value(result, SH.resultMessage) or "violates a shape")
            found.append((str(focus), f"{_short(path)}: {message}" if path is not None else message))
        return found


class _PreparedQueryGraph(rdflib.Graph):
    """An rdflib graph that parses each SPARQL text once.

    pyshacl runs a shape's SPARQL constraint once per focus node, as the same text with ``$this``
    bound; rdflib would parse it every time, which is most of the cost of validating an article.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _owner(parts: list[Part], focus: str) -> Part | None:
    """The part a focus node belongs to: the part whose node it is, else the first that describes it."""
    for part in parts:
        if part.node.value == focus:
            return part
    for part in parts:
        if any(isinstance(q.subject, ox.NamedNode) and q.subject.value == focus for q in part.quads):
            return part
    return None


def _class_hierarchy(ontology: Path) -> list[tuple[rdflib.term.Node, ...]]:
    """The subclass axioms sh:class needs to see that a dg:Leader is a dg:Agent."""
    graph = rdflib.Graph().parse(ontology, format="turtle")
    return [(s, RDFS.subClassOf, o) for s, o in graph.subject_objects(RDFS.subClassOf)
            if isinstance(s, rdflib.URIRef) and isinstance(o, rdflib.URIRef)]


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _short(path: rdflib.term.Node) -> str:
    text = str(path)
    return text.rsplit("#", 1)[-1] if "#" in text else text
