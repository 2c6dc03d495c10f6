"""Mentions with the same imposers and targets are one sanction, for ``sanctions``: an agency and its
state count as the state ("the United States eased sanctions" and "the Treasury announced measures"), a
sanction with no imposer joins the one regime on its targets, and each sanction gets its label and key.
"""

from __future__ import annotations

from diplograph.ingest.entities import EntityIndex
from diplograph.ingest.facts import Sanction
from diplograph.ingest.sanction_imposers import agency_state


def merge(found: list[Sanction], index: EntityIndex) -> list[Sanction]:
    merged: dict[tuple[tuple[str, ...], tuple[str, ...]], Sanction] = {}
    for s in found:
        # "the United States eased sanctions" and "the Treasury announced measures" on the same target:
        # one regime of that state, named as its first mention names it
        states = tuple(sorted(k for k in s.imposers if agency_state(index, k) not in s.imposers))
        ident = (states, tuple(sorted(s.targets)))
        if ident in merged:
            kept = merged[ident]
            kept.legal_basis = kept.legal_basis or s.legal_basis
            kept.status = kept.status or s.status
            kept.start = kept.start or s.start
            kept.confidence = max(kept.confidence, s.confidence)
        else:
            merged[ident] = s
    kept_all = list(merged.values())
    for s in [s for s in kept_all if not s.imposers]:
        # "sanctions on North Korea would remain": the one regime on that target the article names
        fuller = [o for o in kept_all if o is not s and o.imposers and set(s.targets) <= set(o.targets)]
        if len(fuller) == 1:
            fuller[0].legal_basis = fuller[0].legal_basis or s.legal_basis
            kept_all.remove(s)
    out = []
    for s in kept_all:
        imposers = " and ".join(index.entities[k].label for k in s.imposers) or "unknown imposer"
        targets = " and ".join(index.entities[k].label for k in s.targets) or "unknown target"
        s.label = f"{imposers} sanctions on {targets}"
        s.key = " ".join(["sanction", *sorted(s.imposers), "on", *sorted(s.targets), s.legal_basis or ""]).strip()
        out.append(s)
    return out
