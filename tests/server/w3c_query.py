"""The W3C SPARQL 1.1 query-evaluation and query-syntax tests, through the HTTP endpoint and directly
on pyoxigraph, compared by value. The HTTP layer must pass at least as many as pyoxigraph does.

Run as a script for the figures (it starts its own server):

    python3 tests/server/w3c_query.py [-v]

Each test's data goes into the store (default-graph data into a named graph used as the protocol
default graph, ``qt:graphData`` into named graphs), both runs get the same dataset and the same
``BASE`` (the query file's URL), and results are compared as multisets of solutions whose literals
are compared by value (Oxigraph normalises typed literals when storing: "01"^^xsd:integer is 1).
Blank nodes compare equal to any blank node in solutions; graphs are compared up to isomorphism.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import rdflib
import requests
from rdflib import RDF, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from w3c_protocol import DATA, MF

from diplograph.sparqltext import tokens

QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
DEFAULT = "urn:x-w3c-test:default-graph"
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                              "unsignedShort", "unsignedByte")}
KINDS = {MF.QueryEvaluationTest: "eval", MF.PositiveSyntaxTest11: "positive", MF.NegativeSyntaxTest11: "negative"}


@dataclass
class EvalCase:
    name: str
    kind: str
    query: Path
    data: list[Path] = field(default_factory=list)
    graph_data: list[Path] = field(default_factory=list)
    result: Path | None = None

    @property
    def text(self) -> str:
        return f"BASE <{self.query.as_uri()}>\n" + self.query.read_text(encoding="utf-8")

    @property
    def default_graph(self) -> str:
        """Where this test's default-graph data lives in the shared store of the HTTP run."""
        return f"{DEFAULT}:{self.name}"

    def dataset(self, default_graph: str) -> tuple[list[str], list[str]] | None:
        """The protocol dataset for this test, or None when the query names its own (FROM)."""
        if any(t.depth == 0 and t.keyword == "FROM" for t in tokens(self.query.read_text(encoding="utf-8"))):
            return None
        return [default_graph], [p.as_uri() for p in self.graph_data]


def eval_cases() -> list[EvalCase]:
    suites = rdflib.Graph().parse(DATA / "manifest-sparql11-query.ttl", format="turtle")
    manifests = [Path(str(m).removeprefix("file://")) for root in suites.subjects(RDF.type, MF.Manifest)
                 for inc in suites.objects(root, MF.include) for m in Collection(suites, inc)]
    found = []
    for manifest in manifests:
        g = rdflib.Graph().parse(manifest, format="turtle")
        for root in g.subjects(RDF.type, MF.Manifest):
            for entries in g.objects(root, MF.entries):
                for node in Collection(g, entries):
                    case = _case(g, node, manifest)
                    if case:
                        found.append(case)
    return found


def _case(g: rdflib.Graph, node, manifest: Path) -> EvalCase | None:
    kind = next((KINDS[t] for t in g.objects(node, RDF.type) if t in KINDS), None)
    if kind is None:
        return None
    name = f"{manifest.parent.name}/{str(node).rpartition('#')[2]}"
    action = g.value(node, MF.action)
    if kind != "eval":
        return EvalCase(name, kind, _path(action))
    result = g.value(node, MF.result)
    return EvalCase(name, kind, _path(g.value(action, QT.query)),
                    [_path(d) for d in g.objects(action, QT.data)],
                    [_path(d) for d in g.objects(action, QT.graphData)],
                    _path(result) if result is not None else None)


def _path(term) -> Path:
    return Path(str(term).removeprefix("file://"))


def quads(case: EvalCase, default_graph: str = DEFAULT) -> list[ox.Quad]:
    loaded = []
    for graph, paths in [(ox.NamedNode(default_graph), case.data),
                         *[(ox.NamedNode(p.as_uri()), [p]) for p in case.graph_data]]:
        for path in paths:
            for t in ox.parse(path=str(path), base_iri=path.as_uri()):
                loaded.append(ox.Quad(t.subject, t.predicate, t.object, graph))
    return loaded


# --- the two ways of running a test ------------------------------------------------------------

def run_direct(case: EvalCase):
    """The answer pyoxigraph gives, or an exception."""
    store = ox.Store()
    store.extend(quads(case))
    dataset = case.dataset(DEFAULT)
    if dataset is None:
        results = store.query(case.text)
    else:
        results = store.query(case.text, default_graph=[ox.NamedNode(g) for g in dataset[0]],
                              named_graphs=[ox.NamedNode(g) for g in dataset[1]])
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    if isinstance(results, ox.QuerySolutions):
        return _solutions(results)
    return _graph(ox.serialize(results, format=ox.RdfFormat.N_TRIPLES))


def load_all(cases: list[EvalCase], base_url: str, token: str) -> None:
    """Put every test's data in the server's store once, each test's default graph apart, so the
    tests then only query: named graphs are the data files' URLs, as the tests expect."""
    statements = {}
    for case in cases:
        if case.kind == "eval":
            for q in quads(case, case.default_graph):
                statements[f"GRAPH <{q.graph_name.value}> {{ {q.subject} {q.predicate} {q.object} }}"] = None
    body = "DROP ALL ; INSERT DATA {\n" + "\n".join(statements) + "\n}"
    requests.post(f"{base_url}/update", data=body.encode(), headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"}).raise_for_status()


def run_http(case: EvalCase, base_url: str, session: requests.Session):
    dataset = case.dataset(case.default_graph)
    params = {"default-graph-uri": dataset[0], "named-graph-uri": dataset[1]} if dataset else {}
    if dataset and not dataset[1]:
        params["named-graph-uri"] = ["urn:x-w3c-test:no-named-graphs"]
    response = session.post(f"{base_url}/sparql", params=params, data=case.text.encode(), headers={
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
    media_type = response.headers["Content-Type"].split(";")[0]
    if media_type == "application/n-triples":
        return _graph(response.content)
    results = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
    return bool(results) if isinstance(results, ox.QueryBoolean) else _solutions(results)


def expected(case: EvalCase):
    suffix = case.result.suffix
    if suffix == ".ttl" and RS.ResultSet in rdflib.Graph().parse(case.result, format="turtle").objects(None, RDF.type):
        return _result_set(case.result)
    if suffix == ".ttl":
        return _graph(ox.serialize(ox.parse(path=str(case.result), base_iri=case.result.as_uri()),
                                   format=ox.RdfFormat.N_TRIPLES))
    fmt = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON}[suffix]
    results = ox.parse_query_results(path=str(case.result), format=fmt)
    return bool(results) if isinstance(results, ox.QueryBoolean) else _solutions(results)


def _result_set(path: Path):
    """A result set written in the DAWG result-set vocabulary (rs:ResultSet), as SELECT/ASK results."""
    g = rdflib.Graph().parse(path, format="turtle")
    root = next(g.subjects(RDF.type, RS.ResultSet))
    boolean = g.value(root, RS.boolean)
    if boolean is not None:
        return boolean.toPython()
    solutions = Counter()
    for solution in g.objects(root, RS.solution):
        solutions[frozenset((str(g.value(b, RS.variable)), _value(_ox(g.value(b, RS.value))))
                            for b in g.objects(solution, RS.binding))] += 1
    return solutions


def _ox(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode()
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD + "string")))


# --- comparing by value ------------------------------------------------------------------------

def _solutions(results: ox.QuerySolutions) -> Counter:
    names = [v.value for v in results.variables]
    return Counter(frozenset((n, _value(s[n])) for n in names if s[n] is not None) for s in results)


def _value(term) -> tuple:
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in INTEGERS:
                return ("integer", int(term.value))
            if datatype == XSD + "decimal":
                return ("decimal", Decimal(term.value))
            if datatype in (XSD + "double", XSD + "float"):
                return (datatype, float(term.value))
            if datatype == XSD + "boolean":
                return ("boolean", term.value in ("true", "1"))
        except (ValueError, InvalidOperation):
            pass
        return ("literal", term.value, term.language, datatype)
    return ("triple", str(term))


class _GraphResult:
    """An RDF graph compared up to blank-node isomorphism, with literals compared by value."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    def __eq__(self, other) -> bool:
        return isinstance(other, _GraphResult) and isomorphic(self.graph, other.graph)

    def __hash__(self) -> int:
        return len(self.graph)


def _graph(ntriples: bytes) -> _GraphResult:
    graph = rdflib.Graph()
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        graph.add(tuple(_rdflib(term) for term in (triple.subject, triple.predicate, triple.object)))
    return _GraphResult(graph)


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    value = _value(term)
    return rdflib.Literal(repr(value)) if value[0] != "literal" else rdflib.Literal(
        term.value, lang=term.language, datatype=None if term.language else term.datatype.value)


# --- running a whole suite ---------------------------------------------------------------------

def outcome(case: EvalCase, run) -> tuple[bool, str]:
    """(passed, why not) for one test run by ``run`` (a callable returning the answer or raising)."""
    try:
        answer = run(case)
    except (SyntaxError, RuntimeError, OSError, ValueError) as error:
        syntax = isinstance(error, SyntaxError) or str(error).startswith("HTTP 400")
        if case.kind == "negative":
            return syntax, "" if syntax else f"failed with a non-syntax error: {error}"
        if case.kind == "positive" and not syntax:  # parsed; evaluation is not what is tested
            return True, ""
        return False, str(error)[:300]
    if case.kind == "negative":
        return False, "accepted a syntactically invalid query"
    if case.kind == "positive":
        return True, ""
    want = expected(case)
    return (answer == want), "" if answer == want else "results differ"


def direct_runner(case: EvalCase):
    return run_direct(case)


def http_runner(cases: list[EvalCase], base_url: str, token: str):
    load_all(cases, base_url, token)
    session = requests.Session()
    return lambda case: run_http(case, base_url, session)


def main(argv: list[str]) -> int:
    import tempfile
    import time

    from liveserver import LiveServer

    verbose = "-v" in argv
    cases = eval_cases()
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "store", token="w3c-query-eval-token-0123456789", args=("--max-rows", "0"))
        try:
            started = time.monotonic()
            run_http_case = http_runner(cases, server.url, server.token)
            http = {c.name: outcome(c, run_http_case) for c in cases}
            http_seconds = time.monotonic() - started
        finally:
            server.stop()
    direct = {c.name: outcome(c, direct_runner) for c in cases}
    for kind in ("eval", "positive", "negative"):
        names = [c.name for c in cases if c.kind == kind]
        print(f"{kind:>8}: {len(names)} tests, pyoxigraph passes {sum(direct[n][0] for n in names)}, "
              f"HTTP passes {sum(http[n][0] for n in names)}")
    lost = sorted(n for n in direct if direct[n][0] and not http[n][0])
    print(f"total: {len(cases)} tests; pyoxigraph {sum(v[0] for v in direct.values())}, "
          f"HTTP {sum(v[0] for v in http.values())} ({http_seconds:.1f} s through HTTP); "
          f"passed directly but not through HTTP: {len(lost)}")
    for name in lost if not verbose else sorted(http):
        if not http[name][0] or verbose:
            print(f"  {name}: direct={'pass' if direct[name][0] else 'FAIL ' + direct[name][1]} "
                  f"http={'pass' if http[name][0] else 'FAIL ' + http[name][1]}")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
