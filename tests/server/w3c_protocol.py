"""Runs the W3C SPARQL 1.1 protocol, graph store and service description tests against a live server.

The manifests are read as RDF (rdflib parses the test data, never the server's answers' logic);
each ht:Request is sent as written, with ``/sparql/`` and ``/gsp`` mapped to the server's routes
and the update token added (the tests assume an endpoint that accepts updates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
import requests
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic

DATA = Path(__file__).resolve().parents[1] / "data" / "w3c-sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
STATUS = {"OK": {200}, "Created": {201}, "NoContent": {204}, "NotFound": {404}}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "application/json"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "text/plain": "nt"}


@dataclass
class Case:
    name: str
    label: str
    node: rdflib.term.Node
    graph: rdflib.Graph
    base: Path
    problems: list[str] = field(default_factory=list)


def cases(manifest: Path) -> list[Case]:
    graph = rdflib.Graph().parse(manifest, format="turtle")
    found = []
    for root in graph.subjects(RDF.type, MF.Manifest):
        for entries in graph.objects(root, MF.entries):
            for node in Collection(graph, entries):
                label = str(graph.value(node, MF.name))
                found.append(Case(str(node).rpartition("#")[2], label, node, graph, manifest.parent))
    return found


def run_case(case: Case, base_url: str, token: str) -> list[str]:
    """Run every request of a protocol or graph store test on an empty store; return what went wrong."""
    g = case.graph
    requests.post(f"{base_url}/update", data=b"DROP ALL", headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"}).raise_for_status()
    for data in g.objects(case.node, UT.graphData):
        source = case.base / str(g.value(data, UT.graph)).rpartition("/")[2]
        _put_graph(base_url, token, str(g.value(data, RDFS.label)), source)
    action = g.value(case.node, MF.action)
    location = None
    problems = []
    session = requests.Session()
    for index, request in enumerate(Collection(g, g.value(action, HT.requests)), 1):
        method = str(g.value(request, HT.methodName))
        path = str(g.value(request, HT.absolutePath))
        if path.startswith("/sparql/"):
            path = path.replace("/sparql/", "/sparql", 1)
        else:
            path = path.replace("/gsp", "/store", 1)
        headers = {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue)) for h in _headers(g, request)}
        headers["Authorization"] = f"Bearer {token}"
        body_node = g.value(request, HT.body)
        body = str(g.value(body_node, CNT.chars)).encode() if body_node is not None else None
        if location:
            path = path.replace("$LOCATION$", location)
            body = body.replace(b"$LOCATION$", location.encode()) if body else body
        response = session.request(method, base_url + path, data=body, headers=headers, allow_redirects=False)
        expect = g.value(request, HT.resp)
        where = f"request {index} ({method} {path[:60]})"
        problems += _check(g, expect, response, where)
        if g.value(expect, MF.expectedLocation) is not None:
            location = response.headers.get("Location")
            if not location:
                problems.append(f"{where}: no Location header")
    return problems


def _check(g: rdflib.Graph, expect, response: requests.Response, where: str) -> list[str]:
    problems = []
    allowed = set()
    for status in g.objects(expect, MF.expectedStatus):
        name = str(status).rpartition("#")[2]
        if name.startswith("StatusCode"):
            first = int(name[len("StatusCode")])
            allowed |= set(range(first * 100, first * 100 + 100))
        else:
            allowed |= STATUS[name]
    if allowed and response.status_code not in allowed:
        problems.append(f"{where}: status {response.status_code} not in {sorted(allowed)[:3]}...: "
                        f"{response.text[:200]}")
        return problems
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    expected_format = g.value(expect, MF.expectedFormat)
    boolean = g.value(expect, MF.expectedBoolean)
    if expected_format is not None:
        kind = str(expected_format)
        ok = {"tabular": media_type in RESULT_TYPES, "boolean": media_type in RESULT_TYPES,
              "RDF": media_type in RDF_TYPES}[kind]
        if not ok:
            problems.append(f"{where}: expected {kind} results, got Content-Type {media_type!r}")
    if boolean is not None and not problems:
        got = _boolean(response, media_type)
        if got != boolean.toPython():
            problems.append(f"{where}: expected boolean {boolean}, got {got}")
    for header in _headers(g, expect):
        name, value = str(g.value(header, HT.fieldName)), str(g.value(header, HT.fieldValue))
        if response.headers.get(name, "").split(";")[0].strip() != value.split(";")[0].strip():
            problems.append(f"{where}: header {name} is {response.headers.get(name)!r}, expected {value!r}")
    body = g.value(expect, HT.body)
    if body is not None and not problems:
        expected = rdflib.Graph().parse(data=str(g.value(body, CNT.chars)), format="turtle")
        got = rdflib.Graph().parse(data=response.text, format=RDF_TYPES.get(media_type, "turtle"))
        if not isomorphic(expected, got):
            problems.append(f"{where}: graph differs from the expected one:\n{response.text}")
    return problems


def _boolean(response: requests.Response, media_type: str) -> bool | None:
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML}.get(media_type)
    if fmt is None:
        return None
    return bool(ox.parse_query_results(response.content, fmt))


def _headers(g: rdflib.Graph, node) -> list:
    listed = g.value(node, HT.headers)
    return list(Collection(g, listed)) if listed is not None else []


def _put_graph(base_url: str, token: str, graph: str, path: Path) -> None:
    data = ox.serialize(ox.parse(path=str(path), base_iri=path.as_uri()), format=ox.RdfFormat.N_TRIPLES)
    response = requests.put(f"{base_url}/store", params={"graph": graph}, data=data,
                            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {token}"})
    response.raise_for_status()


def service_description_problems(base_url: str) -> dict[str, list[str]]:
    """The three service description tests (they have no requests in the manifest: checked here)."""
    endpoint = base_url + "/sparql"
    results: dict[str, list[str]] = {}
    response = requests.get(endpoint, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"})
    media_type = response.headers.get("Content-Type", "").split(";")[0]
    try:
        graph = rdflib.Graph().parse(data=response.text, format=RDF_TYPES[media_type], publicID=endpoint)
        results["returns-rdf"] = [] if response.ok else [f"status {response.status_code}"]
    except Exception as error:  # any parse failure fails the test
        return {"returns-rdf": [f"not RDF: {error}"], "has-endpoint-triple": ["no RDF"],
                "conforms-to-schema": ["no RDF"]}
    services = list(graph.subjects(SD.endpoint, rdflib.URIRef(endpoint)))
    results["has-endpoint-triple"] = [] if services else [f"no sd:endpoint <{endpoint}> triple"]
    problems = []
    for service in services:
        if (service, RDF.type, SD.Service) not in graph:
            problems.append("the endpoint's subject is not an sd:Service")
        languages = set(graph.objects(service, SD.supportedLanguage))
        if not languages or not languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}:
            problems.append(f"sd:supportedLanguage must be sd:SPARQL10Query/11Query/11Update, got {languages}")
    results["conforms-to-schema"] = problems
    return results
