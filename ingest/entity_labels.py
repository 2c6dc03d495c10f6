"""Transcript labels that give an office only (a step of ``entities``): "THE PRESIDENT:" opening a turn
names the speaker, never the leader the text named last ("... thank President Trong. THE PRESIDENT:").
The speaker is the leader the article's title gives that office ("Remarks by President Trump in Press
Conference"), else no one; the office-noun rules leave such a label alone either way.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from diplograph.ingest.entity_index import EntityIndex
from diplograph.ingest.spans import line_opening, text_of

OFFICE_LABEL = re.compile(r"^[ \t]*(?P<label>(?:the[ \t]+)?(?P<office>president|prime[ \t]+minister|chancellor|"
                          r"premier))[ \t]*:[ \t]", re.IGNORECASE | re.MULTILINE)
TITLED_NAME = re.compile(r"\b(?P<office>President|Prime Minister|Chancellor|Premier)[ \t]+"
                         r"(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3})")


def match_office_labels(index: EntityIndex, title: str | None) -> None:
    """Each office label is a mention of the leader the title names with that office, if one."""
    doc = index.doc
    text = text_of(doc)
    for match in OFFICE_LABEL.finditer(text):
        key = _titled_leader(index, title, _office(match["office"]))
        span = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
        if key is not None and span is not None:
            index.add(span.start, span.end, key, span.text, 0.7)


def in_office_label(token: Token) -> bool:
    """The token is part of an office label opening its line ("THE PRESIDENT: Thank you ...")."""
    label = line_opening(token, OFFICE_LABEL)
    return label is not None and token.idx < label.end("label")


def _titled_leader(index: EntityIndex, title: str | None, office: str) -> str | None:
    """The one known leader the title names after this office ("President Trump", "Prime Minister
    Shinzo Abe"): the longest run of capitalised words after the office that the gazetteer knows."""
    found = set()
    for match in TITLED_NAME.finditer(title or ""):
        if _office(match["office"]) != office:
            continue
        words = match["name"].split()
        for end in range(len(words), 0, -1):
            leaders = {e.qid or e.label: e for e in index.gaz.lookup(" ".join(words[:end])) if e.kind == "Leader"}
            if leaders:
                if len(leaders) == 1:
                    found.add(next(iter(leaders.values())))
                break
    return index.entity_for(found.pop(), "Leader") if len(found) == 1 else None


def _office(words: str) -> str:
    return " ".join(words.lower().split())
