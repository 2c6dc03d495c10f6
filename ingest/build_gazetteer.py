"""Build the shipped gazetteer (``ingest/gazetteer/*.csv``) from the shared facts and our curation.

    python -m diplograph.ingest.build_gazetteer /path/to/shared/facts [--check]

Inputs: the facts files (``states.csv``, ``organizations.csv``, ``leaders.csv``, ``summits.csv``,
``sanctions.csv`` and ``raw/``: Wikidata QIDs with the sources that give them and a ``verified``
column) and the hand-written files in ``ingest/gazetteer/curation/`` (aliases, demonyms, metonyms,
and the per-row decisions on single-source QIDs in ``link_policy.csv``). Output: one CSV per kind,
each row keeping its ``sources`` and ``verified`` columns, read by ``gazetteer.py`` at run time.

Which QIDs are linked (the ``qid`` column; a held QID stays in ``candidate_qid``):

- verified (two or more independent sources agree): linked;
- single-source: linked only when ``link_policy.csv`` says so, with its reason (the source agrees
  with the consensus everywhere else and the row carries no identity warning); a single-source
  capital is linked when its one source agrees with the others on every capital they share;
- unverified or missing: not linked; the entity is kept by name so extraction can still type it.

``--check`` rebuilds in memory and fails if the shipped files differ (run it after editing the
curation or when the facts change).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

from diplograph.ingest import names
from diplograph.ingest.gazetteer_speakers import speaker_leaders

HERE = Path(__file__).parent / "gazetteer"
CURATION = HERE / "curation"
QID = re.compile(r"^Q[1-9][0-9]*$")
ROLES = {"head_of_state": "HeadOfState", "head_of_government": "HeadOfGovernment"}
OFFICES = {"secretary_general": "Secretary-General", "minister": "minister", "envoy": "envoy or adviser",
           "vice_president": "Vice President", "commission_president": "President of the European Commission"}
LEADER_OFFICES = {"commission_president"}  # offices the annotation counts as a Leader's, of no state
SECRETARY_GENERAL_OF = {"UN Q1065": "United Nations", "NATO Q7184": "NATO"}
# Rows of the states file that are territories rather than states (kept as places).
TERRITORIES = {"Q6250": "Western Sahara: the partially recognised state is the Sahrawi Republic, Q40362"}
# Facts aliases that are ordinary English words: matching them would link prose.
DROPPED_ALIASES = {"May", "Brown", "Commission", "acting president", "Bibi"}
CAPITAL_RULE = " (its one source, conzept, agrees with the other capital lists wherever they overlap)"
UNSC_RESOLUTION = re.compile(r"^United Nations Security Council Resolution (\d+)$")

COLUMNS = {
    "states.csv": ["qid", "candidate_qid", "label", "iso2", "iso3", "capital_qid", "capital", "aliases", "demonyms",
                   "verified", "policy", "sources"],
    "places.csv": ["qid", "candidate_qid", "label", "role", "state_qid", "aliases", "metonym", "verified", "policy",
                   "sources"],
    "organizations.csv": ["qid", "candidate_qid", "label", "category", "state_qid", "aliases", "metonym", "verified",
                          "policy", "sources"],
    "people.csv": ["qid", "candidate_qid", "label", "kind", "state_qid", "aliases", "offices", "gender", "kin",
                   "verified", "policy", "sources"],
    "tenures.csv": ["person", "role", "state_qid", "start", "end", "nominal", "verified", "sources"],
    "summits.csv": ["qid", "label", "start", "end", "location_qid", "location", "venue", "participants", "verified",
                    "sources"],
    "sanctions.csv": ["qid", "label", "instrument", "aliases", "imposers", "targets", "date", "verified", "sources"],
}


class FactsError(Exception):
    """A facts or curation file is missing or malformed; the message names the file and line."""


@dataclass
class Row:
    """One CSV row with the file and line it came from, so errors can point at it."""

    values: dict[str, str]
    where: str

    def __getitem__(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def qid(self, name: str = "qid") -> str:
        value = self[name]
        if value and not QID.match(value):
            raise FactsError(f"{self.where}: {name} {value!r} is not a Wikidata QID")
        return value


def read_csv(path: Path, required: list[str], *, delimiter: str = ",", header: bool = True) -> list[Row]:
    if not path.is_file():
        raise FactsError(f"{path}: no such file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter) if header else csv.reader(handle, delimiter=delimiter)
        rows = []
        for number, values in enumerate(reader, start=2 if header else 1):
            if not header:
                values = dict(enumerate(values))
            row = Row(values, f"{path}:{number}")
            missing = [name for name in required if name not in values]
            if missing:
                raise FactsError(f"{row.where}: missing column(s) {', '.join(map(str, missing))}")
            rows.append(row)
    return rows


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def join(values: list[str]) -> str:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value.strip(), None)
    return ";".join(v for v in seen if v)


def status(verified: str) -> str:
    """The facts' ``verified`` column reduced to verified / single-source / unverified."""
    head = verified.split(";")[0].strip()
    if head not in {"verified", "single-source", "unverified"}:
        raise FactsError(f"unknown verified value {verified!r}")
    return head


class Policy:
    """The per-row decisions on single-source QIDs (``curation/link_policy.csv``)."""

    def __init__(self, rows: list[Row]) -> None:
        self.decisions = {row.qid(): (row["decision"], row["reason"]) for row in rows}
        self.used: set[str] = set()

    def decide(self, qid: str, verified: str, where: str) -> tuple[str, str, str]:
        """(qid to link, held candidate, policy text) for a fact's QID and verification status."""
        if not qid:
            return "", "", "no QID in the facts"
        if verified == "verified":
            return qid, "", "link: verified"
        decision, reason = self.decisions.get(qid, ("", ""))
        self.used.add(qid)
        if decision == "link":
            return qid, "", f"link: {verified}, {reason}"
        if decision == "hold":
            return "", qid, f"hold: {verified}, {reason}"
        raise FactsError(f"{where}: {verified} QID {qid} has no decision in {CURATION / 'link_policy.csv'}")


def build(facts: Path) -> dict[str, list[dict[str, str]]]:
    """Every output table, as rows of strings keyed by column."""
    policy = Policy(read_csv(CURATION / "link_policy.csv", ["qid", "decision", "reason"]))
    states = build_states(facts, policy)
    iso3 = {row["iso3"]: row for row in states if row["iso3"]}
    by_state = {row["qid"] or row["candidate_qid"]: row for row in states}
    places = build_places(facts, states, policy)
    states = [state for state in states if not state["_territory"]]
    organizations = build_organizations(facts, policy)
    people, tenures = build_people(facts, iso3, policy)
    summits = build_summits(facts, places, by_state)
    sanctions = build_sanctions(facts)
    unused = set(policy.decisions) - policy.used
    if unused:
        raise FactsError(f"{CURATION / 'link_policy.csv'}: decisions for QIDs no row needs: "
                         f"{', '.join(sorted(unused))}")
    tables = {"states.csv": states, "places.csv": places, "organizations.csv": organizations,
              "people.csv": people, "tenures.csv": tenures, "summits.csv": summits, "sanctions.csv": sanctions}
    check_unique_labels(tables)
    return tables


# --- states -------------------------------------------------------------------------------------

def build_states(facts: Path, policy: Policy) -> list[dict[str, str]]:
    rows = read_csv(facts / "states.csv", ["qid", "name", "iso2", "iso3", "capital_qid", "capital_name", "sources",
                                           "verified"])
    curated = {row.qid(): row for row in read_csv(CURATION / "states.csv", ["qid", "label", "aliases", "demonyms"])}
    variants = name_variants(facts / "raw")
    trusted_capitals = capital_agreement(facts)
    out = []
    for row in rows:
        qid = row.qid()
        cur = curated.get(qid)
        if cur is None:
            raise FactsError(f"{row.where}: state {qid} has no row in {CURATION / 'states.csv'}")
        verified = status(row["verified"])
        linked, candidate, rule = policy.decide(qid, verified, row.where)
        label = cur["label"] or row["name"]
        capital_qid, capital_rule = row.qid("capital_qid"), ""
        capital_verified = "single-source" if "capital=single-source" in row["verified"] else verified
        if capital_qid and capital_verified != "verified" and not trusted_capitals:
            capital_qid, capital_rule = "", f"; capital {row['capital_qid']} held: single source"
        aliases = [row["name"], *split(cur["aliases"]), *variants.get(qid, [])]
        out.append({
            "qid": linked, "candidate_qid": candidate, "label": label, "iso2": row["iso2"], "iso3": row["iso3"],
            "capital_qid": capital_qid, "capital": row["capital_name"],
            "aliases": join([a for a in aliases if a != label]), "demonyms": cur["demonyms"],
            "verified": verified, "policy": rule + capital_rule, "_capital_verified": capital_verified,
            "_territory": TERRITORIES.get(qid, ""),
            "sources": join([row["sources"], "aliases, demonyms: curated (ingest/gazetteer/curation/states.csv)"
                             + (" and raw name lists (conzept, entitree, owid, country_converter)" if qid in variants
                                else "")]),
        })
    return out


def name_variants(raw: Path) -> dict[str, list[str]]:
    """Other English names of each state from the raw country lists, keyed by QID (via ISO2)."""
    variants: dict[str, list[str]] = defaultdict(list)
    iso2_to_qid: dict[str, str] = {}
    for row in read_csv(raw / "conzept_countries.tsv", [0, 1, 3], delimiter="\t", header=False):
        iso2_to_qid[row[1]] = row[0]
        variants[row[0]].append(row[3])
    for row in read_csv(raw / "entitree_countries.tsv", [0, 2], delimiter="\t", header=False):
        variants[row[0]].append(row[2])
    for row in read_csv(raw / "owid_countries.tsv", [0, 3, 4], delimiter="\t", header=False):
        variants[row[0]] += [row[3], row[4]]
    for row in read_csv(raw / "country_converter_country_data.tsv", ["name_short", "name_official", "ISO2"],
                        delimiter="\t"):
        if qid := iso2_to_qid.get(row["ISO2"]):
            variants[qid] += [row["name_short"], row["name_official"]]
    # "(country)" disambiguators and "Fed. Sts." abbreviations are list conventions, not names;
    # "Timor" (owid, for Timor-Leste) is the whole island, shared with Indonesia.
    return {qid: [n for n in names_ if n and "(" not in n and "." not in n and n != "Timor"]
            for qid, names_ in variants.items()}


def capital_agreement(facts: Path) -> bool:
    """Whether conzept's capital QIDs agree with every other capital list wherever they overlap.

    conzept is the single source of the capitals marked ``capital=single-source``; if it never
    disagrees with the independent lists, its other capitals are trusted too.
    """
    raw = facts / "raw"
    conzept = {row[0]: row[4] for row in read_csv(raw / "conzept_countries.tsv", [0, 4], delimiter="\t",
                                                    header=False) if row[4]}
    iso2_qid = {row[1]: row[0] for row in read_csv(raw / "conzept_countries.tsv", [0, 1], delimiter="\t",
                                                    header=False)}
    others = {iso2_qid.get(row[0]): row[2] for row in read_csv(raw / "capitalqid_genflags_py.tsv", [0, 2],
                                                                delimiter="\t", header=False)}
    shared = [state for state in others if state in conzept]
    disagree = [state for state in shared if conzept[state] != others[state] and QID.match(conzept[state])]
    # Known capital choices where the lists pick different cities of a multi-capital state.
    disagree = [state for state in disagree if state not in {"Q258", "Q805"}]
    return bool(shared) and not disagree


# --- places -------------------------------------------------------------------------------------

def build_places(facts: Path, states: list[dict[str, str]], policy: Policy) -> list[dict[str, str]]:
    curated = {(row.qid() or row["label"]): row for row in read_csv(
        CURATION / "places.csv", ["qid", "label", "state_qid", "role", "aliases", "metonym", "sources", "note"])}
    out: dict[str, dict[str, str]] = {}
    state_qids = {state["qid"] or state["candidate_qid"] for state in states}
    for state in states:
        capital_qid, state_qid = state["capital_qid"], state["qid"] or state["candidate_qid"]
        city_state = capital_qid == state_qid
        if not state["capital"] or (capital_qid in state_qids and not city_state):
            continue  # no capital recorded, or it is another state's item (the Holy See's is Vatican City)
        cur = curated.pop(capital_qid, None) if capital_qid else None
        verified = state["_capital_verified"] if capital_qid else "unverified"
        label = cur["label"] if cur else state["capital"]
        out[label] = {
            "qid": capital_qid, "candidate_qid": "", "label": label, "role": "capital", "state_qid": state_qid,
            "aliases": join([state["capital"], *(split(cur["aliases"]) if cur else [])]),
            "metonym": "no" if city_state else (cur["metonym"] if cur else "yes"),
            "verified": verified,
            "policy": ("link: capital, " + ("city-state, same item as the state" if city_state else verified
                       + ("" if verified == "verified" else CAPITAL_RULE))) if capital_qid else "no QID in the facts",
            "sources": join([f"states.csv capital of {state['label']} ({state['sources']})",
                             *( [cur["sources"]] if cur and cur["sources"] else [])]),
        }
    for state in states:
        if state["_territory"]:
            out[state["label"]] = {
                "qid": state["qid"], "candidate_qid": state["candidate_qid"], "label": state["label"],
                "role": "territory", "state_qid": "", "aliases": state["aliases"], "metonym": "no",
                "verified": state["verified"], "policy": state["policy"],
                "sources": join([state["sources"], state["_territory"]]),
            }
    for cur in curated.values():
        qid = cur.qid()
        verified = "single-source" if qid else "unverified"
        linked, candidate, rule = policy.decide(qid, verified, cur.where)
        out[cur["label"]] = {
            "qid": linked, "candidate_qid": candidate, "label": cur["label"], "role": cur["role"],
            "state_qid": cur["state_qid"], "aliases": cur["aliases"], "metonym": cur["metonym"],
            "verified": verified, "policy": rule,
            "sources": join([cur["sources"] or "curated", cur["note"]]),
        }
    return sorted(out.values(), key=lambda row: row["label"])


# --- organisations ------------------------------------------------------------------------------

def build_organizations(facts: Path, policy: Policy) -> list[dict[str, str]]:
    rows = read_csv(facts / "organizations.csv", ["qid", "name", "aliases", "kind", "sources", "verified"])
    curated = {row["qid_or_label"]: row for row in read_csv(
        CURATION / "organizations.csv", ["qid_or_label", "aliases", "state_qid", "metonym", "note"])}
    out = []
    for row in rows:
        qid, verified = row.qid(), status(row["verified"])
        cur = curated.pop(qid or row["name"], None)
        linked, candidate, rule = policy.decide(qid, verified, row.where)
        aliases = [a for a in split(row["aliases"]) if a not in DROPPED_ALIASES and a != row["name"]]
        extra = split(cur["aliases"]) if cur else []
        out.append({
            "qid": linked, "candidate_qid": candidate, "label": row["name"], "category": row["kind"],
            "state_qid": cur["state_qid"] if cur else "", "aliases": join(aliases + extra),
            "metonym": "yes" if cur and cur["metonym"] == "yes" else "no", "verified": verified, "policy": rule,
            "sources": join([row["sources"], *([f"curated: {cur['note'] or 'aliases'}"] if cur else [])]),
        })
    if curated:
        raise FactsError(f"{CURATION / 'organizations.csv'}: no facts row for {', '.join(sorted(curated))}")
    return out + extra_organizations(policy)


def extra_organizations(policy: Policy) -> list[dict[str, str]]:
    """Organisations the facts lack as rows: QIDs only where a facts note gives one, else unlinked."""
    out = []
    for row in read_csv(CURATION / "extra_organizations.csv", ["qid", "label", "aliases", "category", "state_qid",
                                                               "sources", "verified"]):
        linked, candidate, rule = policy.decide(row.qid(), status(row["verified"]), row.where)
        out.append({"qid": linked, "candidate_qid": candidate, "label": row["label"], "category": row["category"],
                    "state_qid": row.qid("state_qid"), "aliases": row["aliases"], "metonym": "no",
                    "verified": status(row["verified"]), "policy": rule, "sources": row["sources"]})
    return out


# --- people and tenures -------------------------------------------------------------------------

def build_people(facts: Path, iso3: dict[str, dict[str, str]], policy: Policy
                 ) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rows = read_csv(facts / "leaders.csv", ["qid", "name", "aliases", "state_iso3", "role", "start", "end", "sources",
                                            "verified"])
    rows += congress_rows(facts)
    rows += [Row(values, where) for values, where in speaker_leaders(facts)]
    curated = {row["qid_or_label"]: row for row in read_csv(CURATION / "leaders.csv",
                                                             ["qid_or_label", "aliases", "nominal"])}
    nominal = {key_: row["nominal"] for key_, row in curated.items() if row["nominal"]}
    genders, kin = kfam_genders(facts), kfam_kin(facts)
    people: dict[str, dict[str, str]] = {}
    tenures = []
    for row in rows:
        qid, verified = row.qid(), status(row["verified"])
        state = iso3.get(row["state_iso3"])
        if row["state_iso3"] and state is None:
            raise FactsError(f"{row.where}: unknown state {row['state_iso3']!r}")
        state_qid = (state["qid"] or state["candidate_qid"]) if state else ""
        person = people.get(qid or row["name"])
        if person is None:
            linked, candidate, rule = policy.decide(qid, verified, row.where)
            cur = curated.pop(qid or row["name"], None)
            extra = split(cur["aliases"]) if cur else []
            person = people[qid or row["name"]] = {
                "qid": linked, "candidate_qid": candidate, "label": row["name"], "kind": "Person",
                "state_qid": state_qid, "aliases": join([*split(row["aliases"]), *extra]),
                "offices": "", "gender": genders.get(qid, ""), "kin": kin.get(qid, ""), "verified": verified,
                "policy": rule,
                "sources": row["sources"],
            }
        elif (qid or "") not in {person["qid"], person["candidate_qid"], ""}:
            raise FactsError(f"{row.where}: {row['name']} has QID {qid}, another row gives "
                             f"{person['qid'] or person['candidate_qid']}")
        person["sources"] = merge_sources(person["sources"], row["sources"])
        person["aliases"] = join([*split(person["aliases"]), row["name"], *split(row["aliases"])])
        if row["role"] in ROLES:
            person["kind"] = "Leader"
            person["state_qid"] = person["state_qid"] or state_qid
            check_day(row, "start")
            check_day(row, "end")
            tenures.append({"person": person["label"], "role": ROLES[row["role"]], "state_qid": state_qid,
                            "start": row["start"], "end": row["end"], "nominal": nominal_office(row, nominal),
                            "verified": verified, "sources": row["sources"]})
        elif row["role"] in OFFICES:
            office = describe_office(row, state)
            person["offices"] = join([*split(person["offices"]), office])
            if row["role"] in LEADER_OFFICES:
                person["kind"] = "Leader"
        else:
            raise FactsError(f"{row.where}: unknown role {row['role']!r}")
    for person in people.values():
        person["aliases"] = join([a for a in split(person["aliases"]) if a not in DROPPED_ALIASES
                                  and a != person["label"]])
    if curated:
        unused = sorted(key_ for key_, row in curated.items() if row["aliases"] or key_ not in nominal)
        if unused:
            raise FactsError(f"{CURATION / 'leaders.csv'}: no facts row for {', '.join(unused)}")
    return list(people.values()), tenures


def kfam_genders(facts: Path) -> dict[str, str]:
    """QID -> "f" / "m" from the kfam persons file (Wikidata-derived): "Choe Son Hui ... She said" needs
    to know Choe is a woman, or "she" finds no one and "him" takes her."""
    rows = read_csv(facts / "raw" / "kfam_selected_persons.csv", [0, 2], header=False)
    return {row.qid(0): row[2] for row in rows if row[2] in ("f", "m")}


def kfam_kin(facts: Path) -> dict[str, str]:
    """QID -> "relation:QID;..." from the kfam person-to-person file, where a row (A, B, relation)
    says B is A's relation: Kim Yo-jong gets "sibling:Q56226", so "Kim's sister said" is her."""
    kin: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(facts / "raw" / "kfam_person2person_selected.csv", [0, 1, 2], header=False):
        kin[row.qid(1)].append(f"{row[2]}:{row.qid(0)}")
    return {qid: join(sorted(relations)) for qid, relations in kin.items()}


def nominal_office(row: Row, curated: dict[str, str]) -> str:
    """Why a head of state does not lead the government ("nominal", "constitutional monarch"), if so.

    ``Gazetteer.leaders_of`` lists such holders last, so "the North Korean leader" is Kim Jong-un.
    """
    if row["role"] != "head_of_state":
        return ""
    note = row["sources"].split("|", 1)[1] if "|" in row["sources"] else ""
    if "nominal" in note or "ceremonial" in note:
        return "nominal (facts note)"
    return curated.get(row["qid"] or row["name"], "")


def check_day(row: Row, column: str) -> None:
    if row[column] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column]):
        raise FactsError(f"{row.where}: {column} {row[column]!r} is not a YYYY-MM-DD date")


def merge_sources(*texts: str) -> str:
    """Each facts row's sources stay whole (``;`` already separates sources inside one row)."""
    parts: dict[str, None] = {}
    for text in texts:
        for part in text.split(" || "):
            if part.strip():
                parts.setdefault(part.strip(), None)
    return " || ".join(parts)


def describe_office(row: Row, state: dict[str, str] | None) -> str:
    """A readable office for non-leaders: "minister, United States, 2018-04-26 to 2021-01-20 (Secretary of State)"."""
    note = row["sources"].split("|", 1)[1].strip() if "|" in row["sources"] else ""
    where = state["label"] if state else next((org for key_, org in SECRETARY_GENERAL_OF.items() if key_ in note), "")
    when = f"{row['start'] or '?'} to {row['end'] or 'present'}"
    detail = note.split(";")[0].split(" conflict")[0].strip(" ;")
    return ", ".join(part for part in (OFFICES[row["role"]], where, when) if part) + (f" ({detail})" if detail else "")


def congress_rows(facts: Path) -> list[Row]:
    """US presidents and vice presidents the leaders file lacks, from congress-legislators (raw/).

    Later presidents are in leaders.csv already; the file's "George Bush" is George W. Bush (Q207),
    named in full so he is not confused with his father.
    """
    path = facts / "raw" / "congress_legislators_executive_wikidata.tsv"
    out = []
    for row in read_csv(path, [0, 1, 2, 3, 4], delimiter="\t", header=False):
        name = "George W. Bush" if row[0] == "Q207" else row[1]
        if row[2] == "prez" and row[0] == "Q207":
            roles = ["head_of_state", "head_of_government"]
        elif row[2] == "viceprez":
            roles = ["vice_president"]
        else:
            continue
        for role in roles:
            out.append(Row({"qid": row[0], "name": name, "aliases": "", "state_iso3": "USA", "role": role,
                            "start": row[3], "end": row[4],
                            "sources": "congress-legislators/executive.yaml (raw/congress_legislators_executive_"
                                       "wikidata.tsv) | elected term: the end is the term's scheduled end",
                            "verified": "single-source"}, row.where))
    return merge_consecutive(out)


def merge_consecutive(rows: list[Row]) -> list[Row]:
    """Two consecutive terms (2001-2005, 2005-2009) are one tenure."""
    merged: list[Row] = []
    for row in rows:
        previous = next((m for m in merged if m["qid"] == row["qid"] and m["role"] == row["role"]
                         and m["end"] == row["start"]), None)
        if previous:
            previous.values["end"] = row["end"]
        else:
            merged.append(Row(dict(row.values), row.where))
    return merged


# --- summits and sanctions ----------------------------------------------------------------------

def build_summits(facts: Path, places: list[dict[str, str]], states: dict[str, dict[str, str]]
                  ) -> list[dict[str, str]]:
    rows = read_csv(facts / "summits.csv", ["qid", "name", "start", "end", "location_qid", "location_name",
                                             "participant_qids", "sources", "verified"])
    place_by_qid = {p["qid"] or p["candidate_qid"]: p for p in places if p["qid"] or p["candidate_qid"]}
    place_by_key = {names.key(n): p for p in places for n in [p["label"], *split(p["aliases"])]}
    out = []
    for row in rows:
        location = place_by_qid.get(row.qid("location_qid")) if row["location_qid"] else None
        if location is None:
            pieces = re.split(r"[,/()]", row["location_name"])
            location = next((place_by_key[k] for k in map(names.key, pieces) if k in place_by_key), None)
        if location is None:
            raise FactsError(f"{row.where}: no gazetteer place for {row['location_name']!r}")
        for participant in split(row["participant_qids"]):
            if not QID.match(participant):
                raise FactsError(f"{row.where}: participant {participant!r} is not a QID")
        out.append({
            "qid": row.qid(), "label": row["name"], "start": row["start"], "end": row["end"],
            "location_qid": location["qid"], "location": location["label"], "venue": row["location_name"],
            "participants": row["participant_qids"], "verified": status(row["verified"]), "sources": row["sources"],
        })
    return out


def build_sanctions(facts: Path) -> list[dict[str, str]]:
    rows = read_csv(facts / "sanctions.csv", ["qid", "name", "imposer_qid", "target_qid", "date", "sources",
                                               "verified"])
    out = []
    for row in rows:
        aliases, instrument = [], "no"
        if match := UNSC_RESOLUTION.match(row["name"]):
            number = match.group(1)
            instrument = "yes"
            aliases = [f"{body} Resolution {number}" for body in ("UN Security Council", "U.N. Security Council",
                                                                   "Security Council", "UNSC")]
            aliases += [f"UNSCR {number}", f"Resolution {number}"]
        elif row["name"].startswith("Countering America's Adversaries Through Sanctions Act"):
            instrument, aliases = "yes", ["CAATSA", "Countering America's Adversaries Through Sanctions Act"]
        out.append({
            "qid": row.qid(), "label": row["name"], "instrument": instrument, "aliases": join(aliases),
            "imposers": row["imposer_qid"], "targets": row["target_qid"], "date": row["date"],
            "verified": status(row["verified"]), "sources": row["sources"],
        })
    return out


# --- checks and output --------------------------------------------------------------------------

KIND_OF_TABLE = {"states.csv": "State", "places.csv": "Place", "organizations.csv": "Organization"}


def check_unique_labels(tables: dict[str, list[dict[str, str]]]) -> None:
    """Labels must be unique per kind: the IRI of an entity is minted from its kind and label."""
    from diplograph.ingest.iris import slug

    seen: dict[tuple[str, str], str] = {}
    for table, rows in tables.items():
        if table not in KIND_OF_TABLE and table != "people.csv":
            continue
        for row in rows:
            kind = row.get("kind") or KIND_OF_TABLE[table]
            key = (kind, slug(row["label"]))
            if key in seen:
                raise FactsError(f"{table}: {kind} label {row['label']!r} has the same IRI as {seen[key]!r}")
            seen[key] = row["label"]


def render(rows: list[dict[str, str]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@click.command()
@click.argument("facts", type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Fail if the shipped files differ from a fresh build; write nothing.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=HERE, show_default=True)
def main(facts: Path, check: bool, output: Path) -> None:
    """Build the gazetteer CSVs from the shared facts folder and the curation files."""
    if not facts.is_dir():
        raise click.ClickException(f"{facts}: facts folder not found (it is ../shared/facts in the team checkout)")
    try:
        tables = build(facts)
    except FactsError as error:
        raise click.ClickException(str(error)) from None
    stale = []
    for name, rows in tables.items():
        text = render(rows, COLUMNS[name])
        path = output / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.write_text(text, encoding="utf-8")
        click.echo(f"{path}: {len(rows)} rows", err=True)
    if stale:
        click.echo(f"out of date: {', '.join(stale)} (run without --check to rebuild)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
