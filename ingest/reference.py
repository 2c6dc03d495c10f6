"""The gazetteer as RDF: the store's reference graph (``Settings().graph("reference")``).

Every entity gets the IRI ingest mints for the same linked entity (``iris.entity(base, kind, label)``),
so an article's mention and the reference entry are one node: queries see the reference labels,
aliases, demonyms, capitals and terms of office next to what the articles say.

Provenance is kept per node as an ``rdfs:comment`` that starts with "Source:" (the facts' sources,
whether they were verified, and why the Wikidata link is set or held); rdfs:comment is built into
OWL, so the graph stays OWL 2 DL without declaring anything more.
"""

from __future__ import annotations

import pyoxigraph as ox

from diplograph.config import Settings
from diplograph.ingest import iris
from diplograph.ingest.gazetteer import GazEntry, Gazetteer, GazSanction, GazSummit, GazTenure
from diplograph.ontology import DGN, WD
from diplograph.store import Store

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
SKOS_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
SKOS_NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
ROLE_TEXT = {"HeadOfState": "head of state", "HeadOfGovernment": "head of government"}


def install(store: Store, settings: Settings, gazetteer: Gazetteer | None = None) -> int:
    """Replace the reference graph with the gazetteer (idempotent, one transaction); returns triples."""
    graph = settings.graph("reference")
    quads = reference_quads(gazetteer or Gazetteer.load(), settings.base, graph)
    store.replace_graph(graph, quads)
    return len(quads)


def entity_iri(base: str, entry: GazEntry) -> str:
    return iris.entity(base, entry.kind, entry.label)


def reference_quads(gaz: Gazetteer, base: str, graph: str) -> list[ox.Quad]:
    return _Writer(gaz, base, ox.NamedNode(graph)).quads()


class _Writer:
    def __init__(self, gaz: Gazetteer, base: str, graph: ox.NamedNode) -> None:
        self.gaz, self.base, self.graph = gaz, base, graph
        self.out: dict[ox.Quad, None] = {}  # ordered and without repeats (leaderOf per tenure)
        self.leaders = {e.label: e for e in gaz.entries() if e.kind == "Leader"}
        self.places = {e.label: e for e in gaz.entries() if e.kind == "Place"}
        self.place_by_qid = {e.qid: e for e in gaz.entries() if e.kind == "Place" and e.qid}

    def quads(self) -> list[ox.Quad]:
        for entry in self.gaz.entries():
            self.entity(entry)
        for tenure in self.gaz.tenures():
            self.tenure(tenure)
        for summit in self.gaz.summits():
            self.summit(summit)
        for sanction in self.gaz.sanctions():
            if sanction.instrument:
                self.instrument(sanction)
        return list(self.out)

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal | None) -> None:
        if obj is not None:
            self.out[ox.Quad(subject, predicate, obj, self.graph)] = None

    def node(self, entry: GazEntry) -> ox.NamedNode:
        return ox.NamedNode(entity_iri(self.base, entry))

    def by_qid(self, qid: str | None) -> ox.NamedNode | None:
        entry = self.gaz.by_qid(qid) if qid else None
        return self.node(entry) if entry is not None else None

    def entity(self, entry: GazEntry) -> None:
        node = self.node(entry)
        self.add(node, RDF_TYPE, DGN[entry.kind])
        self.add(node, RDFS_LABEL, ox.Literal(entry.label))
        for alias in entry.aliases:
            self.add(node, SKOS_ALT_LABEL, ox.Literal(alias))
        for word in entry.demonyms:
            self.add(node, DGN.demonym, ox.Literal(word))
        if entry.qid:
            self.add(node, OWL_SAME_AS, ox.NamedNode(str(WD[entry.qid])))
        for code in (entry.iso2, entry.iso3):
            self.add(node, SKOS_NOTATION, ox.Literal(code) if code else None)
        if entry.kind == "State" and entry.capital:
            capital = self.place_by_qid.get(entry.capital)
            self.add(node, DGN.capital, self.node(capital) if capital else None)
        for office in entry.offices:
            self.add(node, RDFS_COMMENT, ox.Literal(f"Office: {office}"))
        stands_for = entry.state if entry.metonym else entry.stands_for
        if stands_for:
            body = self.gaz.by_qid(stands_for)
            self.add(node, RDFS_COMMENT, ox.Literal(f"Stands for {body.label} in news (metonym).") if body else None)
        self.add(node, RDFS_COMMENT, ox.Literal(provenance(entry)))

    def tenure(self, tenure: GazTenure) -> None:
        leader = self.leaders[tenure.holder]
        state = self.gaz.by_qid(tenure.state) if tenure.state else None
        where = state.label if state else "unknown state"
        node = ox.NamedNode(f"{self.base}id/tenure/"
                            + iris.slug(tenure.holder, tenure.role, where, tenure.start or "undated"))
        holder = self.node(leader)
        self.add(node, RDF_TYPE, DGN.Tenure)
        when = f"{tenure.start or '?'} to {tenure.end or 'present'}"
        self.add(node, RDFS_LABEL, ox.Literal(f"{tenure.holder}, {ROLE_TEXT[tenure.role]} of {where}, {when}"))
        self.add(node, DGN.holder, holder)
        self.add(holder, DGN.tenure, node)
        self.add(node, DGN.role, DGN[tenure.role])
        if state is not None:
            self.add(node, DGN.jurisdiction, self.node(state))
            self.add(holder, DGN.leaderOf, self.node(state))
        self.dates(node, tenure.start, tenure.end)
        if tenure.nominal:
            self.add(node, RDFS_COMMENT, ox.Literal(f"Does not lead the government: {tenure.nominal}."))
        status = "verified" if tenure.verified else "not verified by two sources"
        self.add(node, RDFS_COMMENT, ox.Literal(f"Source: {tenure.sources} ({status})"))

    def summit(self, summit: GazSummit) -> None:
        node = ox.NamedNode(iris.summit(self.base, self.gaz.summit_key(summit)))
        self.add(node, RDF_TYPE, DGN.Summit)
        self.add(node, RDFS_LABEL, ox.Literal(summit.label))
        for qid in summit.participants:
            self.add(node, DGN.participant, self.by_qid(qid))
        # By QID first, as ingest does: Singapore the venue is the State node (a State may be a place).
        place = self.gaz.by_qid(summit.location_qid) if summit.location_qid else None
        place = place or self.places.get(summit.location or "")
        self.add(node, DGN.location, self.node(place) if place else None)
        self.dates(node, summit.start, summit.end)
        self.add(node, DGN.eventStatus, DGN.Held)
        if summit.qid:
            self.add(node, OWL_SAME_AS, ox.NamedNode(str(WD[summit.qid])))
        status = "verified" if summit.verified else "no Wikidata item; dates as the sources give them"
        self.add(node, RDFS_COMMENT, ox.Literal(f"Source: {summit.sources} ({status}). Venue: {summit.venue}"))

    def instrument(self, sanction: GazSanction) -> None:
        node = ox.NamedNode(iris.entity(self.base, "LegalInstrument", sanction.label))
        self.add(node, RDF_TYPE, DGN.LegalInstrument)
        self.add(node, RDFS_LABEL, ox.Literal(sanction.label))
        for alias in sanction.aliases:
            self.add(node, SKOS_ALT_LABEL, ox.Literal(alias))
        if sanction.qid:
            self.add(node, OWL_SAME_AS, ox.NamedNode(str(WD[sanction.qid])))
        parties = [self.gaz.by_qid(q) for q in (*sanction.imposers, *sanction.targets)]
        names = {q: (e.label if e else q) for q, e in zip((*sanction.imposers, *sanction.targets), parties,
                                                         strict=True)}
        imposed = ", ".join(names[q] for q in sanction.imposers)
        targets = ", ".join(names[q] for q in sanction.targets)
        adopted = f"Sanctions adopted by {imposed} against {targets} on {sanction.date}."
        self.add(node, RDFS_COMMENT, ox.Literal(adopted))
        self.add(node, RDFS_COMMENT, ox.Literal(f"Source: {sanction.sources}"))

    def dates(self, node: ox.NamedNode, start: str | None, end: str | None) -> None:
        for predicate, value in (("startDate", start), ("endDate", end)):
            if value:
                self.add(node, DGN[predicate], ox.Literal(f"{value}T00:00:00Z", datatype=XSD_DATETIME))
        if start:
            self.add(node, DGN.datePrecision, DGN.DayPrecision)


def provenance(entry: GazEntry) -> str:
    """The sources of an entry's facts, how well they are verified, and the linking decision."""
    status = "verified" if entry.verified else "not verified by two independent sources"
    link = entry.policy + (f" (held candidate: wd:{entry.candidate_qid})" if entry.candidate_qid else "")
    return f"Source: {entry.sources} ({status}). Wikidata link: {link}."
