"""Old against new text of the canned and page queries: same rows, and how long each takes.

    python3 benchmarks/query_rewrite_check.py --store /tmp/q-1k [--old HEAD] [--time 3] [--only claims,SUMMITS]

The old text comes from git (``--old``, a commit), the new from the working tree: every
``queries/*.rq`` that runs offline and every SELECT/CONSTRUCT constant of ``server/page_queries.py``.
Each runs against the store's default graph with its parameters unbound (when optional) and bound
to one value of each class the store holds: its most and least mentioned leader, its most
mentioned state, a government, a group, a summit, a sanction, a claim, an article, and an IRI it
does not know. Rows are compared as multisets, with any LIMIT removed so a LIMIT without ORDER BY
cannot pick different rows. A ``SAMPLE`` may pick another of a node's values when it has several (a
summit named two ways): such a column only has to hold one of them (printed ``same*``). With
``--time N`` it also prints the median of N runs of each query as shipped (LIMIT kept), old and new,
unbound and for the most mentioned leader and state (page queries about an article, a claim or a
summit: one of those).
"""

from __future__ import annotations

import argparse
import ast
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from diplograph.store import Store

ROOT = Path(__file__).resolve().parent.parent
PAGE_QUERIES = "server/page_queries.py"
ONLINE = {"leader-profile-wikidata", "state-population-wikidata"}  # need Wikidata's SERVICE
ID = "https://w3id.org/diplograph/id/"
UNKNOWN = ox.NamedNode(ID + "leader/nobody-at-all")
PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# Columns a SAMPLE fills: the node whose value it is and the property it comes from.
SAMPLED = {
    "claims-about": {"claimantLabel": ("claimant", "rdfs:label")},
    "leader-profile": {"label": ("leader", "rdfs:label")},
    "sanctions-timeline": {"imposerLabel": ("imposer", "rdfs:label"), "targetLabel": ("target", "rdfs:label")},
    "summits-between": {"label": ("summit", "rdfs:label"), "location": ("summit", "dg:location")},
    "FACTS": {"oLabel": ("o", "rdfs:label|dg:title|dg:claimText")},
    "INCOMING": {"xLabel": ("x", "rdfs:label|dg:title|dg:claimText"), "xType": ("x", "a")},
    "NEIGHBOURS": {"nLabel": ("n", "rdfs:label|dg:title|dg:claimText"), "nType": ("n", "a")},
    "SUMMITS": {"label": ("event", "rdfs:label"), "place": ("event", "dg:location/rdfs:label"),
                "status": ("event", "dg:eventStatus")},
    "SANCTIONS": {"label": ("event", "rdfs:label"), "status": ("event", "dg:sanctionStatus")},
    "ARTICLE_MARKS": {"label": ("target", "rdfs:label|dg:claimText"), "type": ("target", "a")},
}
# GROUP_CONCAT joins distinct values in whatever order the groups met them.
CONCATENATED = {"SANCTIONS": {"others": ", "}, "sanctions-timeline": {"statuses": " "}}
# What a query is timed with when not the most mentioned leader and state (and unbound, if allowed).
TIMED = {"entities": ("article",), "EVIDENCE": ("summit", "claim"), "ARTICLE": ("article",),
         "ARTICLE_MARKS": ("article",), "GRAPH_SUMMARY": ("article",), "CLAIM": ("claim",),
         "DESCRIPTION": ("top-leader", "article")}
LIMIT = re.compile(r"\s+LIMIT\s+\d+\s*$")
PARAM = re.compile(r"^#\+ param: (\S+) \S+ (required|optional)", re.M)
POOL = {
    "top-leader": "?x a dg:Leader . ?a dg:mentions ?x", "rare-leader": "?x a dg:Leader . ?a dg:mentions ?x",
    "top-state": "?x a dg:State . ?a dg:mentions ?x", "government": "?x a dg:Government . ?a dg:mentions ?x",
    "group": "?x a dg:Group . ?a dg:claimant ?x", "summit": "?x a dg:Summit . ?a dg:mentions ?x",
    "sanction": "?x a dg:Sanction . ?a dg:mentions ?x", "claim": "?x a dg:Claim ; dg:about ?a",
    "article": "?x a dg:Article ; dg:mentions ?a",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a diplograph store (with its default graph)")
    parser.add_argument("--old", default="HEAD", help="the commit holding the old text (default HEAD)")
    parser.add_argument("--time", type=int, default=0, metavar="N", help="also time old and new, median of N runs")
    parser.add_argument("--no-check", action="store_true", help="time only, do not compare rows")
    parser.add_argument("--only", default="", help="comma-separated query names")
    args = parser.parse_args()
    store = Store(args.store, read_only=True)
    pool = value_pool(store)
    names = {term.value: name for name, term in pool.items()}
    print("values:", ", ".join(f"{name}={term.value.removeprefix(ID)}" for name, term in pool.items()))
    old, new = queries(args.old), queries(None)
    failures = 0
    for name, (text, params) in new.items():
        if name not in old or (args.only and name not in args.only.split(",")):
            continue
        tried = cases(params, pool)
        if not args.no_check:
            failures += sum(not same(store, name, old[name][0], text, case, names) for case in tried)
        timed = {pool[kind] for kind in TIMED.get(name, ("top-leader", "top-state")) if kind in pool}
        for case in [c for c in tried if set(c.values()) <= timed] if args.time else []:
            before, after = seconds(store, old[name][0], case, args.time), seconds(store, text, case, args.time)
            print(f"TIME {name:20} {describe(case, names):34} old {before:8.3f} s  new {after:8.3f} s  "
                  f"x{before / after:8.1f}", flush=True)
    print("all the same" if not failures else f"{failures} differences")
    return 1 if failures else 0


def queries(commit: str | None) -> dict[str, tuple[str, list[str]]]:
    """Name -> (text, parameter names) at ``commit``, or in the working tree for None."""
    def read(path: str) -> str | None:
        if commit is None:
            return (ROOT / path).read_text(encoding="utf-8")
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], capture_output=True, text=True)
        return shown.stdout if shown.returncode == 0 else None  # a query added since

    found = {}
    for rq in sorted((ROOT / "queries").glob("*.rq")):
        text = read(f"queries/{rq.name}")
        if rq.stem not in ONLINE and text is not None:
            found[rq.stem] = (text, PARAM.findall(text))
    module = ast.parse(read(PAGE_QUERIES))
    constants = {node.targets[0].id: node.value.value for node in module.body
                 if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
    for name, text in constants.items():
        if re.match(r"\s*(SELECT|CONSTRUCT)", text):
            found[name] = (constants["PREFIXES"] + text, [("g" if "GRAPH ?g" in text else "s", "required")])
    return found


def value_pool(store: Store) -> dict[str, ox.NamedNode]:
    """One IRI per class of value: the most (or least) mentioned of each kind in this store."""
    pool = {}
    for name, pattern in POOL.items():
        order = "ASC" if name.startswith("rare") else "DESC"
        rows = list(store.query(f"{PREFIXES}SELECT ?x (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {pattern} }} "
                                f"GROUP BY ?x ORDER BY {order}(?n) ?x LIMIT 1"))
        if rows:
            pool[name] = rows[0]["x"]
    pool["unknown"] = UNKNOWN
    return pool


def cases(params: list[tuple[str, str]], pool: dict[str, ox.NamedNode]) -> list[dict[str, ox.NamedNode]]:
    """Every binding of the parameters to try: unbound when optional, then each class of value."""
    if len(params) == 2:  # summits-between: parties that met, either way round, and strangers
        (first, _), (second, _) = params
        pairs = [("top-leader", "top-state"), ("top-state", "top-leader"), ("top-leader", "rare-leader"),
                 ("top-state", "government"), ("top-leader", "unknown")]
        return [{first: pool[a], second: pool[b]} for a, b in pairs if a in pool and b in pool]
    found = [{}] if not params or params[0][1] == "optional" else []
    if params:
        found += [{params[0][0]: term} for term in pool.values()]
    return found


def same(store: Store, name: str, old: str, new: str, case: dict, names: dict[str, str]) -> bool:
    """Compare old and new rows for one binding; print the verdict and any difference."""
    before, after = rows(store, old, case), rows(store, new, case)
    exact = before == after
    verdict = exact or explained(store, name, before, after)
    print(f"{'same' if exact else 'same*' if verdict else 'DIFFERENT'} {name:20} {describe(case, names):34} "
          f"{sum(before.values()):6} rows old, {sum(after.values()):6} new", flush=True)
    if not verdict:
        for row in list((before - after).elements())[:5]:
            print("   only old:", dict(row))
        for row in list((after - before).elements())[:5]:
            print("   only new:", dict(row))
    return verdict


def rows(store: Store, text: str, bindings: dict) -> Counter:
    """The answer as a multiset of rows (CONSTRUCT: of triples), whatever the LIMIT."""
    answer = store.query(LIMIT.sub("", text), bindings=bindings)
    if isinstance(answer, ox.QueryTriples):
        return Counter((("triple", str(t)),) for t in answer)
    columns = [v.value for v in answer.variables]
    return Counter(tuple((n, str(row[n])) for n in columns if row[n] is not None) for row in answer)


def explained(store: Store, name: str, before: Counter, after: Counter) -> bool:
    """Equal once sampled columns are dropped and concatenations sorted, every sample a real value."""
    sampled, joined = SAMPLED.get(name, {}), CONCATENATED.get(name, {})
    if not sampled and not joined:
        return False

    def normal(row: tuple) -> tuple:
        return tuple((n, " ".join(sorted(v.split(joined[n]))) if n in joined else v)
                     for n, v in row if n not in sampled)

    if Counter(normal(r) for r in before.elements()) != Counter(normal(r) for r in after.elements()):
        return False
    for row in after:
        values = dict(row)
        for column, (node, path) in sampled.items():
            if column in values and not store.query(f"{PREFIXES}ASK {{ {values[node]} {path} {values[column]} }}"):
                return False
    return True


def seconds(store: Store, text: str, bindings: dict, runs: int) -> float:
    """Median wall time of ``runs`` runs, reading every row."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in store.query(text, bindings=bindings):
            pass
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def describe(case: dict, names: dict[str, str]) -> str:
    if not case:
        return "(unbound)"
    return " ".join(f"{key}={names.get(term.value, term.value)}" for key, term in case.items())


if __name__ == "__main__":
    sys.exit(main())
