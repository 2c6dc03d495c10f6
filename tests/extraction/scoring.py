"""Score the canned queries' CSV output against expected facts (the seed gold's JSON format).

The project's own implementation of the published matching rules (shared/eval/README.md), so the
extraction tests run without ../shared: entities as (article, QID) pairs with their type; summits
matched one-to-one on two parties (a leader or their state) and the location; summit dates on the
first ten characters; sanctions as (imposer, target) pairs; claims on claimant (QID or label token
containment) and the key phrase inside the normalised text; claim topics on the QIDs of the best
matching claim.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

QID = re.compile(r"(Q[1-9][0-9]*)$")
STOP = {"the", "of", "and", "a", "an", "s"}
CATEGORIES = ("entity_linking", "entity_typing", "summits", "summit_dates", "sanctions", "claims", "claim_about")


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    pred: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    def f1(self) -> float | None:
        if not self.gold and not self.pred:
            return None
        p = self.correct / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def qid(cell: str | None) -> str | None:
    """The QID of a Wikidata entity IRI (or a bare QID), else None."""
    text = (cell or "").strip()
    match = QID.search(text)
    return match.group(1) if match and ("wikidata.org/" in text or text == match.group(1)) else None


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


def label_match(a: str, b: str) -> bool:
    ta, tb = set(norm(a).split()) - STOP, set(norm(b).split()) - STOP
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def local(iri: str) -> str:
    return re.split(r"[#/:]", (iri or "").rstrip("/#"))[-1]


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score(gold: dict, results: Path) -> dict[str, Tally]:
    """Tallies per category for one article's gold against the CSV results in ``results``."""
    name = gold["article"]
    article = {r["article"] for r in read(results, "articles") if Path(r.get("source", "")).name == name}

    def rows(query: str) -> list[dict[str, str]]:
        return [r for r in read(results, query) if r.get("article") in article]

    tallies = {c: Tally() for c in CATEGORIES}
    _entities(gold, rows("entities"), tallies["entity_linking"], tallies["entity_typing"])
    _summits(gold, rows("summits"), tallies["summits"], tallies["summit_dates"])
    _sanctions(gold, rows("sanctions"), tallies["sanctions"])
    _claims(gold, rows("claims"), tallies["claims"], tallies["claim_about"])
    return tallies


def _entities(gold: dict, rows: list[dict[str, str]], link: Tally, typing: Tally) -> None:
    required = {e["wikidata"]: e for e in gold["entities"] if e.get("wikidata")}
    ignored = {e["wikidata"] for e in gold["optional_entities"] if e.get("wikidata")}
    types: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if q := qid(r.get("wikidata")):
            types[q].add(local(r.get("type", "")))
    link.gold = typing.gold = len(required)
    for q, kinds in types.items():
        if q in required:
            link.found += 1
            link.correct += 1
            link.pred += 1
            e = required[q]
            typing.pred += 1
            if {e["type"], *e.get("type_alt", [])} & kinds:
                typing.found += 1
                typing.correct += 1
            else:
                typing.misses.append(f"type of {q}: {sorted(kinds)}")
        elif q not in ignored:
            link.pred += 1
            link.misses.append(f"extra entity {q}")
    link.misses += [f"missing entity {q}" for q in required if q not in types]


def _summits(gold: dict, rows: list[dict[str, str]], summits: Tally, dates: Tally) -> None:
    pred: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        node = pred[r["summit"]]
        for column, key in (("participantWikidata", "parties"), ("locationWikidata", "places")):
            if q := qid(r.get(column)):
                node[key].add(q)
        for column in ("startDate", "endDate"):
            if r.get(column):
                node[column].add(r[column][:10])
    summits.gold = len(gold["summits"])
    taken: set[str] = set()
    for g in sorted(gold["summits"], key=lambda s: not s.get("location")):
        dates.gold += sum(1 for f in ("start", "end") if g.get(f))
        fitting = [k for k, p in pred.items() if k not in taken and _summit_fits(g, p)]
        match = max(fitting, key=lambda k: _dates_agree(g, pred[k]), default=None)  # ties: same summit, other dates
        if match is None:
            summits.misses.append(f"summit {g.get('note', '')}")
            continue
        taken.add(match)
        summits.found += 1
        for field_name, column in (("start", "startDate"), ("end", "endDate")):
            if g.get(field_name) and pred[match][column]:
                dates.pred += 1
                if any(v.startswith(g[field_name]) for v in pred[match][column]):
                    dates.found += 1
                    dates.correct += 1
                else:
                    dates.misses.append(f"{field_name} of {g.get('note', '')}: {sorted(pred[match][column])}")
    duplicates = {k for k in pred if k not in taken and any(_summit_fits(g, pred[k]) for g in gold["summits"])}
    summits.pred = len(pred) - len(duplicates)
    summits.correct = len(taken)
    summits.misses += [f"extra summit {k}" for k in pred if k not in taken and k not in duplicates]


def _dates_agree(g: dict, p: dict[str, set[str]]) -> int:
    return sum(1 for f, column in (("start", "startDate"), ("end", "endDate"))
               if g.get(f) and any(v.startswith(g[f]) for v in p[column]))


def _summit_fits(g: dict, p: dict[str, set[str]]) -> bool:
    parties = g.get("parties") or [{"qids": [q]} for q in g.get("participants", [])]
    verified = {q for party in parties for q in party["qids"]}
    hits = sum(1 for party in parties if set(party["qids"]) & p["parties"])
    wild = sum(1 for party in parties if not set(party["qids"]) & p["parties"] and party.get("unverified_leader"))
    places = {g.get("location")} | set(g.get("location_alt", []))
    hits += min(wild, len(p["parties"] - verified - places))
    if hits < min(2, len(parties)):
        return False
    return not g.get("location") or bool(p["places"] & places)


def _sanctions(gold: dict, rows: list[dict[str, str]], tally: Tally) -> None:
    nodes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        if q := qid(r.get("imposerWikidata")):
            nodes[r["sanction"]]["imposers"].add(q)
        if q := qid(r.get("targetWikidata")):
            nodes[r["sanction"]]["targets"].add(q)
    pairs = {(i, t) for n in nodes.values() for i in n["imposers"] for t in n["targets"]}
    tally.gold = len(gold["sanctions"])
    for s in gold["sanctions"]:
        if any(i in s["imposer"] and t == s["target"] for i, t in pairs):
            tally.found += 1
        else:
            tally.misses.append(f"sanction {s['imposer']} -> {s['target']}")
    tally.pred = len(pairs)
    tally.correct = sum(1 for i, t in pairs if any(i in s["imposer"] and t == s["target"] for s in gold["sanctions"]))
    tally.misses += [f"extra sanction {i} -> {t}" for i, t in pairs
                     if not any(i in s["imposer"] and t == s["target"] for s in gold["sanctions"])]


def _claims(gold: dict, rows: list[dict[str, str]], claims: Tally, about: Tally) -> None:
    pred: dict[str, dict] = defaultdict(lambda: {"qids": set(), "labels": set(), "texts": [], "about": set()})
    for r in rows:
        p = pred[r["claim"]]
        if q := qid(r.get("claimantWikidata")):
            p["qids"].add(q)
        if r.get("claimantLabel"):
            p["labels"].add(r["claimantLabel"])
        if r.get("text") and r["text"] not in p["texts"]:
            p["texts"].append(r["text"])
        if q := qid(r.get("aboutWikidata")):
            p["about"].add(q)
    for p in pred.values():
        p["norm"] = f" {norm(' '.join(p['texts']))} "
    claims.gold = len(gold["claims"])
    matched: set[str] = set()
    for c in gold["claims"]:
        key = f" {norm(c['key'])} "
        specs = [c["claimant"], *c.get("claimant_alt", [])]
        hits = [k for k, p in pred.items() if key in p["norm"] and any(_claimant_ok(s, p) for s in specs)]
        if not hits:
            claims.misses.append(f"claim {c['claimant']} '{c['key']}'")
            continue
        claims.found += 1
        matched.update(hits)
        wanted, tolerated = set(c.get("about", [])), set(c.get("about_optional", []))
        best = max(hits, key=lambda k: (len(wanted & pred[k]["about"]) - len(pred[k]["about"] - wanted - tolerated)))
        got = pred[best]["about"]
        about.gold += len(wanted)
        about.found += len(wanted & got)
        about.correct += len(wanted & got)
        about.pred += len(wanted & got) + len(got - wanted - tolerated)
        about.misses += [f"'{c['key']}' about {q}" for q in (wanted - got) | (got - wanted - tolerated)]
    claims.pred = len(pred)
    claims.correct = len(matched)
    claims.misses += [f"extra claim {sorted(p['qids']) or sorted(p['labels'])} '{' / '.join(p['texts'])[:70]}'"
                      for k, p in pred.items() if k not in matched]


def _claimant_ok(spec: str | dict, p: dict) -> bool:
    if isinstance(spec, str):
        return spec in p["qids"]
    return bool(spec.get("label")) and any(label_match(spec["label"], label) for label in p["labels"])


def macro(tallies: dict[str, Tally]) -> float:
    scores = [f for t in tallies.values() if (f := t.f1()) is not None]
    return sum(scores) / len(scores) if scores else 0.0


def merge(all_tallies: list[dict[str, Tally]]) -> dict[str, Tally]:
    total = {c: Tally() for c in CATEGORIES}
    for tallies in all_tallies:
        for c, t in tallies.items():
            for attr in ("gold", "found", "pred", "correct"):
                setattr(total[c], attr, getattr(total[c], attr) + getattr(t, attr))
    return total
