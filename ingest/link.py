"""``diplograph link``: find the Wikidata item of entities that ingest left unlinked.

Offline (always) the gazetteer answers: an entity is linked when exactly one gazetteer entry of a
compatible type, with a QID cleared for linking, carries its label as a name (a Leader matches
leader and person entries, a State state entries or a capital used for its state, a Place places
and states, an Organization organisations). Ambiguous names ("Congo", "Georgia" the place) and held
single-source QIDs stay unlinked: an empty link beats a wrong one. ``--online`` then asks Wikidata
(``wikidata.OnlineLinker``) about what is still unlinked; any object with ``link(label, kind)``
returning something with ``qid``, ``confidence`` and ``evidence`` plugs in the same way.

Links go to their own named graph, ``{base}graph/links``, rebuilt in one transaction on every run
from what the article graphs hold at that moment: re-running is idempotent, re-ingesting an article
never loses a link (entity IRIs are deterministic), and deleting the graph undoes every link. Each
link is ``owl:sameAs`` with ``dg:confidence`` and an ``rdfs:comment`` giving the evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import click
import pyoxigraph as ox

from diplograph.cli import store_option
from diplograph.config import Settings
from diplograph.store import Store

LINKABLE_KINDS = ("Leader", "Person", "State", "Organization", "Place")
# Which gazetteer kinds may stand for an entity of each ontology class.
COMPATIBLE = {
    "Leader": {"Leader", "Person"},
    "Person": {"Person", "Leader"},
    "State": {"State"},
    "Organization": {"Organization"},
    "Place": {"Place", "State"},
}
CONFIDENCE = {"label": 0.95, "alias": 0.9, "metonym": 0.8}
DG = "https://w3id.org/diplograph/ontology#"
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
WD = "http://www.wikidata.org/entity/"

UNLINKED = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?type ?label WHERE {
  GRAPH ?g { ?article a dg:Article ; dg:mentions ?entity . ?entity a ?type ; rdfs:label ?label . }
  VALUES ?type { dg:Leader dg:Person dg:State dg:Organization dg:Place }
  FILTER NOT EXISTS { GRAPH ?h { ?entity owl:sameAs ?any } FILTER(?h != <LINKS_GRAPH>) }
}
ORDER BY ?entity ?type"""


@dataclass(frozen=True)
class Link:
    """A decided link and the evidence a user can audit."""

    qid: str
    confidence: float
    evidence: str


class Linker(Protocol):
    def link(self, label: str, kind: str) -> Link | None: ...


class GazetteerLinker:
    """Offline: a unique, type-compatible, linkable gazetteer entry for the label, or nothing."""

    def __init__(self, gazetteer: object | None = None) -> None:
        from diplograph.ingest.gazetteer import Gazetteer

        self.gaz = gazetteer or Gazetteer.load()
        self.outcomes: Counter[str] = Counter()

    @staticmethod
    def _why_not(found: list, linkable: int) -> str:
        if linkable > 1:
            return "ambiguous"
        if any(entry.candidate_qid for entry, _ in found):
            return "held (single source)"
        return "known, no QID" if found else "no match"

    def link(self, label: str, kind: str) -> Link | None:
        found = [(e, "label" if e.label == label else "alias") for e in self.gaz.lookup(label)
                 if e.kind in COMPATIBLE.get(kind, set())]
        if kind == "State" and not found and (state := self.gaz.metonym(label)) is not None:
            found = [(state, "metonym")]
        linkable = {e.qid: (e, how) for e, how in found if e.qid}
        if len(linkable) != 1:
            self.outcomes[self._why_not(found, len(linkable))] += 1
            return None
        entry, how = next(iter(linkable.values()))
        self.outcomes["linked"] += 1
        what = {"label": "its label", "alias": f"an alias of {entry.label!r}",
                "metonym": f"a name standing for {entry.label!r}"}[how]
        return Link(entry.qid, CONFIDENCE[how],
                    f"offline gazetteer: {label!r} is {what} ({entry.kind}; {entry.policy})")


def unlinked(store: Store, links_graph: str) -> list[tuple[str, str, str]]:
    """(entity IRI, kind, label) of every entity an article mentions that no other graph links."""
    rows = store.query(UNLINKED.replace("LINKS_GRAPH", ox.NamedNode(links_graph).value))
    return [(row["entity"].value, row["type"].value.removeprefix(DG), row["label"].value) for row in rows]


def link_store(store: Store, settings: Settings, linkers: Sequence[Linker]) -> dict[str, tuple[Link, str]]:
    """Link what can be linked and rewrite the links graph; returns entity IRI -> (link, kind)."""
    graph = settings.graph("links")
    found: dict[str, tuple[Link, str]] = {}
    for iri, kind, label in unlinked(store, graph):
        if iri in found:
            continue  # typed twice (e.g. State and Place): the first kind that links wins
        decided = next((link for linker in linkers if (link := linker.link(label, kind)) is not None), None)
        if decided is not None:
            found[iri] = (decided, kind)
    store.replace_graph(graph, link_quads(found, graph))
    return found


def link_quads(found: dict[str, tuple[Link, str]], graph: str) -> Iterable[ox.Quad]:
    target = ox.NamedNode(graph)
    for iri, (link, _kind) in found.items():
        node = ox.NamedNode(iri)
        yield ox.Quad(node, OWL_SAME_AS, ox.NamedNode(WD + link.qid), target)
        yield ox.Quad(node, ox.NamedNode(DG + "confidence"), ox.Literal(f"{link.confidence:.2f}", datatype=XSD_DECIMAL),
                      target)
        yield ox.Quad(node, RDFS_COMMENT, ox.Literal(f"Linked to wd:{link.qid} by diplograph link: {link.evidence}"),
                      target)


@click.command()
@click.option("--online", is_flag=True, help="Also ask Wikidata (search API and SPARQL service) about what the "
                                             "gazetteer leaves unlinked. Needs network access.")
@store_option
def link(online: bool, store_path: str) -> None:
    """Link entities that ingest left unlinked to Wikidata (offline: the gazetteer)."""
    from diplograph.cli import open_store
    from diplograph.ingest.wikidata import WikidataError
    from diplograph.store import StoreError

    settings = Settings(store=store_path)
    offline = GazetteerLinker()
    linkers: list[Linker] = [offline]
    if online:
        from diplograph.ingest.wikidata import OnlineLinker, WikidataClient

        linkers.append(OnlineLinker(WikidataClient()))
    try:
        with open_store(store_path) as store:
            found = link_store(store, settings, linkers)
    except (StoreError, WikidataError) as error:
        raise click.ClickException(f"{error} (no links written)") from None
    for iri, (decided, kind) in sorted(found.items()):
        click.echo(f"{kind} {iri} -> wd:{decided.qid} ({decided.confidence:.2f}; {decided.evidence})")
    tally = ", ".join(f"{what} {count}" for what, count in sorted(offline.outcomes.items()))
    click.echo(f"linked {len(found)} entities into {settings.graph('links')} (gazetteer: {tally or 'nothing to do'})",
               err=True)
