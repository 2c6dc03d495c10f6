"""The generated files match the Turtle source, regenerate from one command, and the ontology
installs into its named graph of a real store idempotently."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from diplograph.config import Settings
from diplograph.ontology import DG, DOC_HTML, ONTOLOGY_OWL, ONTOLOGY_TTL
from diplograph.ontology.install import install
from diplograph.store import Store

REBUILD = "run `python -m diplograph.ontology.build` after editing diplograph.ttl"


def test_rdfxml_copy_has_the_same_content_as_the_turtle_source(ontology: rdflib.Graph) -> None:
    assert isomorphic(ontology, rdflib.Graph().parse(ONTOLOGY_OWL, format="xml")), REBUILD


def test_build_command_regenerates_the_committed_files(tmp_path: Path, ontology: rdflib.Graph) -> None:
    result = subprocess.run([sys.executable, "-m", "diplograph.ontology.build", "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    owl = tmp_path / ONTOLOGY_OWL.name
    assert owl.read_bytes() == ONTOLOGY_OWL.read_bytes(), REBUILD  # byte for byte: the build is reproducible
    html = (tmp_path / "doc" / DOC_HTML.name).read_text(encoding="utf-8")
    terms = {s for s in ontology.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(str(DG))}
    for page in (html, DOC_HTML.read_text(encoding="utf-8")):
        missing = [t for t in terms if f"<code>{t}</code>" not in page]
        assert not missing, f"reference page lacks {sorted(missing)}; {REBUILD}"


def test_install_replaces_the_ontology_graph_idempotently(tmp_path: Path, ontology: rdflib.Graph) -> None:
    settings = Settings(store=str(tmp_path / "store"))
    graph = settings.graph("ontology")
    with Store(settings.store) as store:
        store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:stale> <urn:p> <urn:o> }} "
                     f"GRAPH <urn:other> {{ <urn:kept> <urn:p> <urn:o> }} }}")
        first = install(store, settings)
        second = install(store, settings)
        assert first == second == len(ontology)
        assert store.graphs() == sorted([graph, "urn:other"])
        installed = rdflib.Graph().parse(data=store.dump("ntriples", graph=graph).decode(), format="nt")
    assert isomorphic(installed, rdflib.Graph().parse(ONTOLOGY_TTL)), "stale or missing triples in the graph"
