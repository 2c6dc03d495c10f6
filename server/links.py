"""How an IRI is shown and linked on the pages: local links for what this server can dereference."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import request

from diplograph.ontology import ONTOLOGY_IRI, PREFIXES
from diplograph.server.endpoint import endpoint

WIKIDATA_ENTITY = re.compile(r"^http://www\.wikidata\.org/entity/(Q\d+)$")


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``): a readable fallback label."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] if iri else ""


def local_href(iri: str) -> str:
    """Where a browser on this server should go for ``iri``: minted IRIs and ontology terms stay here."""
    minted = endpoint().settings.base + "id/"
    if iri.startswith(minted):
        return f"{request.script_root}/id/{iri[len(minted):]}"
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return f"{request.script_root}/ontology{iri[len(ONTOLOGY_IRI):]}"
    if iri.startswith(endpoint().settings.base + "graph/"):
        return f"{request.script_root}/graph/{iri[len(endpoint().settings.base + 'graph/'):]}"
    # Anything else is linked only if a browser can safely follow it (no javascript: or data: IRIs).
    return iri if iri.lower().startswith(("http://", "https://")) else "#"


def curie(iri: str) -> str:
    """``dg:Leader`` for a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def wikidata_links(iris: Iterable[str]) -> list[str]:
    """The Wikidata entity IRIs among ``iris`` (owl:sameAs values), deduplicated, in order."""
    return list(dict.fromkeys(iri for iri in iris if WIKIDATA_ENTITY.match(iri)))
