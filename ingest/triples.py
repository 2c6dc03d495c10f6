"""Facts to RDF: one article's quads, in the article's own named graph, in the project's data shape.

The quads come in ``Part`` s, the units validation may drop without touching the rest: the
article node, each entity (with its mention spans), and each summit, sanction or claim (with its
evidence span). Shared nodes (entities, summits, sanctions) get deterministic IRIs from
``iris`` (a summit or sanction by the ``key`` extraction computed, else its QID, else its
participants, place and date or its imposers, targets and basis) and carry their descriptive
triples in every article graph that mentions them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Literal

import pyoxigraph as ox

from diplograph.config import Settings
from diplograph.ingest import iris
from diplograph.ingest.article import Article
from diplograph.ingest.dates import as_utc
from diplograph.ingest.facts import Claim, DateValue, Entity, Facts, Sanction, Span, Summit
from diplograph.ontology import DGN, WD

WIKIDATA = str(WD)
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_ANY_URI = ox.NamedNode(XSD + "anyURI")
XSD_INTEGER = ox.NamedNode(XSD + "integer")
XSD_NON_NEGATIVE_INTEGER = ox.NamedNode(XSD + "nonNegativeInteger")
XSD_DECIMAL = ox.NamedNode(XSD + "decimal")
XSD_DATE_TIME = ox.NamedNode(XSD + "dateTime")
PRECISIONS = {"day": "DayPrecision", "month": "MonthPrecision", "year": "YearPrecision"}
PRECISION_ORDER = ["day", "month", "year"]
PartKind = Literal["article", "entity", "summit", "sanction", "claim"]


@dataclass
class Part:
    """A unit of an article's graph: its node and every quad that describes it."""

    kind: PartKind
    node: ox.NamedNode
    description: str  # how a warning names it, e.g. 'summit "Trump-Kim summit in Hanoi"'
    quads: list[ox.Quad] = field(default_factory=list)


@dataclass
class Mapped:
    parts: list[Part]
    warnings: list[str]

    def quads(self) -> list[ox.Quad]:
        """All quads once each, in a stable order."""
        return list(dict.fromkeys(q for part in self.parts for q in part.quads))


def to_quads(article: Article, facts: Facts, settings: Settings, *, extractor: str) -> list[ox.Quad]:
    """The article's named graph as quads (see ``map_article`` for the parts and warnings)."""
    return map_article(article, facts, settings, extractor=extractor).quads()


def map_article(article: Article, facts: Facts, settings: Settings, *, extractor: str) -> Mapped:
    """Map an article and its facts; a fact naming an entity key that ``facts`` lacks is skipped with a warning."""
    graph = _Graph(article, facts, settings)
    parts = [graph.article_part(extractor)]
    parts += [graph.entity_part(entity) for entity in facts.entities.values()]
    for fact in [*facts.summits, *facts.sanctions, *facts.claims]:
        try:
            parts.append(graph.fact_part(fact))
        except _UnknownKey as unknown:
            graph.warnings.append(f"{_describe(fact)} dropped: it refers to entity key {unknown.key!r}, "
                                  f"which the extraction did not return")
    return Mapped(parts, graph.warnings)


class _UnknownKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _Graph:
    """Mints IRIs and terms for one article; ``part_of`` collects quads for the part being built."""

    def __init__(self, article: Article, facts: Facts, settings: Settings) -> None:
        self.article = article
        self.facts = facts
        self.base = settings.base
        self.article_iri = iris.article(self.base, article.key)
        self.node = ox.NamedNode(self.article_iri)
        self.graph = ox.NamedNode(self.article_iri)
        self.warnings: list[str] = []
        self.claim_iris: set[str] = set()
        self.entity_nodes = {key: ox.NamedNode(iris.entity(self.base, e.kind, e.label))
                             for key, e in facts.entities.items()}

    # --- the article -------------------------------------------------------------------------------

    def article_part(self, extractor: str) -> Part:
        a = self.article
        part = Part("article", self.node, f"article {a.source}")
        add = self._adder(part, self.node)
        add(RDF_TYPE, DGN.Article)
        add(DGN.title, _string(a.title))
        add(DGN.published, _datetime(a.published))
        add(DGN.sourceLocation, _string(a.source))
        add(DGN.url, ox.Literal(a.url, datatype=XSD_ANY_URI) if a.url else None)
        add(DGN.author, _string(a.author))
        add(DGN.publisher, _string(a.publisher))
        add(DGN.text, _string(a.text))
        add(DGN.extractorVersion, _string(extractor))
        return part

    # --- entities ----------------------------------------------------------------------------------

    def entity_part(self, entity: Entity) -> Part:
        node = self.entity_nodes[entity.key]
        part = Part("entity", node, f'{entity.kind} "{entity.label}"')
        add = self._adder(part, node)
        add(RDF_TYPE, DGN[entity.kind])
        add(RDFS_LABEL, _string(entity.label))
        add(OWL_SAME_AS, ox.NamedNode(WIKIDATA + entity.qid) if entity.qid else None)
        add(DGN.governmentOf, self.entity_nodes.get(entity.government_of or ""))
        add(DGN.ledBy, self.entity_nodes.get(entity.led_by or ""))
        if entity.mentions:  # an entity only referred to (a government's state) is described, not mentioned
            self._quad(part, self.node, DGN.mentions, node)
        for mention in entity.mentions:
            span = self._span(part, mention)
            self._quad(part, span, DGN.denotes, node)
            self._quad(part, span, DGN.matchedAlias, _string(entity.matched_alias))
            self._quad(part, span, DGN.confidence, _decimal(entity.confidence))
        return part

    # --- facts -------------------------------------------------------------------------------------

    def fact_part(self, fact: Summit | Sanction | Claim) -> Part:
        if isinstance(fact, Summit):
            return self._summit(fact)
        if isinstance(fact, Sanction):
            return self._sanction(fact)
        return self._claim(fact)

    def _summit(self, summit: Summit) -> Part:
        participants = [self._entity(key) for key in summit.participants]
        location = self._entity(summit.location) if summit.location else None
        if summit.key or summit.qid:
            key = [summit.key or summit.qid or ""]
        else:
            key = [*sorted(self._local(p) for p in participants), self._local(location) if location else "",
                   _date_key(summit.start)]
        node = ox.NamedNode(iris.summit(self.base, key))
        part = Part("summit", node, _describe(summit))
        add = self._adder(part, node)
        add(RDF_TYPE, DGN.Summit)
        add(RDFS_LABEL, _string(summit.label))
        for participant in participants:
            add(DGN.participant, participant)
        add(DGN.location, location)
        if not summit.known or (summit.start is not None and summit.start.precision == "day"):
            self._dates(add, summit.start, summit.end)  # "in 2019" would stand beside the reference graph's days
        add(DGN.ordinal, ox.Literal(str(summit.ordinal), datatype=XSD_INTEGER)
            if summit.ordinal is not None else None)
        add(DGN.eventStatus, DGN[summit.status] if summit.status else None)
        add(OWL_SAME_AS, ox.NamedNode(WIKIDATA + summit.qid) if summit.qid else None)
        add(DGN.confidence, _decimal(summit.confidence))
        add(DGN.evidence, self._span(part, summit.evidence))
        self._quad(part, self.node, DGN.mentions, node)
        return part

    def _sanction(self, sanction: Sanction) -> Part:
        imposers = [self._entity(key) for key in sanction.imposers]
        targets = [self._entity(key) for key in sanction.targets]
        if sanction.key or sanction.qid:
            key = [sanction.key or sanction.qid or ""]
        else:
            key = [*sorted(self._local(i) for i in imposers), "on", *sorted(self._local(t) for t in targets),
                   sanction.legal_basis or ""]
        node = ox.NamedNode(iris.sanction(self.base, key))
        part = Part("sanction", node, _describe(sanction))
        add = self._adder(part, node)
        add(RDF_TYPE, DGN.Sanction)
        add(RDFS_LABEL, _string(sanction.label))
        for imposer in imposers:
            add(DGN.imposedBy, imposer)
        for target in targets:
            add(DGN.targets, target)
        if sanction.legal_basis:
            basis = ox.NamedNode(iris.entity(self.base, "LegalInstrument", sanction.legal_basis))
            add(DGN.legalBasis, basis)
            self._quad(part, basis, RDF_TYPE, DGN.LegalInstrument)
            self._quad(part, basis, RDFS_LABEL, _string(sanction.legal_basis))
        add(DGN.sanctionStatus, DGN[sanction.status] if sanction.status else None)
        self._dates(add, sanction.start, None)
        add(OWL_SAME_AS, ox.NamedNode(WIKIDATA + sanction.qid) if sanction.qid else None)
        add(DGN.confidence, _decimal(sanction.confidence))
        add(DGN.evidence, self._span(part, sanction.evidence))
        self._quad(part, self.node, DGN.mentions, node)
        return part

    def _claim(self, claim: Claim) -> Part:
        claimant = self._entity(claim.claimant)
        about = [self._entity(key) for key in claim.about]
        pieces = claim.content or [claim.evidence]
        start, end = min(p.start for p in pieces), max(p.end for p in pieces)
        iri = iris.claim(self.base, self.article.key, start, end)
        if iri in self.claim_iris:  # one node per claimant: the shapes allow a claim one claimant
            iri = iris.claim(self.base, self.article.key, start, end, claim.claimant)
        self.claim_iris.add(iri)
        node = ox.NamedNode(iri)
        part = Part("claim", node, _describe(claim))
        add = self._adder(part, node)
        add(RDF_TYPE, DGN.Claim)
        add(DGN.claimant, claimant)
        add(DGN.claimText, _string(claim.text))
        if claim.claimant_name:
            add(DGN.claimantName, _string(claim.claimant_name))
        for subject in about:
            add(DGN.about, subject)
        add(DGN.modality, DGN[claim.modality])
        add(DGN.cue, _string(claim.cue.text))
        add(DGN.confidence, _decimal(claim.confidence))
        add(DGN.sourceArticle, self.node)
        add(DGN.evidence, self._span(part, claim.evidence))
        return part

    # --- shared helpers ----------------------------------------------------------------------------

    def _entity(self, key: str) -> ox.NamedNode:
        node = self.entity_nodes.get(key)
        if node is None:
            raise _UnknownKey(key)
        return node

    def _local(self, node: ox.NamedNode) -> str:
        """What identifies an entity inside a summit or sanction key: its kind and slug."""
        return node.value.removeprefix(f"{self.base}id/")

    def _span(self, part: Part, span: Span) -> ox.NamedNode:
        node = ox.NamedNode(iris.span(self.article_iri, span.start, span.end))
        self._quad(part, node, RDF_TYPE, DGN.TextSpan)
        self._quad(part, node, DGN.sourceArticle, self.node)
        self._quad(part, node, DGN.beginIndex, ox.Literal(str(span.start), datatype=XSD_NON_NEGATIVE_INTEGER))
        self._quad(part, node, DGN.endIndex, ox.Literal(str(span.end), datatype=XSD_NON_NEGATIVE_INTEGER))
        self._quad(part, node, DGN.anchorText, _string(span.text))
        return node

    @staticmethod
    def _dates(add, start: DateValue | None, end: DateValue | None) -> None:
        """Start and end as xsd:dateTime, with the coarser of their precisions on the node."""
        add(DGN.startDate, _datetime(start.value) if start else None)
        add(DGN.endDate, _datetime(end.value) if end else None)
        known = [d.precision for d in (start, end) if d]
        if known:
            add(DGN.datePrecision, DGN[PRECISIONS[max(known, key=PRECISION_ORDER.index)]])

    def _adder(self, part: Part, subject: ox.NamedNode):
        def add(predicate, obj) -> None:
            self._quad(part, subject, predicate, obj)
        return add

    def _quad(self, part: Part, subject: ox.NamedNode, predicate: ox.NamedNode,
              obj: ox.NamedNode | ox.Literal | None) -> None:
        """Add a quad to ``part`` unless its object is missing (an unknown optional value)."""
        if obj is not None:
            part.quads.append(ox.Quad(subject, predicate, obj, self.graph))


def _string(value: str | None) -> ox.Literal | None:
    return ox.Literal(value) if value else None


@lru_cache(maxsize=256, typed=True)  # typed: 1 gives "1", 1.0 gives "1.0"
def _decimal(value: float) -> ox.Literal:
    """A confidence as an xsd:decimal (cached: a few values recur on every span)."""
    return ox.Literal(format(Decimal(str(round(value, 3))), "f"), datatype=XSD_DECIMAL)


def _datetime(value: datetime | None) -> ox.Literal | None:
    if value is None:
        return None
    return ox.Literal(as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD_DATE_TIME)


def _date_key(value: DateValue | None) -> str:
    """A date as precisely as known, for keys: 2019, 2019-02 or 2019-02-27."""
    if value is None:
        return ""
    return value.value.strftime({"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[value.precision])


def _describe(fact: Summit | Sanction | Claim) -> str:
    if isinstance(fact, Claim):
        return f'claim "{fact.text[:60]}" at {fact.evidence.start}-{fact.evidence.end}'
    return f'{type(fact).__name__.lower()} "{fact.label}" at {fact.evidence.start}-{fact.evidence.end}'
