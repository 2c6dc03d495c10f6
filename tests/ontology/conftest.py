"""Shared fixtures for the ontology tests: the ontology and example as graphs and merged files."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from diplograph.ontology import EXAMPLE_TTL, ONTOLOGY_TTL

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_TTL)


@pytest.fixture(scope="session")
def example() -> rdflib.Graph:
    return rdflib.Graph().parse(EXAMPLE_TTL)


@pytest.fixture(scope="session")
def example_ntriples(tmp_path_factory: pytest.TempPathFactory, example: rdflib.Graph) -> Path:
    """The example as N-Triples: owlready2 reads RDF/XML and N-Triples, not Turtle."""
    path = tmp_path_factory.mktemp("example") / "example.nt"
    example.serialize(path, format="nt", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def ontology_with_example(tmp_path_factory: pytest.TempPathFactory, ontology: rdflib.Graph,
                          example: rdflib.Graph) -> Path:
    """Ontology and example in one Turtle document, so the OWL API sees declarations and data together."""
    path = tmp_path_factory.mktemp("merged") / "ontology-with-example.ttl"
    (ontology + example).serialize(path, format="turtle")
    return path
