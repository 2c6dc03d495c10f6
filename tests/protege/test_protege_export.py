"""`diplograph export --protege`: a store holding every sample article, ingested by the real
`diplograph ingest` and linked by `diplograph link`, exported as one OWL 2 DL document that the OWL
API accepts, HermiT finds consistent, and in which every individual is declared, typed and labelled."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import owlready2
import pyoxigraph as ox
import pytest

from diplograph.ontology.protege import OWL2_DATATYPES
from diplograph.store import Store

SAMPLES = Path(str(files("diplograph.ingest"))) / "samples"
DG = "https://w3id.org/diplograph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def diplograph(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"diplograph {' '.join(args)} failed:\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The samples ingested, linked and exported in all three syntaxes."""
    samples = sorted(SAMPLES.glob("*.json"))
    assert len(samples) >= 10, f"expected the sample articles in {SAMPLES}"
    folder = tmp_path_factory.mktemp("protege")
    store = folder / "store"
    diplograph("ingest", "--store", str(store), *map(str, samples))
    diplograph("link", "--store", str(store))
    paths = {"rdfxml": folder / "diplograph.owl", "owlxml": folder / "diplograph.owx",
             "turtle": folder / "diplograph.ttl"}
    for fmt, path in paths.items():
        diplograph("export", "--store", str(store), "--protege", str(path), "--protege-format", fmt)
    paths["store"] = store
    return paths


@pytest.fixture(scope="module")
def document(exported) -> ox.Store:
    """The exported Turtle, to inspect with SPARQL."""
    graph = ox.Store()
    graph.load(path=str(exported["turtle"]), format=ox.RdfFormat.TURTLE)
    return graph


def select(graph: ox.Store, query: str) -> list[dict[str, str]]:
    results = graph.query(PREFIXES + query)
    names = [v.value for v in results.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in results]


def test_owl_api_finds_no_owl2_dl_violation(owl_check, exported):
    result = owl_check(exported["rdfxml"], exported["owlxml"])

    assert result.returncode == 0, result.stdout + result.stderr
    reports = [line for line in result.stdout.splitlines() if line.startswith("OK ")]
    assert len(reports) == 2 and all("0 OWL 2 DL profile violations" in line for line in reports)
    # RDF/XML and the OWL API's own OWL/XML hold the same axioms.
    assert reports[0].split(": ", 1)[1] == reports[1].split(": ", 1)[1]


def test_hermit_finds_the_export_consistent(hermit, exported):
    # HermiT's object-property realisation throws ConcurrentModificationException on this data (a
    # HermiT defect, not an inconsistency), so properties are not realised; consistency is checked.
    world = hermit(exported["rdfxml"], infer_property_values=False)

    assert list(world.inconsistent_classes()) == []
    leader = world.search_one(iri=f"{DG}Leader")
    person = world.search_one(iri=f"{DG}Person")
    assert leader.instances() and set(leader.instances()) <= set(person.instances())


def test_hermit_would_report_an_inconsistent_export(hermit, exported, document, tmp_path):
    """The consistency check can fail: a span that is also a state contradicts the disjointness axioms."""
    span = select(document, "SELECT ?s WHERE { ?s a dg:TextSpan } LIMIT 1")[0]["s"]
    extra = f'<rdf:Description rdf:about="{span}"><rdf:type rdf:resource="{DG}State"/></rdf:Description>\n</rdf:RDF>'
    broken = tmp_path / "broken.owl"
    broken.write_text(exported["rdfxml"].read_text(encoding="utf-8").replace("</rdf:RDF>", extra), encoding="utf-8")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(broken, infer_property_values=False)


def test_every_individual_is_declared_typed_and_labelled(document):
    used = {row["x"] for row in select(document, """SELECT DISTINCT ?x WHERE {
        { ?x a ?c . ?c a owl:Class } UNION { ?x ?p ?y . ?p a owl:ObjectProperty }
        UNION { ?y ?p ?x . ?p a owl:ObjectProperty } UNION { ?x ?p ?v . ?p a owl:DatatypeProperty }
        FILTER(isIRI(?x)) }""")}
    declared = {row["x"] for row in select(document, "SELECT ?x WHERE { ?x a owl:NamedIndividual }")}
    unlabelled = select(document, "SELECT ?x WHERE { ?x a owl:NamedIndividual FILTER NOT EXISTS { ?x rdfs:label ?l } }")
    untyped = select(document, """SELECT ?x WHERE { ?x a owl:NamedIndividual
        FILTER NOT EXISTS { ?x a ?c FILTER(?c != owl:NamedIndividual) }
        FILTER(!STRSTARTS(STR(?x), "http://www.wikidata.org/entity/")) }""")

    assert used and used <= declared
    assert unlabelled == []
    assert untyped == []


def test_every_kind_of_individual_is_exported(document, exported):
    with Store(exported["store"], read_only=True) as store:
        in_store = {row["c"].value: int(row["n"].value) for row in store.query(
            "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c")}
    in_document = {row["c"]: int(row["n"]) for row in select(
        document, "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c")}
    for kind in ("Leader", "State", "Summit", "Sanction", "Claim", "Article", "TextSpan", "Tenure"):
        assert in_store.get(DG + kind), f"the samples produced no {kind}"
        assert in_document.get(DG + kind) == in_store[DG + kind], kind


def test_one_header_no_imports_and_only_owl2_datatypes(document, exported):
    assert len(select(document, "SELECT ?o WHERE { ?o a owl:Ontology }")) == 1
    assert select(document, "SELECT ?o WHERE { ?o owl:imports ?i }") == []
    # Read the file itself: a store would normalise datatypes (nonNegativeInteger to integer).
    literals = [t for t in ox.parse(path=str(exported["turtle"]), format=ox.RdfFormat.TURTLE)
                if isinstance(t.object, ox.Literal)]
    datatypes = {t.object.datatype.value for t in literals}
    assert datatypes <= OWL2_DATATYPES, datatypes - OWL2_DATATYPES
    offsets = {t.object.datatype.value for t in literals if t.predicate.value in (DG + "beginIndex", DG + "endIndex")}
    confidences = {t.object.datatype.value for t in literals if t.predicate.value == DG + "confidence"}
    assert offsets == {XSD + "nonNegativeInteger"}, "values must carry their property's range datatype"
    assert confidences == {XSD + "decimal"}


def test_generated_labels_are_readable_and_provenance_is_kept(document):
    claims = select(document, """SELECT ?label (GROUP_CONCAT(?name; separator="|") AS ?claimant) ?cue ?comment ?sentence
        WHERE { ?claim a dg:Claim ; rdfs:label ?label ; dg:cue ?cue ; rdfs:comment ?comment ;
                       dg:claimant/rdfs:label ?name ; dg:evidence/dg:anchorText ?sentence }
        GROUP BY ?claim ?label ?cue ?comment ?sentence""")
    spans = select(document, """SELECT ?label ?anchor WHERE {
        ?span a dg:TextSpan ; rdfs:label ?label ; dg:anchorText ?anchor }""")

    assert claims and spans
    for claim in claims:
        assert claim["label"].startswith(tuple(claim["claimant"].split("|"))) and claim["cue"] in claim["label"]
        assert claim["sentence"] in claim["comment"]
    for span in spans:
        assert span["label"].startswith("“" + " ".join(span["anchor"].split())[:20])


def test_a_leaders_claims_can_be_found_as_in_the_dl_query_tab(document):
    """What `Claim and claimant value <leader>` answers in Protégé, checked on the document's triples."""
    rows = select(document, """SELECT ?leader (COUNT(?claim) AS ?n) WHERE {
        ?claim a dg:Claim ; dg:claimant ?leader . ?leader a dg:Leader } GROUP BY ?leader ORDER BY DESC(?n)""")
    assert rows and int(rows[0]["n"]) >= 1
