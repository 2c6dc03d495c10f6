"""Deterministic IRIs: the same entity, summit or sanction gets the same IRI from every article.

Scheme, under the configurable base (``Settings.base``)::

    {base}id/{kind}/{slug}                  leader, person, state, organization, government, group, place
    {base}id/summit/{slug}                  keyed on date, place and participants (or its QID)
    {base}id/sanction/{slug}                keyed on imposers, targets and legal basis
    {base}id/article/{key}                  also the IRI of the article's named graph
    {base}id/article/{key}#char={b},{e}     a text span (NIF-style offsets)
    {base}id/claim/{key}-{b}-{e}            a claim, keyed on its article and content offsets
"""

from __future__ import annotations

import re
import unicodedata


def slug(*parts: str) -> str:
    """Lower-case ASCII words joined by hyphens: readable in Protégé and stable across runs."""
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def entity(base: str, kind: str, label: str) -> str:
    return f"{base}id/{kind.lower()}/{slug(label)}"


def article(base: str, key: str) -> str:
    return f"{base}id/article/{key}"


def span(article_iri: str, start: int, end: int) -> str:
    return f"{article_iri}#char={start},{end}"


def summit(base: str, key_parts: list[str]) -> str:
    return f"{base}id/summit/{slug(*key_parts)}"


def sanction(base: str, key_parts: list[str]) -> str:
    return f"{base}id/sanction/{slug(*key_parts)}"


def claim(base: str, article_key: str, start: int, end: int, claimant: str | None = None) -> str:
    """A claim is its words in its article; ``claimant`` tells apart two sources of the same words
    ("Putin repeated Trump's argument that ...")."""
    suffix = f"-{slug(claimant)}" if claimant else ""
    return f"{base}id/claim/{article_key}-{start}-{end}{suffix}"
