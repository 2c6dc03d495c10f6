"""The OWL API (the library Protégé is built on) finds no OWL 2 DL profile violation in the ontology,
its RDF/XML copy, or the ontology together with the example data."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from diplograph.ontology import ONTOLOGY_OWL, ONTOLOGY_TTL
from diplograph.ontology.protege import owlapi_classpath

CHECKER = Path(__file__).with_name("OwlCheck.java")


def run_owl_check(*files: Path) -> subprocess.CompletedProcess[str]:
    """Run OwlCheck.java on ``files``; fail the test, saying what to install, if Java or the jars are absent."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: install a JDK (Debian: apt-get install default-jdk-headless), "
                    "see tests/install.sh")
    classpath = owlapi_classpath()
    if not any(glob.glob(os.path.join(os.path.dirname(entry) or ".", "owlapi-*.jar"))
               for entry in classpath.split(os.pathsep)):
        pytest.fail(f"no OWL API jars on {classpath!r}: apt-get install libowlapi-java "
                    f"(or set DIPLOGRAPH_OWLAPI_CLASSPATH), see tests/install.sh")
    result = subprocess.run([java, "-cp", classpath, str(CHECKER), *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    if "error: compilation failed" in result.stderr or "ClassNotFoundException" in result.stderr:
        pytest.fail(f"OwlCheck.java could not run (a JDK is needed for single-file source launch):\n{result.stderr}")
    return result


def test_ontology_and_example_are_owl2_dl(ontology_with_example: Path) -> None:
    result = run_owl_check(ONTOLOGY_TTL, ONTOLOGY_OWL, ontology_with_example)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("0 OWL 2 DL profile violations") == 3, result.stdout


def test_checker_reports_violations(tmp_path: Path) -> None:
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
    result = run_owl_check(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OWL 2 DL violation" in result.stdout and "date" in result.stdout, result.stdout
    assert "http://example.org/undeclared" in result.stdout, result.stdout
