"""A pipeline step before the parser: a sentence starts after a blank line (and, in a text whose
paragraphs each sit on one line, after any line break; hard-wrapped text breaks at blank lines only).

Scraped pages put a section line, a standfirst, photo captions, bylines and "More on:" lists on
lines of their own, most without a full stop; the parser would otherwise run them into the next
sentence ("What Beijing gave Xi said ...", Xi taken as the object of "gave"). spaCy's parser keeps
sentence starts that an earlier component has set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "diplograph_paragraphs"
STRUCTURAL_LINE = 100  # a text with a line this long keeps paragraphs on one line: its breaks are structure


def breaks_lines(text: str) -> bool:
    """Whether every line break of ``text`` ends a unit (not only blank lines)."""
    return any(len(line) > STRUCTURAL_LINE for line in text.split("\n"))


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    single = breaks_lines(doc.text)
    for token in doc[:-1]:
        if token.is_space and ("\n\n" in token.text or (single and "\n" in token.text)):
            doc[token.i + 1].is_sent_start = True
    return doc


def with_paragraphs(nlp: Language) -> Language:
    """``nlp`` with the step added before its parser (once)."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
