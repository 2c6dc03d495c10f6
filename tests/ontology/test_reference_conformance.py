"""The reference graph the gazetteer produces (ingest/reference.py) conforms to the ontology: OWL 2 DL
in the OWL API, consistent for HermiT, and valid under the SHACL shapes as reference data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib

from diplograph.config import Settings
from diplograph.ontology import ONTOLOGY_OWL
from diplograph.ontology.validate import validate
from diplograph.store import Store


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    from diplograph.ingest import reference

    folder = tmp_path_factory.mktemp("reference")
    settings = Settings(store=str(folder / "store"))
    with Store(settings.store) as store:
        reference.install(store, settings)
        data = store.dump("ntriples", graph=settings.graph("reference"))
    return rdflib.Graph().parse(data=data.decode(), format="nt")


def test_reference_graph_is_valid_reference_data(reference: rdflib.Graph) -> None:
    assert len(reference) > 0
    report = validate(reference, traceable=False)
    assert report.conforms, str(report)


def test_reference_graph_is_owl2_dl_and_consistent(reference: rdflib.Graph, ontology: rdflib.Graph,
                                                   owl_check: Callable, hermit: Callable, tmp_path: Path) -> None:
    merged = tmp_path / "ontology-with-reference.ttl"
    (ontology + reference).serialize(merged, format="turtle")
    result = owl_check(merged)
    assert result.returncode == 0, result.stdout + result.stderr
    triples = tmp_path / "reference.nt"
    reference.serialize(triples, format="nt", encoding="utf-8")
    # Classification only: HermiT 1.4's property realisation (-Y) hits a ConcurrentModificationException
    # on this graph. An inconsistent graph raises OwlReadyInconsistentOntologyError either way.
    world = hermit(ONTOLOGY_OWL, triples, infer_property_values=False)
    assert list(world.inconsistent_classes()) == []
