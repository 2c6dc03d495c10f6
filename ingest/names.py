"""How a surface form becomes a lookup key: one function used to index the gazetteer and to query it.

"U.S." and "US", "Kim Jong-un" and "Kim Jong Un", "Côte d'Ivoire" and "Cote d'Ivoire", "the
Kremlin" and "Kremlin", "America's" and "America" all give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\-\u2010-\u2015\u2212_/]+")
_DROP = re.compile(r"[.,()\"\u201c\u201d]")
# at the end of every word: spaCy splits "People's" into "People" and "'s", and a name's key must be its
# tokens' keys joined ("Democratic People's Republic of Korea" would otherwise match from "Republic of Korea" on)
_POSSESSIVE = re.compile(r"(?:'s|')(?= |$)", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def key(surface: str, *, keep_case: bool = False) -> str:
    """The lookup key of ``surface``: no diacritics, dots, hyphens, leading "the" or possessive 's on any word.

    Case is folded unless ``keep_case`` (acronyms such as "US" or "WHO" match only in capitals).
    Cached: extraction keys every capitalised token of every article, and the words recur.
    """
    text = unicodedata.normalize("NFKD", surface.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text)
    text = _DASHES.sub(" ", text)
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip(" '")
    return text if keep_case else text.casefold()


def is_case_sensitive(alias: str) -> bool:
    """Acronyms ("US", "UN", "DPRK", "DoS") and very short names ("Xi") match only as written.

    Folded, they would be ordinary words ("us", "who", "xi"), which would turn prose into links.
    """
    compact = _DROP.sub("", alias)
    if " " in compact.strip():
        return False
    letters = [ch for ch in compact if ch.isalpha()]
    return len(letters) <= 3 or sum(ch.isupper() for ch in letters) >= 2
