"""``diplograph reason``: OWL 2 RL materialisation, so SPARQL without a reasoner sees what OWL implies.

A query for ``?x a dg:Person`` should find leaders (Leader ⊑ Person ⊑ Agent), and ``?leader
dg:tenure ?t`` should find the tenures whose ``dg:holder`` is that leader (``owl:inverseOf``). The
``reasonable`` engine (OWL 2 RL in Rust) computes the closure of the ontology and the store's data;
only the NEW facts about individuals go to the ``inferred`` graph (Settings().graph("inferred")),
replaced as a whole in one transaction: no axiom noise (``owl:Thing`` types, reflexive ``owl:sameAs``,
facts about classes and properties), no copies of a linked entity's facts onto its Wikidata item.

What is fed to the engine is only what can lead to such facts: the ontology, and the data triples
whose object is an IRI (types and object properties), without the ``owl:sameAs`` links to Wikidata.
Literal values only matter to OWL 2 RL through data-property domains, and every node ingest writes
is typed already. The inferred graph reflects the store when it was computed: run ``reason`` again
after ingesting.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click
import pyoxigraph as ox

from diplograph.cli import open_store, store_option
from diplograph.config import Settings
from diplograph.ontology import DG, ONTOLOGY_TTL
from diplograph.store import Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL = "http://www.w3.org/2002/07/owl#"
WIKIDATA = "http://www.wikidata.org/entity/"

# The data the engine needs: every IRI-valued triple outside the ontology and inferred graphs,
# except owl:sameAs to Wikidata items (it would only copy each linked entity's facts onto its item).
ABOX = f"""
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(isIRI(?s) && isIRI(?o) && ?g NOT IN (?ontologyGraph, ?inferredGraph))
  FILTER(!(?p = <{OWL}sameAs> && STRSTARTS(STR(?o), "{WIKIDATA}")))
}}"""


@dataclass
class Materialised:
    triples: list[ox.Triple]
    input_triples: int
    seconds: float
    by_kind: Counter = field(default_factory=Counter)


def materialise(store: Store, settings: Settings | None = None) -> Materialised:
    """The OWL 2 RL consequences about individuals that the store does not state yet."""
    import reasonable

    settings = settings or Settings()
    started = time.perf_counter()
    query = ABOX.replace("?ontologyGraph", str(ox.NamedNode(settings.graph("ontology")))) \
                .replace("?inferredGraph", str(ox.NamedNode(settings.graph("inferred"))))
    data = list(store.query(query))
    reasoner = reasonable.PyReasoner()
    reasoner.load_file(str(ONTOLOGY_TTL))
    with tempfile.TemporaryDirectory() as tmp:
        # The engine reads Turtle files natively, far faster than converting terms one by one.
        path = Path(tmp) / "data.ttl"
        path.write_bytes(ox.serialize(data, format=ox.RdfFormat.TURTLE))
        reasoner.load_file(str(path))
    closure = reasoner.reason()
    known = {(t.subject.value, t.predicate.value, t.object.value) for t in data}
    terms = _terms_of_the_ontology()
    new = {_triple(s, p, o) for s, p, o in closure
           if (str(s), str(p), str(o)) not in known and _about_individuals(str(s), str(p), str(o), terms)}
    result = Materialised(sorted(new, key=str), len(data), time.perf_counter() - started)
    for triple in result.triples:
        result.by_kind[_kind(triple)] += 1
    return result


def _terms_of_the_ontology() -> set[str]:
    """Every IRI the ontology describes (classes, properties, its own individuals)."""
    return {q.subject.value for q in ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)
            if isinstance(q.subject, ox.NamedNode)}


def _about_individuals(s: str, p: str, o: str, ontology_terms: set[str]) -> bool:
    """Keep inferred types (ontology classes), object property values and owl:sameAs between local
    individuals; drop everything about the ontology's own terms, Wikidata items and blank nodes."""
    if s in ontology_terms or s.startswith(WIKIDATA) or o.startswith(WIKIDATA) or s.startswith("_:"):
        return False
    if p == RDF_TYPE:
        return o.startswith(str(DG))
    if p == OWL + "sameAs":
        return s != o
    return p.startswith(str(DG)) and ":" in o and not o.startswith("_:")


def _triple(s: object, p: object, o: object) -> ox.Triple:
    return ox.Triple(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o)))


def _kind(triple: ox.Triple) -> str:
    """How a triple is shown in the summary: ``a dg:Person`` or ``dg:tenure``."""
    local = str(DG)
    if triple.predicate.value == RDF_TYPE:
        return "a dg:" + triple.object.value.removeprefix(local)
    return triple.predicate.value.replace(local, "dg:").replace(OWL, "owl:")


@click.command()
@store_option
@click.option("--dry-run", is_flag=True, help="Compute and report, but leave the inferred graph as it is.")
def reason(store_path: str, dry_run: bool) -> None:
    """Materialise OWL 2 RL inferences (types, inverse properties...) into the inferred graph."""
    settings = Settings(store=store_path)
    with open_store(store_path) as store:
        result = materialise(store, settings)
        if not dry_run:
            graph = settings.graph("inferred")
            store.replace_graph(graph, (ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                                        for t in result.triples))
    for kind, count in sorted(result.by_kind.items()):
        click.echo(f"  {kind}: {count}", err=True)
    target = "not written (dry run)" if dry_run else f"written to {settings.graph('inferred')}"
    click.echo(f"{len(result.triples)} inferred triples from {result.input_triples} data triples "
               f"in {result.seconds:.2f} s, {target}", err=True)
