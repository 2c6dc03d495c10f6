"""The ontology declares the agreed vocabulary, each term once, documented, and stays OWL 2 DL by
construction: alignments are annotations, no imports, no xsd:date."""

from __future__ import annotations

from collections import defaultdict

import rdflib
from rdflib import OWL, RDF, RDFS, XSD

from diplograph.ontology import DG, ONTOLOGY_IRI

# The contract other engineers code against (names must not change).
CLASSES = [
    "Agent", "Person", "Leader", "State", "Organization", "Government", "Group", "Place", "Event", "Meeting",
    "Summit", "Sanction", "LegalInstrument", "Claim", "Article", "TextSpan", "Tenure", "Role", "Modality",
    "SanctionStatus", "EventStatus", "DatePrecision",
]
INDIVIDUALS = {
    "Modality": "Asserted Hedged Denied",
    "SanctionStatus": "Proposed Threatened Imposed Tightened Eased Lifted LiftingDemanded",
    "EventStatus": "Held Planned Cancelled CutShort",
    "DatePrecision": "DayPrecision MonthPrecision YearPrecision",
    "Role": "HeadOfState HeadOfGovernment",
}
OBJECT_PROPERTIES = [
    "participant", "location", "host", "eventStatus", "imposedBy", "targets", "legalBasis", "sanctionStatus",
    "claimant", "about", "modality", "evidence", "sourceArticle", "mentions", "denotes", "datePrecision", "holder",
    "tenure", "jurisdiction", "role", "leaderOf", "governmentOf", "ledBy", "capital", "locatedIn",
]
DATA_PROPERTIES = {
    "startDate": XSD.dateTime, "endDate": XSD.dateTime, "published": XSD.dateTime, "ordinal": XSD.integer,
    "claimText": XSD.string, "cue": XSD.string, "anchorText": XSD.string, "beginIndex": XSD.nonNegativeInteger,
    "endIndex": XSD.nonNegativeInteger, "title": XSD.string, "sourceLocation": XSD.string, "url": XSD.anyURI,
    "author": XSD.string, "publisher": XSD.string, "text": XSD.string, "extractorVersion": XSD.string,
    "matchedAlias": XSD.string, "demonym": XSD.string, "confidence": None,  # a restricted xsd:decimal
}
ENTITY_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
                RDFS.Datatype}
BUILT_IN = {str(RDF), str(RDFS), str(OWL), str(XSD)}


def kinds(graph: rdflib.Graph, term: rdflib.URIRef) -> set[rdflib.URIRef]:
    return {k for k in graph.objects(term, RDF.type) if k in ENTITY_KINDS}


def test_agreed_vocabulary_is_declared(ontology: rdflib.Graph) -> None:
    for name in CLASSES:
        assert kinds(ontology, DG[name]) == {OWL.Class}, name
    for cls, names in INDIVIDUALS.items():
        for name in names.split():
            assert kinds(ontology, DG[name]) == {OWL.NamedIndividual}, name
            assert (DG[name], RDF.type, DG[cls]) in ontology, name
    for name in OBJECT_PROPERTIES:
        assert kinds(ontology, DG[name]) == {OWL.ObjectProperty}, name
    for name, datatype in DATA_PROPERTIES.items():
        assert kinds(ontology, DG[name]) == {OWL.DatatypeProperty}, name
        if datatype is not None:
            assert ontology.value(DG[name], RDFS.range) == datatype, name
    assert (DG.tenure, OWL.inverseOf, DG.holder) in ontology


def test_every_term_has_one_kind_one_label_one_comment(ontology: rdflib.Graph) -> None:
    declared = {s for s, _, k in ontology.triples((None, RDF.type, None))
                if k in ENTITY_KINDS and isinstance(s, rdflib.URIRef)}
    used = {t for triple in ontology for t in triple
            if isinstance(t, rdflib.URIRef) and t.startswith(str(DG))}
    assert used <= declared, f"dg: terms used but not declared: {sorted(used - declared)}"
    for term in declared:
        assert len(kinds(ontology, term)) == 1, f"{term}: {kinds(ontology, term)}"
        assert len(list(ontology.objects(term, RDFS.label))) == 1, f"{term} needs exactly one rdfs:label"
        assert len(list(ontology.objects(term, RDFS.comment))) == 1, f"{term} needs exactly one rdfs:comment"


def test_every_predicate_is_built_in_or_declared(ontology: rdflib.Graph) -> None:
    """Borrowed properties (SKOS mappings, Dublin Core, VANN) must be declared annotation properties."""
    annotation_properties = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    for predicate in set(ontology.predicates()):
        if not any(predicate.startswith(ns) for ns in BUILT_IN):
            assert predicate in annotation_properties, f"{predicate} is used but not declared"


def test_header(ontology: rdflib.Graph) -> None:
    header = rdflib.URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionIRI) == rdflib.URIRef(ONTOLOGY_IRI + "/0.1.0")
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    assert ontology.value(header, dcterms.license) is not None
    assert ontology.value(header, dcterms.creator) is not None


def test_stays_in_owl2_dl_by_construction(ontology: rdflib.Graph) -> None:
    assert not list(ontology.triples((None, OWL.imports, None))), "no owl:imports: the ontology loads offline"
    assert XSD.date not in {t for triple in ontology for t in triple}, "xsd:date is outside OWL 2"
    wikidata = "http://www.wikidata.org/"
    for predicate in (OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf, OWL.sameAs):
        for _, target in ontology.subject_objects(predicate):
            assert not str(target).startswith(wikidata), f"{predicate} to Wikidata: use a SKOS annotation"


def test_disjointness_where_it_holds(ontology: rdflib.Graph) -> None:
    groups = [set(rdflib.collection.Collection(ontology, members))
              for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
              for members in ontology.objects(node, OWL.members)]
    disjoint = defaultdict(set)
    for group in groups:
        for cls in group:
            disjoint[cls] |= group - {cls}
    assert DG.State in disjoint[DG.Person]  # so no Leader is a State
    assert DG.Event in disjoint[DG.Claim] and DG.Event in disjoint[DG.Sanction]
    assert DG.Place not in disjoint[DG.State] and DG.State not in disjoint[DG.Place], "Singapore is both"
    assert DG.Organization in disjoint[DG.Group]


def test_example_uses_every_class(ontology: rdflib.Graph, example: rdflib.Graph) -> None:
    """Every class has a member among the example's nodes (typed in the example or, for controlled
    values such as dg:HeadOfState, in the ontology), directly or through a subclass."""
    both = ontology + example
    nodes = {t for triple in example for t in triple if isinstance(t, rdflib.URIRef)}
    types = {cls for node in nodes for cls in both.objects(node, RDF.type)}
    for name in CLASSES:
        members = set(ontology.transitive_subjects(RDFS.subClassOf, DG[name]))
        assert members & types, f"the example has no member of dg:{name}"
    for modality in ("Asserted", "Hedged", "Denied"):
        assert (None, DG.modality, DG[modality]) in example, modality
