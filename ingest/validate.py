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

from collections.abc import Sequence
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
        return self.check_each([mapped])[0]

    def check_each(self, batch: Sequence[Mapped]) -> list[Checked]:
        """Each article checked on its own, a batch per run of the queries (Oxigraph's cost per query
        is mostly fixed); only articles that lost a part are checked again."""
        checked = [Checked(list(m.parts), list(m.warnings), {}) for m in batch]
        pending = checked
        for _ in range(MAX_ROUNDS):
            if not pending:
                break
            found = self.shapes.problems_of_each([[q for part in c.parts for q in part.quads] for c in pending])
            pending = [c for c, problems in zip(pending, found, strict=True) if _drop_violators(c, problems)]
        return checked


def _drop_violators(checked: Checked, problems: list[Problem]) -> bool:
    """Drop the parts that ``problems`` show in violation; whether any was dropped (then check again)."""
    doomed: dict[int, tuple[Part, list[str]]] = {}
    for problem in sorted((p for p in problems if p.severity == "Violation"), key=str):
        owner = _owner(checked.parts, problem.focus)
        if owner is None or owner.kind == "article":
            checked.warnings.append(f"SHACL: {problem.focus}: {_what(problem)} (kept: it is the article itself)")
            continue
        doomed.setdefault(id(owner), (owner, []))[1].append(_what(problem))
    for owner, messages in doomed.values():
        checked.warnings.append(f"SHACL: dropped {owner.description}: {'; '.join(sorted(set(messages)))}")
        checked.dropped[owner.kind] = checked.dropped.get(owner.kind, 0) + 1
    checked.parts = [p for p in checked.parts if id(p) not in doomed]
    return bool(doomed)


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

