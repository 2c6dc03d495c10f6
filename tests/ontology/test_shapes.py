"""The SHACL shapes accept the example data and reject each mistake in the broken variant with a
report that names the node and the property at fault."""

from __future__ import annotations

from pathlib import Path

import rdflib

from diplograph.ontology.validate import validate

ID = "https://w3id.org/diplograph/id/"
BROKEN = Path(__file__).with_name("broken.ttl")


def test_example_conforms_without_warnings(example: rdflib.Graph) -> None:
    report = validate(example)
    assert report.conforms, str(report)
    assert report.problems == [], str(report)


def test_broken_variant_is_rejected_with_readable_report() -> None:
    report = validate(rdflib.Graph().parse(BROKEN))
    assert not report.conforms
    found = {(p.severity, p.focus.removeprefix(ID), p.path) for p in report.problems}
    expected = {
        ("Violation", "leader/kim-jong-un", "owl:sameAs"),
        ("Violation", "article/broken#char=12,3", "dg:beginIndex"),
        ("Violation", "article/broken#char=0,11", None),  # anchor text is not the text at 0..11
        ("Violation", "article/broken#char=4,8", None),  # IRI does not match the offsets
        ("Violation", "claim/broken-1", "dg:claimant"),
        ("Violation", "claim/broken-1", "dg:claimText"),
        ("Violation", "claim/broken-1", "dg:modality"),
        ("Violation", "claim/broken-1", "dg:confidence"),
        ("Violation", "summit/no-participant", "dg:participant"),
        ("Warning", "summit/no-participant", "dg:participant"),
        ("Violation", "summit/no-participant", "dg:startDate"),
        ("Violation", "summit/no-participant", "dg:datePrecision"),
        ("Violation", "sanction/nobody", None),
    }
    assert found == expected, str(report)
    text = str(report)
    assert f"Violation: <{ID}claim/broken-1> dg:claimant: A claim has exactly one claimant" in text
    assert "(value: https://www.wikidata.org/wiki/Q56226)" in text


def test_each_fix_is_needed(example: rdflib.Graph) -> None:
    """Removing a required fact from the valid example makes it fail on that node."""
    claim = rdflib.URIRef(ID + "claim/example-hanoi-2019-294-361")
    broken = rdflib.Graph()
    for triple in example:
        broken.add(triple)
    broken.remove((claim, rdflib.URIRef("https://w3id.org/diplograph/ontology#sourceArticle"), None))
    report = validate(broken)
    assert not report.conforms
    assert [(p.focus, p.path) for p in report.problems] == [(str(claim), "dg:sourceArticle")], str(report)


def test_reference_data_need_not_cite_article_text(example: rdflib.Graph) -> None:
    """An event without evidence fails as article data, passes as reference (gazetteer) data."""
    test = rdflib.URIRef(ID + "event/2017-11-north-korea-hwasong-15-test")
    dg = rdflib.Namespace("https://w3id.org/diplograph/ontology#")
    reference = rdflib.Graph()
    for triple in example.triples((test, None, None)):
        reference.add(triple)
    reference.remove((test, dg.evidence, None))
    reference.add((rdflib.URIRef(ID + "state/north-korea"), rdflib.RDF.type, dg.State))
    reference.add((rdflib.URIRef(ID + "state/north-korea"), rdflib.RDFS.label, rdflib.Literal("North Korea")))
    assert validate(reference, traceable=False).conforms, str(validate(reference, traceable=False))
    report = validate(reference)
    assert {(p.focus, p.path) for p in report.problems} == {(str(test), "dg:evidence"), (str(test), "^dg:mentions")}


def test_example_conforms_after_a_store_round_trip(example: rdflib.Graph, tmp_path: Path) -> None:
    """What the store gives back (Oxigraph canonicalises literals) still conforms."""
    from diplograph.ontology import EXAMPLE_TTL
    from diplograph.store import Store

    with Store(tmp_path / "store") as store:
        store.load(EXAMPLE_TTL, graph="urn:example")
        data = store.dump("ntriples", graph="urn:example").decode()
    stored = rdflib.Graph().parse(data=data, format="nt")
    assert len(stored) == len(example)
    report = validate(stored)
    assert report.conforms and not report.problems, str(report)


def test_an_ingested_article_read_back_from_the_store_conforms(tmp_path: Path) -> None:
    """An article through the real pipeline (spaCy, extraction, validation) into a real store, then
    CONSTRUCTed back: what Oxigraph gives back (offsets as xsd:integer) still conforms."""
    import io

    from diplograph.config import Settings
    from diplograph.ingest.pipeline import run
    from diplograph.ingest.progress import LogReporter
    from diplograph.store import Store

    sample = Path(__file__).parents[2] / "ingest" / "samples" / "012_hanoi_cut_short.json"
    settings = Settings(store=str(tmp_path / "store"))
    with Store(settings.store) as store:
        summary = run([str(sample)], store, settings, LogReporter(io.StringIO()))
        assert summary.articles == 1 and not summary.failures, summary.failures
        (article,) = [row["a"].value for row in store.query(
            "SELECT ?a WHERE { GRAPH ?a { ?a a <https://w3id.org/diplograph/ontology#Article> } }")]
        triples = list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"))
    stored = rdflib.Graph().parse(data="".join(f"{t} .\n" for t in triples), format="nt")
    offsets = set(stored.objects(None, rdflib.URIRef("https://w3id.org/diplograph/ontology#beginIndex")))
    assert offsets and {o.datatype for o in offsets} == {rdflib.XSD.integer}  # what the shapes must accept
    report = validate(stored)
    assert report.conforms, str(report)
    assert not report.violations, str(report)
