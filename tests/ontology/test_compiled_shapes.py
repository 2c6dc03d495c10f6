"""The compiled SHACL check (ingest's fast path) reports exactly what pyshacl reports.

Compared as sets of (severity, focus node, path, message, value): on the example data, the broken
variant, every sample article's mapped graph, and generated mutations of them (a triple dropped, a
literal retyped, out-of-range confidence and offsets, bad Wikidata IRIs, a node retyped, a second
value added).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.pipeline import Processor
from diplograph.ingest.readers import read
from diplograph.ingest.triples import map_article
from diplograph.ontology import DG, EXAMPLE_TTL
from diplograph.ontology.compiled import CompiledShapes, UnsupportedShape, compiled
from diplograph.ontology.validate import validate

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).with_name("broken.ttl")
XSD = "http://www.w3.org/2001/XMLSchema#"
Triples = list[ox.Triple]


class Samples(list):
    """The sample graphs, named briefly when Hypothesis prints a failing example."""

    def __repr__(self) -> str:
        return f"<{len(self)} sample article graphs>"


def results(problems: list, iris: set[str]) -> set[tuple[str, str, str | None, str, str | None]]:
    """The problems as comparable tuples. A value that is no IRI of the data is a blank node (labels
    differ per parse) or a literal (Oxigraph writes it in canonical form, "0.5" for "0.50")."""
    return {(p.severity, p.focus, p.path, p.message,
             p.value if p.value is None or p.value in iris else "(blank node or literal)") for p in problems}


def assert_same(triples: Triples, *, traceable: bool = True) -> set:
    graph = rdflib.Graph().parse(data="\n".join(f"{t} ." for t in triples), format="nt")
    iris = {term.value for t in triples for term in t if isinstance(term, ox.NamedNode)}
    expected = results(validate(graph, traceable=traceable).problems, iris)
    found = results(compiled(traceable).problems(triples), iris)
    assert found == expected, f"compiled only: {found - expected}\npyshacl only: {expected - found}"
    return found


def triples_of(path: Path) -> Triples:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return [quad.triple for quad in store]


@pytest.fixture(scope="module")
def samples() -> Samples:
    """Every sample article as ingest maps it (real spaCy model and extractor)."""
    processor = Processor(Settings(), None)
    graphs = Samples()
    for article in read([str(ROOT / "ingest" / "samples")]):
        assert isinstance(article, Article), article
        facts = processor.extract(article, processor.nlp(article.text))
        mapped = map_article(article, facts, processor.settings, extractor=processor.version)
        graphs.append([quad.triple for quad in mapped.quads()])
    assert len(graphs) >= 20
    return graphs


def test_example_as_article_and_reference_data() -> None:
    assert assert_same(triples_of(EXAMPLE_TTL)) == set()
    assert_same(triples_of(EXAMPLE_TTL), traceable=False)


def test_broken_variant() -> None:
    found = assert_same(triples_of(BROKEN))
    assert len({p for p in found if p[0] == "Violation"}) == 12


def test_every_sample_article(samples: list[Triples]) -> None:
    for triples in samples:
        assert_same(triples)


def test_a_feature_outside_the_supported_set_is_refused(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:closed true .\n")
    with pytest.raises(UnsupportedShape, match="closed"):
        CompiledShapes(shapes, ROOT / "ontology" / "diplograph.ttl")


# Mutations: each takes the triples and a Hypothesis draw, returns the mutated triples.
DATATYPES = ["string", "integer", "decimal", "double", "date", "dateTime", "nonNegativeInteger", "anyURI"]
CLASSES = ["Leader", "State", "Place", "Summit", "Sanction", "Claim", "Article", "TextSpan", "Tenure", "Role"]


def drop(triples: Triples, draw) -> Triples:
    index = draw(st.integers(0, len(triples) - 1))
    return triples[:index] + triples[index + 1:]


def retype(triples: Triples, draw) -> Triples:
    literals = [t for t in triples if isinstance(t.object, ox.Literal)]
    target = draw(st.sampled_from(literals))
    datatype = draw(st.sampled_from(DATATYPES))
    changed = ox.Literal(target.object.value, datatype=ox.NamedNode(XSD + datatype))
    return [ox.Triple(t.subject, t.predicate, changed) if t == target else t for t in triples]


def set_number(triples: Triples, draw) -> Triples:
    predicate = draw(st.sampled_from(["confidence", "beginIndex", "endIndex", "ordinal"]))
    chosen = [t for t in triples if t.predicate == ox.NamedNode(DG + predicate)]
    if not chosen:
        return triples
    target = draw(st.sampled_from(chosen))
    if predicate == "confidence":
        number = draw(st.decimals(Decimal("-1"), Decimal("2"), places=2))
        value = ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
    else:
        value = ox.Literal(str(draw(st.integers(-3, 5000))), datatype=ox.NamedNode(XSD + "integer"))
    return [ox.Triple(t.subject, t.predicate, value) if t == target else t for t in triples]


def bad_wikidata(triples: Triples, draw) -> Triples:
    same_as = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
    chosen = [t for t in triples if t.predicate == same_as]
    if not chosen:
        return triples
    target = draw(st.sampled_from(chosen))
    qid = target.object.value.rsplit("/", 1)[-1]
    wrong = draw(st.sampled_from([ox.NamedNode(f"https://www.wikidata.org/wiki/{qid}"),
                                  ox.NamedNode(f"https://www.wikidata.org/entity/{qid}"),
                                  ox.Literal(target.object.value), ox.BlankNode()]))
    return [ox.Triple(t.subject, t.predicate, wrong) if t == target else t for t in triples]


def retype_node(triples: Triples, draw) -> Triples:
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    target = draw(st.sampled_from([t for t in triples if t.predicate == rdf_type]))
    cls = ox.NamedNode(DG + draw(st.sampled_from(CLASSES)))
    return [ox.Triple(t.subject, t.predicate, cls) if t == target else t for t in triples]


def second_value(triples: Triples, draw) -> Triples:
    target = draw(st.sampled_from(triples))
    other = draw(st.sampled_from(triples)).object
    return [*triples, ox.Triple(target.subject, target.predicate, other)]


MUTATIONS = [drop, retype, set_number, bad_wikidata, retype_node, second_value]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutations(samples: list[Triples], data: st.DataObject) -> None:
    base = data.draw(st.sampled_from([triples_of(EXAMPLE_TTL), *samples]))
    for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        base = mutation(base, data.draw)
    assert_same(base)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_graphs_checked_together_as_if_alone(samples: list[Triples], data: st.DataObject) -> None:
    """Ingest checks a batch of articles in one run of the queries: sample graphs share entity nodes
    (a second label on one leader in one graph must not show in another), so nothing may leak across."""
    graphs = []
    for base in data.draw(st.lists(st.sampled_from([triples_of(EXAMPLE_TTL), *samples]), min_size=2, max_size=5)):
        for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), max_size=2)):
            base = mutation(base, data.draw)
        graphs.append(base)
    shapes = compiled(True)
    together = shapes.problems_of_each(graphs)
    assert [sorted(map(str, found)) for found in together] == \
        [sorted(map(str, shapes.problems(triples))) for triples in graphs]
