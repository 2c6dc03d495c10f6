"""SHACL validation before anything is committed: facts that violate the shapes are dropped, never the article.

The check itself is ``diplograph.ontology.compiled``: the shapes compiled once per process into
SPARQL that Oxigraph runs over the article's quads, with the same results as pyshacl's
``diplograph.ontology.validate`` (tests/ontology/test_compiled_shapes.py) at a fraction of its cost
(pyshacl took longer than spaCy's parse). What is ingest's own is what a violation costs: a
violation whose focus node belongs to a fact or entity drops that whole part, with a warning; the
check repeats, since dropping an entity can leave a fact pointing at nothing.
A violation on the article node itself is reported and the article kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from diplograph.ingest.triples import Mapped, Part
from diplograph.ontology.compiled import compiled
from diplograph.ontology.validate import Problem

MAX_ROUNDS = 5


@dataclass
class Checked:
    parts: list[Part]
    warnings: list[str]
    dropped: dict[str, int]  # part kind -> how many were dropped


class Validator:
    """Checks mapped articles against the project's shapes (as article data: traceable)."""

    def __init__(self) -> None:
        self.shapes = compiled(traceable=True)

    def check(self, mapped: Mapped) -> Checked:
        parts = list(mapped.parts)
        warnings = list(mapped.warnings)
        dropped: dict[str, int] = {}
        for _ in range(MAX_ROUNDS):
            doomed: dict[int, tuple[Part, list[str]]] = {}
            problems = self.shapes.problems(q for part in parts for q in part.quads)
            for problem in sorted((p for p in problems if p.severity == "Violation"), key=str):
                owner = _owner(parts, problem.focus)
                if owner is None or owner.kind == "article":
                    warnings.append(f"SHACL: {problem.focus}: {_what(problem)} (kept: it is the article itself)")
                    continue
                doomed.setdefault(id(owner), (owner, []))[1].append(_what(problem))
            if not doomed:
                break
            for owner, messages in doomed.values():
                warnings.append(f"SHACL: dropped {owner.description}: {'; '.join(sorted(set(messages)))}")
                dropped[owner.kind] = dropped.get(owner.kind, 0) + 1
            parts = [p for p in parts if id(p) not in doomed]
        return Checked(parts, warnings, dropped)


def _what(problem: Problem) -> str:
    return f"{problem.path}: {problem.message}" if problem.path else problem.message


def _owner(parts: list[Part], focus: str) -> Part | None:
    """The part a focus node belongs to: the part whose node it is, else the first that describes it."""
    for part in parts:
        if part.node.value == focus:
            return part
    for part in parts:
        if any(isinstance(q.subject, ox.NamedNode) and q.subject.value == focus for q in part.quads):
            return part
    return None

