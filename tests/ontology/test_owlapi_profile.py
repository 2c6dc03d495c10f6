"""The OWL API (the library Protégé is built on) finds no OWL 2 DL profile violation in the ontology,
its RDF/XML copy, or the ontology together with the example data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from diplograph.ontology import ONTOLOGY_OWL, ONTOLOGY_TTL

OwlCheck = Callable[..., CompletedProcess[str]]

def test_ontology_and_example_are_owl2_dl(owl_check: OwlCheck, ontology_with_example: Path) -> None:
    result = owl_check(ONTOLOGY_TTL, ONTOLOGY_OWL, ontology_with_example)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("0 OWL 2 DL profile violations") == 3, result.stdout


def test_checker_reports_violations(owl_check: OwlCheck, tmp_path: Path) -> None:
    """The check can fail: xsd:date (outside the OWL 2 datatype map) and an undeclared property."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <http://example.org/o> a owl:Ontology .
        <http://example.org/when> a owl:DatatypeProperty ; rdfs:range xsd:date .
        <http://example.org/a> <http://example.org/undeclared> <http://example.org/b> .
    """)
    result = owl_check(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OWL 2 DL violation" in result.stdout and "date" in result.stdout, result.stdout
    assert "http://example.org/undeclared" in result.stdout, result.stdout
