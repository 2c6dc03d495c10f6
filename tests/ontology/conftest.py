"""Shared fixtures for the ontology tests: the ontology and example as graphs and files, and the two
real OWL tools, the OWL API profile checker and HermiT, as callables."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import owlready2
import pytest
import rdflib

from diplograph.ontology import EXAMPLE_TTL, ONTOLOGY_TTL
from diplograph.ontology.protege import owlapi_classpath

CHECKER = Path(__file__).with_name("OwlCheck.java")


@pytest.fixture(scope="session")
def owl_check() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs OwlCheck.java on files; fails the test, saying what to install, if Java or the jars are absent."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: install a JDK (Debian: apt-get install default-jdk-headless), "
                    "see tests/install.sh")
    classpath = owlapi_classpath()
    if not any(glob.glob(os.path.join(os.path.dirname(entry) or ".", "owlapi-*.jar"))
               for entry in classpath.split(os.pathsep)):
        pytest.fail(f"no OWL API jars on {classpath!r}: apt-get install libowlapi-java "
                    f"(or set DIPLOGRAPH_OWLAPI_CLASSPATH), see tests/install.sh")

    def run(*files: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([java, "-cp", classpath, str(CHECKER), *map(str, files)],
                                capture_output=True, text=True, timeout=300)
        if "error: compilation failed" in result.stderr or "ClassNotFoundException" in result.stderr:
            pytest.fail(f"OwlCheck.java could not run (single-file source launch needs a JDK):\n{result.stderr}")
        return result

    return run


@pytest.fixture(scope="session")
def hermit() -> Callable[..., owlready2.World]:
    """Loads RDF/XML or N-Triples files into a fresh owlready2 world and runs HermiT on it."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        pytest.fail(f"{owlready2.JAVA_EXE!r} not found: HermiT needs Java (Debian: apt-get install "
                    f"default-jdk-headless), see tests/install.sh")

    def reason(*files: Path, infer_property_values: bool = True) -> owlready2.World:
        world = owlready2.World()
        for path in files:
            world.get_ontology(path.resolve().as_uri()).load()
        owlready2.sync_reasoner_hermit(world, infer_property_values=infer_property_values, debug=0)
        return world

    return reason


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
