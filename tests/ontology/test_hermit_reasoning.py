"""HermiT (through owlready2) finds the ontology with the example data consistent, with no
unsatisfiable class, and draws the inferences the modelling intends; broken data is inconsistent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import owlready2
import pytest

from diplograph.ontology import DG, ONTOLOGY_OWL

ID = "https://w3id.org/diplograph/id/"
Reason = Callable[..., owlready2.World]


@pytest.fixture(scope="module")
def world(hermit: Reason, example_ntriples: Path) -> owlready2.World:
    return hermit(ONTOLOGY_OWL, example_ntriples)


def test_consistent_with_no_unsatisfiable_class(world: owlready2.World) -> None:
    assert list(world.inconsistent_classes()) == []
    assert world[str(DG.Summit)] is not None, "the ontology was not loaded"


def test_state_may_be_a_place_and_location_is_transitive(world: owlready2.World) -> None:
    singapore = world[ID + "state/singapore"]
    assert {c.iri for c in singapore.is_a} >= {str(DG.State), str(DG.Place)}
    hotel = world[ID + "place/capella-singapore"]
    assert singapore in hotel.locatedIn


def test_ranges_classify(world: owlready2.World) -> None:
    """Vietnam is only a dg:State in the data; being Hanoi's dg:locatedIn makes it a dg:Place too."""
    vietnam = world[ID + "state/vietnam"]
    assert str(DG.Place) in {c.iri for c in vietnam.is_a}


@pytest.mark.parametrize("triples", [
    # A leader is a person, and no person is a state.
    "<{id}x> a <{dg}Leader> , <{dg}State> .",
    # claimant makes x a Claim, participant makes it an Event: a claim is not an event.
    "<{id}x> <{dg}claimant> <{id}y> ; <{dg}participant> <{id}y> .",
    # confidence is a decimal from 0 to 1: a double is outside it (OWL keeps the two value spaces apart).
    '<{id}x> <{dg}confidence> "0.8"^^<http://www.w3.org/2001/XMLSchema#double> .',
    '<{id}x> <{dg}confidence> 1.5 .',
    # A sanction is not an event.
    "<{id}x> <{dg}imposedBy> <{id}y> ; <{dg}location> <{id}z> .",
])
def test_broken_data_is_inconsistent(hermit: Reason, tmp_path: Path, triples: str) -> None:
    import rdflib

    data = tmp_path / "broken.nt"
    rdflib.Graph().parse(data=triples.format(id=ID, dg=DG), format="turtle").serialize(data, format="nt",
                                                                                          encoding="utf-8")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(ONTOLOGY_OWL, data)
