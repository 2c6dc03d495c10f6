"""An article as the readers hand it to extraction: its text and what is known about its origin."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    text: str
    source: str  # the file path or URL it was read from
    title: str | None = None
    url: str | None = None  # canonical URL when known
    published: datetime | None = None
    author: str | None = None
    publisher: str | None = None
    # The source holds this article alone (a text, Markdown or HTML file, a fetched page): an article
    # read from the same source before is an earlier version of this one, which ingest replaces.
    whole_source: bool = False

    @property
    def key(self) -> str:
        """Identity across re-ingests: the canonical URL when known, else the content."""
        basis = f"url:{self.url}" if self.url else f"text:{self.text}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
