"""Online Wikidata linking for ``diplograph link --online``: search, type check, rank, explain.

Offline linking (the gazetteer) comes first; this resolver is for what it leaves unlinked and is
only used on the explicit ``--online`` flag. For a label and an entity kind it:

1. asks Wikidata's search API (``wbsearchentities``) for candidate items;
2. asks the SPARQL service which candidates satisfy the kind's type constraint (a Leader must be a
   human (Q5) holding a position (P39); a State a sovereign state (Q3624078) or country (Q6256); ...);
3. ranks what is left by how the name matched (label before alias) and by sitelink count, and links
   only when one candidate clearly wins: an empty link beats a wrong one.

Every answer from Wikidata is kept in a disk cache, requests carry a descriptive User-Agent, are
spaced by a minimum interval and back off on 429/503 as ``Retry-After`` says. Endpoints are
configurable (``$DIPLOGRAPH_WIKIDATA_API``, ``$DIPLOGRAPH_WIKIDATA_SPARQL``) for mirrors and tests.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

import requests

from diplograph import __version__

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
ENTITY = "http://www.wikidata.org/entity/"
USER_AGENT = (f"diplograph/{__version__} (https://w3id.org/diplograph; knowledge-graph builder for geopolitics) "
              f"python-requests/{requests.__version__}")

PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# What an item must be to stand for an entity of each kind; ?via is what proves it (shown as evidence).
TYPE_CONSTRAINTS = {
    "Leader": "?item wdt:P31 wd:Q5 ; wdt:P39 ?via .",
    "Person": "?item wdt:P31 wd:Q5 . BIND(wd:Q5 AS ?via)",
    "State": "VALUES ?via { wd:Q3624078 wd:Q6256 } ?item wdt:P31 ?via .",
    "Organization": "?item wdt:P31 ?via . ?via wdt:P279* wd:Q43229 .",
    "Government": "?item wdt:P31 ?via . ?via wdt:P279* wd:Q7188 .",
    "Place": "?item wdt:P625 ?coordinates . BIND(wdt:P625 AS ?via)",
}
# How much a name match counts: Wikidata's label is stronger evidence than one of its aliases.
MATCH_WEIGHT = {"label": 1.0, "alias": 0.85}
MIN_CONFIDENCE = 0.6


class WikidataError(Exception):
    """Wikidata (or the configured stand-in) could not answer; the message says what to do."""


@dataclass(frozen=True)
class Endpoints:
    api: str = field(default_factory=lambda: os.environ.get("DIPLOGRAPH_WIKIDATA_API", WIKIDATA_API))
    sparql: str = field(default_factory=lambda: os.environ.get("DIPLOGRAPH_WIKIDATA_SPARQL", WIKIDATA_SPARQL))


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/diplograph/wikidata`` (``~/.cache/...``)."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "diplograph" / "wikidata"


class DiskCache:
    """One JSON file per request, named by a hash of its URL and parameters; entries expire after ``max_age``."""

    def __init__(self, directory: Path, max_age: float = 30 * 86400) -> None:
        self.directory = directory
        self.max_age = max_age

    def _path(self, url: str, params: dict[str, str]) -> Path:
        key = hashlib.sha256(json.dumps([url, sorted(params.items())]).encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, url: str, params: dict[str, str]) -> dict | None:
        path = self._path(url, params)
        try:
            if time.time() - path.stat().st_mtime > self.max_age:
                return None
            return json.loads(path.read_text(encoding="utf-8"))["response"]
        except (OSError, ValueError, KeyError):
            return None  # absent, expired or unreadable: ask again

    def put(self, url: str, params: dict[str, str], response: dict) -> None:
        path = self._path(url, params)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({"url": url, "params": params, "response": response}), encoding="utf-8")
        partial.replace(path)  # atomic: a crash never leaves a half-written entry


class WikidataClient:
    """HTTP access to the search API and the SPARQL service: cached, polite and patient."""

    def __init__(
        self,
        endpoints: Endpoints | None = None,
        cache: DiskCache | None = None,
        *,
        user_agent: str = USER_AGENT,
        min_interval: float = 1.0,
        max_retries: int = 4,
        max_wait: float = 120.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoints = endpoints or Endpoints()
        self.cache = cache or DiskCache(default_cache_dir())
        self.min_interval = min_interval
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self._last_request = -math.inf

    def search(self, label: str, language: str = "en", limit: int = 10) -> list[dict]:
        """``wbsearchentities`` hits for ``label``, in Wikidata's relevance order."""
        params = {"action": "wbsearchentities", "search": label, "language": language, "uselang": language,
                  "type": "item", "limit": str(limit), "format": "json", "maxlag": "5"}
        answer = self._get_json(self.endpoints.api, params, accept="application/json")
        if "error" in answer:
            raise WikidataError(f"Wikidata search for {label!r} failed: {answer['error'].get('info', answer['error'])}")
        return answer.get("search", [])

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SPARQL SELECT; each row maps variable names to plain values."""
        answer = self._get_json(self.endpoints.sparql, {"query": query}, accept="application/sparql-results+json")
        return [{name: term["value"] for name, term in row.items()} for row in answer["results"]["bindings"]]

    def _get_json(self, url: str, params: dict[str, str], *, accept: str) -> dict:
        if (cached := self.cache.get(url, params)) is not None:
            return cached
        answer = self._fetch(url, params, accept)
        self.cache.put(url, params, answer)
        return answer

    def _fetch(self, url: str, params: dict[str, str], accept: str) -> dict:
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            try:
                response = self.session.get(url, params=params, headers={"Accept": accept}, timeout=self.timeout)
            except requests.RequestException as error:
                raise WikidataError(f"cannot reach {url}: {error}") from error
            finally:
                self._last_request = time.monotonic()
            lagged = response.status_code == 200 and _is_maxlag(response)
            if response.status_code in (429, 503) or lagged:
                self._back_off(url, response, attempt)
                continue
            if response.status_code != 200:
                raise WikidataError(f"{url} answered HTTP {response.status_code}: {response.text[:200]}")
            try:
                return response.json()
            except ValueError as error:
                raise WikidataError(f"{url} did not answer JSON: {response.text[:200]!r}") from error
        raise WikidataError(f"{url} is still rate-limiting after {self.max_retries} retries; try again later")

    def _wait_turn(self) -> None:
        """Keep at least ``min_interval`` seconds between one answer and the next request."""
        delay = self._last_request + self.min_interval - time.monotonic()
        if delay > 0:
            self.sleep(delay)

    def _back_off(self, url: str, response: requests.Response, attempt: int) -> None:
        """Wait as long as ``Retry-After`` asks (else exponentially), but never beyond ``max_wait``."""
        wait = _retry_after(response.headers.get("Retry-After"))
        if wait is None:
            wait = 2.0 ** attempt
        if wait > self.max_wait:
            raise WikidataError(f"{url} asks to wait {wait:.0f} s (HTTP {response.status_code}), more than "
                                f"the {self.max_wait:.0f} s allowed; try again later")
        self.sleep(wait)


def _is_maxlag(response: requests.Response) -> bool:
    """The search API reports replication lag as a 200 with error code ``maxlag``."""
    try:
        return response.json().get("error", {}).get("code") == "maxlag"
    except ValueError:
        return False


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` is either seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Candidate:
    qid: str
    label: str
    description: str
    match_type: str  # "label" or "alias"
    matched_text: str
    rank: int  # 1-based position in Wikidata's search results
    sitelinks: int = 0
    proof: tuple[str, ...] = ()  # what satisfied the type constraint, e.g. a position held

    @property
    def score(self) -> float:
        return MATCH_WEIGHT.get(self.match_type, 0.5)


@dataclass(frozen=True)
class Link:
    """A decided link: the item, how sure we are, and the evidence a user can audit."""

    qid: str
    confidence: float
    evidence: str

    @property
    def iri(self) -> str:
        return ENTITY + self.qid


class OnlineLinker:
    """Resolves a label of a given kind to a Wikidata item, or to nothing when unsure."""

    def __init__(self, client: WikidataClient, language: str = "en") -> None:
        self.client = client
        self.language = language

    def link(self, label: str, kind: str) -> Link | None:
        if kind not in TYPE_CONSTRAINTS:
            return None  # e.g. a Group ("analysts") has no Wikidata item
        hits = self.client.search(label, self.language)
        candidates = self._typed_candidates(hits, kind)
        return decide(label, kind, candidates, searched=len(hits))

    def _typed_candidates(self, hits: list[dict], kind: str) -> list[Candidate]:
        """The search hits that satisfy the kind's type constraint, with sitelinks and proof."""
        found = {hit["id"]: (rank, hit) for rank, hit in enumerate(hits, 1) if hit.get("id", "").startswith("Q")}
        if not found:
            return []
        rows = self.client.select(type_query(sorted(found), kind, self.language))
        proofs: dict[str, list[str]] = {}
        sitelinks: dict[str, int] = {}
        for row in rows:
            qid = row["item"].removeprefix(ENTITY)
            proof = row.get("viaLabel") or row["via"].rsplit("/", 1)[-1]
            proofs.setdefault(qid, []).append(f"{proof} ({row['via'].rsplit('/', 1)[-1]})")
            sitelinks[qid] = int(row.get("sitelinks", 0))
        candidates = []
        for qid, proof in proofs.items():
            rank, hit = found[qid]
            match = hit.get("match", {})
            candidates.append(Candidate(qid, hit.get("label", ""), hit.get("description", ""),
                                        match.get("type", ""), match.get("text", ""), rank,
                                        sitelinks.get(qid, 0), tuple(sorted(set(proof)))))
        return candidates


def type_query(qids: list[str], kind: str, language: str = "en") -> str:
    """SPARQL that keeps the items satisfying ``kind``'s constraint; prefixes spelt out for any endpoint."""
    values = " ".join(f"wd:{qid}" for qid in qids)
    return (f"{PREFIXES}SELECT ?item ?via ?viaLabel ?sitelinks WHERE {{\n"
            f"  VALUES ?item {{ {values} }}\n  {TYPE_CONSTRAINTS[kind]}\n"
            f"  OPTIONAL {{ ?item wikibase:sitelinks ?sitelinks }}\n"
            f"  OPTIONAL {{ ?via rdfs:label ?viaLabel FILTER(LANG(?viaLabel) = \"{language}\") }}\n}}")


def decide(label: str, kind: str, candidates: list[Candidate], *, searched: int) -> Link | None:
    """Pick the best candidate by name match, then sitelinks; refuse when the runner-up is close.

    Confidence is the name-match weight times the winner's share of the sitelinks among the
    candidates that matched as well as it did (a clear winner keeps nearly all of it).
    """
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (-c.score, -c.sitelinks, c.rank))
    best = ranked[0]
    rivals = [c for c in ranked[1:] if c.score == best.score]
    share = (best.sitelinks + 1) / sum(c.sitelinks + 1 for c in [best, *rivals])
    confidence = round(best.score * share, 3)
    if confidence < MIN_CONFIDENCE:
        return None
    rival_text = "; ".join(f"{c.qid} {c.label!r} ({c.sitelinks} sitelinks)" for c in ranked[1:]) or "none"
    evidence = (f"Wikidata search {label!r} ranked {best.qid} {best.label!r} #{best.rank} of {searched} "
                f"({best.match_type} match {best.matched_text!r}); type {kind}: {', '.join(best.proof)}; "
                f"{best.sitelinks} sitelinks; other type-valid candidates: {rival_text}")
    return Link(best.qid, confidence, evidence)
