"""The ontology plus the reference graph is OWL 2 DL for the OWL API (what Protégé runs on)."""

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplograph.config import Settings
from diplograph.ingest.gazetteer import Gazetteer
from diplograph.ingest.reference import reference_quads
from diplograph.ontology import ONTOLOGY_TTL
from diplograph.ontology.protege import owlapi_classpath

CHECKER = Path(__file__).parents[1] / "ontology" / "OwlCheck.java"


def test_ontology_with_reference_graph_has_no_owl2_dl_violation(tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: install a JDK and libowlapi-java (see tests/install.sh)")
    ontology = [ox.Triple(t.subject, t.predicate, t.object)
                for t in ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE)]
    settings = Settings(store=str(tmp_path))
    reference = [ox.Triple(q.subject, q.predicate, q.object)
                 for q in reference_quads(Gazetteer.load(), settings.base, settings.graph("reference"))]
    data = tmp_path / "ontology-and-reference.nt"
    data.write_bytes(ox.serialize(ontology + reference, format=ox.RdfFormat.N_TRIPLES))
    result = subprocess.run([java, "-cp", owlapi_classpath(), str(CHECKER), str(data)],
                            capture_output=True, text=True, timeout=600)
    if "compilation failed" in result.stderr or "ClassNotFoundException" in result.stderr:
        pytest.fail(f"OwlCheck.java could not run (needs a JDK and libowlapi-java):\n{result.stderr}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 OWL 2 DL profile violations" in result.stdout, result.stdout
