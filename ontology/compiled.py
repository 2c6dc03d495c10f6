"""The SHACL shapes compiled to SPARQL that Oxigraph runs per graph: ingest's fast check.

pyshacl (``validate.py``) walks every shape and focus node in Python over an rdflib graph; for an
article graph that cost more than spaCy's parse. Here ``shapes.ttl`` is read once and each
constraint component becomes a SPARQL pattern that matches its violations, i.e. binds the focus
node ``?this`` (and ``?value``, the value at fault, where SHACL reports one). A node shape's
patterns are joined with a ``UNION``, each branch tagged with its constraint's number, under the
shape's targets: graphs are checked with one query per node shape (plus the shapes' own SPARQL
constraints) over an in-memory Oxigraph store holding each graph, with the ontology's class facts,
as a named graph of its own. Every query runs inside ``GRAPH ?graph`` and projects ``?graph`` from
each sub-select too (Oxigraph binds the graph inside a sub-select only when it is projected), so
each graph is checked apart, as if alone. Oxigraph's fixed cost per query (parsing, planning) is most
of the time on graphs this small, so checking a batch of articles at once costs little more than
one (one query for all shapes, or one per constraint, was not faster).

Only the components ``shapes.ttl`` uses are supported; any other predicate on a shape is refused
when the shapes load, naming the shape. ``tests/ontology/test_compiled_shapes.py`` checks that the
results equal pyshacl's on the example data, the broken variant, every sample article and
generated mutations of them.

Literals are checked as XSD defines them: a few lexical forms rdflib reads leniently (a
``"2019-02-27"^^xsd:dateTime``) are ill-typed here. Ingest writes literals from Python values, so
its graphs never carry such forms.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from diplograph.ontology import ONTOLOGY_TTL, SHAPES_TTL
from diplograph.ontology.validate import DGSH, Problem, _class_facts, _short, _sparql_constraint

NODE_KEYS = {RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
             SH.targetNode, SH.property, SH.sparql, SH.message, SH.severity, SH.deactivated, DGSH.scope}
PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.minLength, SH.nodeKind, SH["class"], SH["or"],
                 SH["in"], SH.pattern, SH.minInclusive, SH.maxInclusive, SH.lessThanOrEquals, SH.message,
                 SH.severity, SH.deactivated, SH.name, SH.description}
# Shared by both: what a shape says of its value nodes (the focus itself on a node shape).
VALUE_KEYS = {SH.datatype, SH.minLength, SH.nodeKind, SH["class"], SH["or"], SH["in"], SH.pattern,
              SH.minInclusive, SH.maxInclusive}
# XSD datatypes whose lexical form Oxigraph checks when casting: a literal of one of them that does not
# cast is ill-typed, and fails sh:datatype.
CASTS = {XSD.integer: "xsd:integer", XSD.decimal: "xsd:decimal", XSD.double: "xsd:double",
         XSD.float: "xsd:float", XSD.boolean: "xsd:boolean", XSD.dateTime: "xsd:dateTime",
         XSD.date: "xsd:date"}
PREFIXES = (f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\nPREFIX xsd: <{XSD}>\n")
GRAPH = "shapesCheckedGraph"  # the variable naming the graph a result belongs to
CHECKED = "urn:diplograph:checked:"  # graph names in the check's own in-memory store
SELECT = re.compile(r"\bSELECT\s+((?:DISTINCT|REDUCED)\s+)?", re.IGNORECASE)


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature the compiler does not translate."""


@dataclass(frozen=True)
class Constraint:
    """One constraint component of one shape, as reported: what ``Problem`` it makes."""

    severity: str
    path: str | None
    message: str
    value_is_focus: bool = False  # a node shape's own constraint reports the focus node as the value


@cache
def compiled(traceable: bool = True) -> CompiledShapes:
    """The project's shapes compiled once per process (``traceable=False``: as reference data)."""
    return CompiledShapes(SHAPES_TTL, ONTOLOGY_TTL, traceable=traceable)


class CompiledShapes:
    """The shapes as SPARQL queries (one per node shape) over the data plus the ontology's class facts."""

    def __init__(self, shapes: Path, ontology: Path, *, traceable: bool = True) -> None:
        graph = rdflib.Graph().parse(shapes, format="turtle")
        compiler = _Compiler(graph)
        self.constraints: list[Constraint] = []
        self.queries: list[str] = []
        for shape in sorted(set(graph.subjects(RDF.type, SH.NodeShape))):
            if _deactivated(graph, shape) or (not traceable and (shape, DGSH.scope, DGSH.ArticleData) in graph):
                continue
            targets = compiler.targets(shape)
            branches, tests = [], {}
            for constraint, pattern in compiler.node_shape(shape):
                number = len(self.constraints)
                self.constraints.append(constraint)
                if pattern.startswith("FILTER"):
                    tests[number] = pattern.removeprefix("FILTER")
                else:
                    branches.append(f"{{ {pattern} BIND({number} AS ?constraint) }}")
            if tests:
                # A FILTER needs ?this bound in its own group: these run once per focus, in the query's group.
                branches.append(f"{{ VALUES ?constraint {{ {' '.join(map(str, tests))} }} }}")
                either = " || ".join(f"(?constraint = {n} && {test})" for n, test in tests.items())
                branches_filter = f"FILTER(?constraint NOT IN ({', '.join(map(str, tests))}) || {either})"
            else:
                branches_filter = ""
            if branches:
                self.queries.append(_per_graph(f"{PREFIXES}SELECT DISTINCT ?constraint ?this ?value WHERE {{ "
                                               f"{targets} {{ {' UNION '.join(branches)} }} {branches_filter} }}"))
        self.sparql = []
        for shape, node in graph.subject_objects(SH.sparql):
            if _deactivated(graph, shape) or _deactivated(graph, node) or (
                    not traceable and (shape, DGSH.scope, DGSH.ArticleData) in graph):
                continue
            constraint = _sparql_constraint(graph, shape, node)
            if f"?{GRAPH}" in constraint.query:
                raise UnsupportedShape(f"{shape}: its SPARQL constraint uses ?{GRAPH}, which the check needs")
            self.sparql.append(dataclasses.replace(constraint, query=_per_graph(constraint.query)))
        for query in [*self.queries, *(s.query for s in self.sparql)]:
            ox.Store().query(query)  # a compilation error shows now, not at the first article
        self.ontology = _class_facts(ontology)

    def problems(self, triples: Iterable[ox.Triple | ox.Quad]) -> list[Problem]:
        """Every result SHACL reports for ``triples`` (their graph names are ignored)."""
        return self.problems_of_each([triples])[0]

    def problems_of_each(self, graphs: Sequence[Iterable[ox.Triple | ox.Quad]]) -> list[list[Problem]]:
        """What ``problems`` reports for each of ``graphs``, checked apart but in one run of the queries."""
        names = [ox.NamedNode(f"{CHECKED}{number}") for number in range(len(graphs))]
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name)
                     for name, triples in zip(names, graphs, strict=True)
                     for t in itertools.chain(self.ontology, triples))
        found: dict[str, list[Problem]] = {name.value: [] for name in names}
        for query in self.queries:
            for row in store.query(query):
                constraint = self.constraints[int(row["constraint"].value)]
                value = row["this"] if constraint.value_is_focus else row["value"]
                found[row[GRAPH].value].append(Problem(constraint.severity, row["this"].value, constraint.path,
                                                       None if value is None else value.value, constraint.message))
        for sparql in self.sparql:
            for row in store.query(sparql.query):
                value = row["value"] if sparql.reports_value else None
                found[row[GRAPH].value].append(Problem(sparql.severity, row["this"].value, None,
                                                       None if value is None else value.value, sparql.message))
        return list(found.values())


class _Compiler:
    """Turns shapes into violation patterns: SPARQL group bodies that match where a focus fails."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self.names = itertools.count()

    def fresh(self) -> str:
        return f"?v{next(self.names)}"

    def node_shape(self, shape: rdflib.term.Node) -> Iterator[tuple[Constraint, str]]:
        g = self.graph
        _check_keys(g, shape, NODE_KEYS | VALUE_KEYS)
        severity = _severity(g, shape)
        message = _message(g, shape)
        for pattern in self.value_checks(shape, "?this", "?this"):
            yield Constraint(severity, None, message, value_is_focus=True), pattern
        for prop in g.objects(shape, SH.property):
            if _deactivated(g, prop):
                continue
            _check_keys(g, prop, PROPERTY_KEYS)
            constraint = Constraint(_severity(g, prop), _short(g, g.value(prop, SH.path)), _message(g, prop))
            for pattern in self.property_checks(prop, "?this", "?value"):
                yield constraint, pattern

    def targets(self, shape: rdflib.term.Node) -> str:
        g = self.graph
        targets = [f"{{ ?this rdf:type/rdfs:subClassOf* {_n3(c)} }}" for c in g.objects(shape, SH.targetClass)]
        targets += [f"{{ ?this {_n3(p)} [] }}" for p in g.objects(shape, SH.targetSubjectsOf)]
        targets += [f"{{ [] {_n3(p)} ?this }}" for p in g.objects(shape, SH.targetObjectsOf)]
        targets += [f"{{ VALUES ?this {{ {_n3(n)} }} }}" for n in g.objects(shape, SH.targetNode)]
        if not targets:
            raise UnsupportedShape(f"{shape}: a node shape without targets is not supported")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"

    def property_checks(self, prop: rdflib.term.Node, focus: str, value: str) -> Iterator[str]:
        """Violation patterns of a property shape on ``focus``; ``value`` is bound to the value at fault."""
        g = self.graph
        path = self.path(g.value(prop, SH.path))
        minimum = g.value(prop, SH.minCount)
        if minimum is not None and int(minimum) > 0:
            yield f"FILTER NOT EXISTS {{ {self.distinct_values(focus, path, int(minimum))} }}"
        maximum = g.value(prop, SH.maxCount)
        if maximum is not None:
            yield self.distinct_values(focus, path, int(maximum) + 1)
        for other in g.objects(prop, SH.lessThanOrEquals):
            bound = self.fresh()
            yield (f"{focus} {path} {value} . {focus} {_n3(other)} {bound} . "
                   f"FILTER(!COALESCE({value} <= {bound}, false))")
        for check in self.value_checks(prop, value, focus):
            yield f"{focus} {path} {value} . {check}"

    def distinct_values(self, focus: str, path: str, count: int) -> str:
        """A pattern matching when ``focus`` has at least ``count`` distinct values on ``path``."""
        names = [self.fresh() for _ in range(count)]
        distinct = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        return (f"{focus} {path} {', '.join(names)} ."
                + (f" FILTER({' && '.join(distinct)})" if distinct else ""))

    def value_checks(self, shape: rdflib.term.Node, value: str, focus: str) -> Iterator[str]:
        """Filters that hold when the node ``value`` fails one of ``shape``'s value constraints."""
        g = self.graph
        for datatype in g.objects(shape, SH.datatype):
            yield f"FILTER(!({_has_datatype(value, datatype)}))"
        for length in g.objects(shape, SH.minLength):
            yield f"FILTER(isBlank({value}) || STRLEN(STR({value})) < {int(length)})"
        for kind in g.objects(shape, SH.nodeKind):
            if kind != SH.IRI:
                raise UnsupportedShape(f"{shape}: sh:nodeKind {kind} is not supported (only sh:IRI)")
            yield f"FILTER(!isIRI({value}))"
        for cls in g.objects(shape, SH["class"]):
            yield f"FILTER NOT EXISTS {{ {value} rdf:type/rdfs:subClassOf* {_n3(cls)} }}"
        for members in g.objects(shape, SH["in"]):
            allowed = " || ".join(f"sameTerm({value}, {_n3(m)})" for m in Collection(g, members))
            yield f"FILTER(!({allowed or 'false'}))"
        for pattern in g.objects(shape, SH.pattern):
            if g.value(shape, SH.flags) is not None:
                raise UnsupportedShape(f"{shape}: sh:flags is not supported")
            yield f"FILTER(isBlank({value}) || !REGEX(STR({value}), {_string(str(pattern))}))"
        for bound in g.objects(shape, SH.minInclusive):
            yield f"FILTER(!COALESCE({value} >= {_n3(bound)}, false))"
        for bound in g.objects(shape, SH.maxInclusive):
            yield f"FILTER(!COALESCE({value} <= {_n3(bound)}, false))"
        for members in g.objects(shape, SH["or"]):
            failing = [f"EXISTS {{ {self.failing(member, value)} }}" for member in Collection(g, members)]
            yield f"FILTER({' && '.join(failing) or 'true'})"

    def failing(self, member: rdflib.term.Node, node: str) -> str:
        """A pattern matching when ``node`` does not conform to the shape ``member`` (of an sh:or)."""
        g = self.graph
        if g.value(member, SH.path) is not None:
            _check_keys(g, member, PROPERTY_KEYS)
            patterns = list(self.property_checks(member, node, self.fresh()))
        else:
            _check_keys(g, member, VALUE_KEYS | {RDF.type})
            patterns = list(self.value_checks(member, node, node))
        if not patterns:
            raise UnsupportedShape(f"{member}: an sh:or member without constraints")
        return " UNION ".join(f"{{ {p} }}" for p in patterns)

    def path(self, path: rdflib.term.Node | None) -> str:
        if isinstance(path, rdflib.URIRef):
            return _n3(path)
        inverse = self.graph.value(path, SH.inversePath) if path is not None else None
        if isinstance(inverse, rdflib.URIRef):
            return f"^{_n3(inverse)}"
        raise UnsupportedShape(f"sh:path {path}: only an IRI or sh:inversePath of an IRI is supported")


def _per_graph(query: str) -> str:
    """``query`` (``SELECT ... WHERE { ... }``) run in each named graph apart, ``?{GRAPH}`` telling which.

    Every SELECT, sub-selects included, projects the graph variable: Oxigraph evaluates a sub-select
    inside ``GRAPH ?g`` over all graphs unless it projects ``?g``. A form this cannot rewrite
    (``SELECT *``, aggregates, solution modifiers) fails to parse when the shapes load.
    """
    projected = SELECT.sub(lambda m: f"{m.group(0)}?{GRAPH} ", query)
    head, group = projected.split(" WHERE ", 1)
    return f"{head} WHERE {{ GRAPH ?{GRAPH} {group} }}"


def _has_datatype(value: str, datatype: rdflib.term.Node) -> str:
    test = f"isLiteral({value}) && datatype({value}) = {_n3(datatype)}"
    if datatype == XSD.nonNegativeInteger:
        return f"{test} && COALESCE(xsd:integer({value}) >= 0, false)"
    if datatype in CASTS:
        return f"{test} && COALESCE(isLiteral({CASTS[datatype]}({value})), false)"
    return test


def _check_keys(graph: rdflib.Graph, shape: rdflib.term.Node, allowed: set[rdflib.URIRef]) -> None:
    unknown = sorted({str(p) for p in graph.predicates(shape) if p not in allowed})
    if unknown:
        raise UnsupportedShape(f"{shape}: the compiled SHACL check does not support {', '.join(unknown)}")


def _deactivated(graph: rdflib.Graph, node: rdflib.term.Node) -> bool:
    return graph.value(node, SH.deactivated) == rdflib.Literal(True)


def _severity(graph: rdflib.Graph, shape: rdflib.term.Node) -> str:
    return str(graph.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


def _message(graph: rdflib.Graph, shape: rdflib.term.Node) -> str:
    return str(graph.value(shape, SH.message) or "constraint not met")


def _n3(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.Literal) and term.datatype is not None and not term.language:
        return f"{_string(str(term))}^^<{term.datatype}>"
    if isinstance(term, rdflib.Literal):
        return _string(str(term)) + (f"@{term.language}" if term.language else "")
    raise UnsupportedShape(f"{term!r}: only IRIs and literals may be named in a constraint")


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
