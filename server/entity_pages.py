"""The HTML page of one resource: what it is, its facts, its place in the graph and in time.

Which sections appear depends on the resource's types: agents get their summits, sanctions and
claims; facts with evidence get their sentences; a claim gets its sentence in context; an article
gets its text with every mention and claim marked at its offsets. All text from the store reaches
the page through Jinja's autoescaping, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import render_template

from diplograph.ontology import DG
from diplograph.server import page_queries as q
from diplograph.server.links import local_name, wikidata_links
from diplograph.server.textmarks import Mark, runs, window
from diplograph.server.timeline import layout

AGENT_TYPES = {"Agent", "Person", "Leader", "State", "Organization", "Government", "Group"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", str(DG.title), str(DG.claimText))  # by preference
LONG_TEXT = 400  # longer literals (an article's text) are shown in their own section, not the table


@dataclass
class Event:
    """A dated item on the timeline (a summit or a sanction)."""

    iri: str
    kind: str
    label: str
    start: str
    end: str = ""
    detail: str = ""


@dataclass
class Page:
    iri: str
    label: str
    types: list[str]
    facts: list[q.Row]
    incoming: list[q.Row]
    sections: dict = field(default_factory=dict)

    @property
    def wikidata(self) -> list[str]:
        return wikidata_links(row["o"].value for row in self.facts if row["p"].value.endswith("#sameAs"))


def render(iri: str) -> str:
    page = build(iri)
    picture = layout(page.sections["timeline"]) if page.sections.get("timeline") else None
    return render_template("entity.html", page=page, graph=neighbourhood(iri, page), timeline=picture,
                           long_text=LONG_TEXT)


def build(iri: str) -> Page:
    subject = ox.NamedNode(iri)
    facts = q.select(q.FACTS, s=subject)
    types = sorted({local_name(row["o"].value) for row in facts if row["p"].value == RDF_TYPE})
    label = next((row["o"].value for name in LABELS for row in facts if row["p"].value == name), local_name(iri))
    page = Page(iri, label, types, facts, q.select(q.INCOMING, s=subject))
    kinds = set(types)
    if kinds & AGENT_TYPES:
        page.sections["summits"] = q.select(q.SUMMITS, s=subject)
        page.sections["sanctions"] = q.select(q.SANCTIONS, s=subject)
        claims = q.select(q.CLAIMS, s=subject)
        page.sections["claims_by"] = [row for row in claims if row["role"].value == "by"]
        page.sections["claims_about"] = [row for row in claims if row["role"].value == "about"]
        page.sections["timeline"] = timeline(page.sections["summits"], page.sections["sanctions"])
    if any(row["p"].value == str(DG.evidence) for row in facts):
        page.sections["evidence"] = q.select(q.EVIDENCE, s=subject)
    if "Claim" in kinds:
        page.sections["claim"] = claim_context(subject)
    if "Article" in kinds:
        page.sections["article"] = article_text(subject)
    return page


def timeline(summits: list[q.Row], sanctions: list[q.Row]) -> list[Event]:
    """Summits and sanctions that have a date, oldest first."""
    events = [Event(row["event"].value, "summit", _text(row, "label"), _text(row, "startDate"), _text(row, "endDate"),
                    _text(row, "place")) for row in summits if "startDate" in row]
    sanctioned: dict[str, Event] = {}  # one entry per sanction, even when both imposed and suffered
    for row in sanctions:
        if "startDate" in row:
            detail = f"{_text(row, 'role')} {_text(row, 'others')}".strip()
            known = sanctioned.setdefault(row["event"].value, Event(
                row["event"].value, "sanction", _text(row, "label"), _text(row, "startDate")))
            known.detail = "; ".join(filter(None, (known.detail, detail)))
    return sorted([*events, *sanctioned.values()], key=lambda event: event.start)


def _text(row: q.Row, name: str) -> str:
    return row[name].value if name in row else ""


@dataclass
class Excerpt:
    """A claim's sentence in its paragraph: the runs to print and the article it came from."""

    runs: list
    article: str
    title: str
    text: str
    modality: str
    cue: str
    claimant: str
    claimant_label: str
    sentence_found: bool


def claim_context(subject: ox.NamedNode) -> Excerpt | None:
    rows = q.select(q.CLAIM, s=subject)
    if not rows:
        return None
    row = rows[0]
    text, claim_text = _text(row, "articleText"), _text(row, "text")
    found = "begin" in row and "end" in row and text
    marks, shown = [], []
    if found:
        begin, end = int(row["begin"].value), int(row["end"].value)
        start, stop = window(text, begin, end)
        marks.append(Mark(begin - start, end - start, "focus", subject.value))
        inner = text.find(claim_text, begin, end) if claim_text else -1
        if inner >= 0:
            marks.append(Mark(inner - start, inner - start + len(claim_text), "content", subject.value))
        shown = runs(text[start:stop], marks)
    return Excerpt(shown, _text(row, "article"), _text(row, "title"), claim_text, local_name(_text(row, "modality")),
                   _text(row, "cue"), _text(row, "claimant"), _text(row, "claimantLabel"), bool(found))


@dataclass
class ArticleText:
    runs: list
    meta: q.Row
    mentions: list[Mark]
    claims: list[Mark]


def article_text(subject: ox.NamedNode) -> ArticleText | None:
    rows = q.select(q.ARTICLE, s=subject)
    if not rows:
        return None
    meta = rows[0]
    marks = [Mark(int(row["begin"].value), int(row["end"].value), row["kind"].value, row["target"].value,
                  _text(row, "label"), local_name(_text(row, "type"))) for row in q.select(q.ARTICLE_MARKS, s=subject)]
    text = _text(meta, "text")
    return ArticleText(runs(text, marks), meta, [m for m in marks if m.kind == "mention"],
                       [m for m in marks if m.kind == "claim"])


def neighbourhood(iri: str, page: Page) -> dict:
    """Nodes and edges around ``iri`` for the Cytoscape view (links resolve on this server)."""
    from diplograph.server.links import local_href

    center_type = page.types[0] if page.types else ""
    nodes = {iri: {"id": iri, "label": page.label, "type": center_type, "href": local_href(iri), "center": True}}
    edges = []
    for row in q.select(q.NEIGHBOURS, s=ox.NamedNode(iri)):
        other = row["n"].value
        nodes.setdefault(other, {"id": other, "label": _text(row, "nLabel") or local_name(other),
                                 "type": local_name(_text(row, "nType")), "href": local_href(other)})
        source, target = (iri, other) if row["out"].value == "true" else (other, iri)
        edges.append({"source": source, "target": target, "label": local_name(row["p"].value)})
    return {"nodes": list(nodes.values()), "edges": edges}
