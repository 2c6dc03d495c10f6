"""Cut an article's text into runs at the offsets of its mentions and claim sentences.

Spans may nest or overlap (a mention inside a claim's sentence), so the text is cut at every span
boundary into flat runs, each knowing which spans cover it; the template wraps each run in its
marks. Offsets are Python string indices (code points), as ingest wrote them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    begin: int
    end: int
    kind: str  # "mention", "claim" or "focus"
    target: str = ""  # the IRI the span stands for
    label: str = ""
    type: str = ""

    @property
    def anchor(self) -> str:
        """The fragment of the span's IRI (``{article}#char=b,e``)."""
        return f"char={self.begin},{self.end}"


@dataclass
class Run:
    text: str
    marks: list[Mark] = field(default_factory=list)
    starts: list[Mark] = field(default_factory=list)  # spans beginning here (anchors for #char=b,e)

    def all_of(self, kind: str) -> list[Mark]:
        return [m for m in self.marks if m.kind == kind]

    def of_kind(self, kind: str) -> Mark | None:
        """The innermost (shortest) span of ``kind`` covering this run."""
        found = [m for m in self.marks if m.kind == kind]
        return min(found, key=lambda m: m.end - m.begin) if found else None


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """``text`` as consecutive runs; spans outside the text or empty are ignored."""
    valid = [m for m in marks if 0 <= m.begin < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.begin for m in valid), *(m.end for m in valid)})
    result = []
    for start, stop in itertools.pairwise(cuts):
        covering = [m for m in valid if m.begin <= start and stop <= m.end]
        starting = [m for m in valid if m.begin == start]
        result.append(Run(text[start:stop], covering, starting))
    return result


def window(text: str, begin: int, end: int, around: int = 1) -> tuple[int, int]:
    """Bounds of the paragraph holding ``begin:end`` and ``around`` paragraphs either side (its context)."""
    start = text.rfind("\n\n", 0, begin)
    start = 0 if start < 0 else start + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop < 0 else stop
    for _ in range(around):
        previous = text.rfind("\n\n", 0, max(start - 2, 0))
        start = 0 if previous < 0 else previous + 2
        following = text.find("\n\n", stop + 2) if stop < len(text) else -1
        stop = len(text) if following < 0 else following
    return start, stop
