"""The diplograph vocabulary: namespaces, graph names and the files that define them.

The ontology itself lives in ``diplograph.ttl`` (the source) and ``diplograph.owl`` (an RDF/XML copy
for Protégé and owlready2); this module only names things so code never spells an IRI by hand.
"""

from importlib.resources import files
from pathlib import Path

from rdflib import Namespace

ONTOLOGY_IRI = "https://w3id.org/diplograph/ontology"
DG = Namespace(ONTOLOGY_IRI + "#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

HERE = Path(str(files(__name__)))
ONTOLOGY_TTL = HERE / "diplograph.ttl"
ONTOLOGY_OWL = HERE / "diplograph.owl"
SHAPES_TTL = HERE / "shapes.ttl"
EXAMPLE_TTL = HERE / "examples" / "example.ttl"
DOC_HTML = HERE / "doc" / "index.html"

PREFIXES = {
    "dg": str(DG),
    "wd": str(WD),
    "wdt": str(WDT),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
}
