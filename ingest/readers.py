"""Readers: paths, folders, globs and (with ``--fetch``) URLs in; ``Article`` s or ``Failure`` s out.

Every input yields either articles or a failure that names the file (and the JSONL line, JSON item
or feed entry) with a reason a user can act on; nothing here raises for bad input. Formats:

* ``.txt``/``.md``: the first non-blank line is the title, the rest the text; the header's date
  ("Published: <date>", a dated byline, a transcript's "Thursday 28 February 2019.", a wire
  dateline) is the publication date (``datelines``).
* ``.html``/``.htm``: trafilatura's main text, title, date, author, site name and canonical URL.
* ``.json``: one article object or a list of them; ``.jsonl``: one object per line (streamed).
  Fields: ``text`` (required), ``title``, ``url``, ``published``, ``author``, ``publisher``.
* ``.xml``/``.rss``/``.atom``: an RSS or Atom feed (recognised by its content), one article per
  entry from its content or summary, HTML turned into text.

Inputs are read one at a time, so memory stays flat however many files a folder holds.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diplograph.ingest.article import Article
from diplograph.ingest.datelines import header_date
from diplograph.ingest.dates import parse_published

MAX_FILE_BYTES = 64 * 1024 * 1024  # whole-file formats are read into memory; JSONL is streamed
MAX_TEXT_CHARS = 1_000_000  # spaCy's default nlp.max_length: longer texts need too much memory to parse
FIELDS = ("text", "title", "url", "published", "author", "publisher")
TOO_DEEP = "JSON nested too deeply to read (arrays or objects inside each other hundreds of levels deep)"


@dataclass(frozen=True)
class Failure:
    """An input that yielded no article: ``source`` names the file (and line, item or entry)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


Item = Article | Failure


class _Bad(Exception):
    """Raised inside a reader; turned into a ``Failure`` for the input it concerns."""


# --- paths -----------------------------------------------------------------------------------------

def read(inputs: Iterable[str], *, fetch: bool = False) -> Iterator[Item]:
    """Articles from files, folders (recursively), globs and, with ``fetch``, http(s) URLs."""
    seen: set[str] = set()
    for raw in inputs:
        if re.match(r"^https?://", raw, re.IGNORECASE):
            yield from _read_url(raw) if fetch else [Failure(raw, "a URL: pass --fetch to download it")]
            continue
        for path in _expand(raw):
            if isinstance(path, Failure):
                yield path
                continue
            key = str(path.resolve())
            if key not in seen:
                seen.add(key)
                # Absolute, so that an edited file replaces its earlier version however it is named
                # ("a.txt" from its folder, "in/a.txt" from above); symlinks are kept as the user wrote them.
                yield from read_file(Path(os.path.abspath(path)))


def _expand(raw: str) -> Iterator[Path | Failure]:
    path = Path(raw)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _format(p) and not _hidden(p, path))
        if not files:
            yield Failure(raw, f"folder has no files of a known type ({', '.join(sorted(SUFFIXES))})")
        yield from files
    elif path.exists():
        yield path
    elif glob.has_magic(raw):
        matches = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
        yield from matches or [Failure(raw, "no files match this pattern")]
    else:
        yield Failure(raw, "no such file or folder")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _format(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_file(path: Path) -> Iterator[Item]:
    """The articles in one file, or a failure naming it."""
    source = str(path)
    kind = _format(path)
    if kind is None:
        yield Failure(source, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                              f"known: {', '.join(sorted(SUFFIXES))}")
        return
    if kind == "jsonl":
        yield from _read_jsonl(path)
        return
    try:
        data = _load(path)
        yield from READERS[kind](data, source, None)
    except _Bad as bad:
        yield Failure(source, str(bad))


def _load(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Bad(f"file is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise _Bad(f"cannot read: {error.strerror or error}") from None
    return _check_bytes(data)


def _check_bytes(data: bytes) -> bytes:
    if not data.strip():
        raise _Bad("empty file")
    if b"\x00" in data:
        raise _Bad("binary file (contains NUL bytes), not text")
    return data


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _Bad(f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (line {line})") from None


def _article(text: str, source: str, **meta: Any) -> Article:
    """An article with its text checked: not empty, not longer than spaCy will parse."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise _Bad("no article text")
    if len(text) > MAX_TEXT_CHARS:
        raise _Bad(f"text has {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit; split the article")
    clean = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in meta.items()}
    for name, value in [("text", text), *clean.items()]:
        if isinstance(value, str):
            _check_unicode(name, value)
    return Article(text=text, source=source, **clean)


def _check_unicode(name: str, value: str) -> None:
    """JSON's \\ud800-style escapes can smuggle in lone surrogates, which no RDF store can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _Bad(f"field {name!r} has an unpaired surrogate (not Unicode text) at offset {error.start}") from None


# --- plain text and Markdown -----------------------------------------------------------------------

def _read_text(data: bytes, source: str, url: str | None) -> Iterator[Item]:
    """First non-blank line = title (Markdown heading marks removed), the rest = text. A date line
    ("Published: 2023-11-16") among the first lines below the title is the publication date: it is
    taken out of the text, as the title is, so relative dates ("on Wednesday") can be resolved."""
    text = _decode(data).replace("\r\n", "\n").strip()
    first, _, rest = text.partition("\n")
    if rest.strip():
        body, published = header_date(rest)
        yield _article(body, source, title=first.strip().lstrip("#").strip(), url=url, published=published,
                       whole_source=True)
    else:
        yield _article(text, source, url=url, whole_source=True)


# --- HTML ------------------------------------------------------------------------------------------

def _read_html(data: bytes, source: str, url: str | None) -> Iterator[Item]:
    import trafilatura

    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           date_extraction_params={"original_date": True})
    if document is None or not (document.text or "").strip():
        raise _Bad("no article text found in the HTML")
    published = None
    if document.date:
        try:
            published = parse_published(document.date)
        except ValueError:
            published = None  # trafilatura's date is a best guess; a bad one is not worth the article
    yield _article(document.text, source, title=document.title, url=document.url or url, published=published,
                   author=document.author, publisher=document.sitename, whole_source=True)


def html_to_text(html: str) -> str:
    """Readable text from an HTML fragment (a feed entry): blocks become paragraphs."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types for junk; plain text is the safe reading
        return html
    for element in root.iter():  # as in a browser, line breaks in the source are just spaces
        element.text = _spaces(element.text)
        element.tail = _spaces(element.tail)
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
        element.tail = "\n\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _spaces(text: str | None) -> str | None:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text) if text else text


# --- JSON and JSON Lines ---------------------------------------------------------------------------

def _read_json(data: bytes, source: str, url: str | None) -> Iterator[Item]:
    try:
        value = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise _Bad(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise _Bad(TOO_DEEP) from None
    if isinstance(value, dict):
        yield _record(value, source, url)
    elif isinstance(value, list):
        if not value:
            raise _Bad("empty JSON list")
        for index, record in enumerate(value, 1):
            try:
                yield _record(record, source, url)
            except _Bad as bad:
                yield Failure(f"{source} item {index}", str(bad))
    else:
        raise _Bad(f"expected an article object or a list of them, found {type(value).__name__}")


def _read_jsonl(path: Path) -> Iterator[Item]:
    source = str(path)
    found = False
    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                found = True
                try:
                    yield _record(_jsonl_value(raw), source, None)
                except _Bad as bad:
                    yield Failure(f"{source} line {number}", str(bad))
    except OSError as error:
        yield Failure(source, f"cannot read: {error.strerror or error}")
        return
    if not found:
        yield Failure(source, "empty file")


def _jsonl_value(raw: bytes) -> Any:
    if len(raw) > MAX_FILE_BYTES:
        raise _Bad(f"line is over the {MAX_FILE_BYTES // 2**20} MB limit")
    try:
        return json.loads(_decode(_check_bytes(raw)))
    except json.JSONDecodeError as error:
        raise _Bad(f"invalid JSON at column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise _Bad(TOO_DEEP) from None


def _record(value: Any, source: str, url: str | None) -> Article:
    """An article from a JSON object with the documented fields; unknown fields are ignored."""
    if not isinstance(value, dict):
        raise _Bad(f"expected an object with a 'text' field, found {type(value).__name__}")
    fields = {}
    for name in FIELDS:
        field_value = value.get(name)
        if name == "author" and isinstance(field_value, list) and all(isinstance(a, str) for a in field_value):
            field_value = ", ".join(field_value)
        if field_value is not None and not isinstance(field_value, str):
            raise _Bad(f"field {name!r} must be a string, found {type(field_value).__name__}")
        fields[name] = field_value
    if not (fields["text"] or "").strip():
        raise _Bad("missing or empty field 'text'")
    published = None
    if fields["published"]:
        try:
            published = parse_published(fields["published"])
        except ValueError as error:
            raise _Bad(f"field 'published': {error}") from None
    return _article(fields["text"], source, title=fields["title"], url=fields["url"] or url, published=published,
                    author=fields["author"], publisher=fields["publisher"])


# --- RSS and Atom ----------------------------------------------------------------------------------

FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]")


def _read_feed(data: bytes, source: str, url: str | None) -> Iterator[Item]:
    import feedparser

    _check_feed_xml(data)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        raise _Bad(f"a feed with no entries{problem}")
    publisher = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, 1):
        where = f"{source} entry {index}"
        try:
            yield _entry(entry, source, publisher)
        except _Bad as bad:
            yield Failure(where, str(bad))


def _check_feed_xml(data: bytes) -> None:
    """Refuse non-feeds and XML entity tricks (expansion bombs, external entities) before parsing."""
    import defusedxml
    import defusedxml.ElementTree

    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise _Bad("not XML, so not an RSS or Atom feed")
    if not FEED_ROOT.search(head):
        raise _Bad("XML but not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)")
    try:
        defusedxml.ElementTree.fromstring(data)
    except defusedxml.DefusedXmlException as error:
        raise _Bad(f"refused: the feed declares XML entities ({type(error).__name__})") from None
    except defusedxml.ElementTree.ParseError:
        pass  # malformed but perhaps readable: feedparser is lenient and says if it is not


def _entry(entry: Any, source: str, publisher: str | None) -> Article:
    text = _entry_text(entry)
    if not text:
        raise _Bad(f"entry {entry.get('title', '')!r} has no content or summary")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None  # feedparser gives UTC
    return _article(text, source, title=entry.get("title"), url=entry.get("link"), published=published,
                    author=entry.get("author"), publisher=publisher)


def _entry_text(entry: Any) -> str:
    """The fullest body an entry offers: its content, else its summary, as plain text."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        if part and (part.get("value") or "").strip():
            value = part["value"]
            return html_to_text(value) if "html" in (part.get("type") or "") else value.strip()
    return ""


# --- URLs ------------------------------------------------------------------------------------------

def _read_url(url: str) -> Iterator[Item]:
    from diplograph.ingest.fetch import FetchError, fetch

    try:
        fetched = fetch(url)
        data = _check_bytes(fetched.body)
        yield from READERS[_kind_of(fetched.content_type, data)](data, url, fetched.url)
    except (FetchError, _Bad) as error:
        yield Failure(url, str(error))


def _kind_of(content_type: str, data: bytes) -> str:
    """The reader for a fetched body: by its Content-Type, else by what it looks like."""
    if "json" in content_type:
        return "json"
    if any(word in content_type for word in ("rss", "atom", "xml")) or FEED_ROOT.search(data[:4096]):
        return "feed"
    if content_type == "text/plain":
        return "text"
    return "html"


Reader = Callable[[bytes, str, str | None], Iterator[Item]]
READERS: dict[str, Reader] = {"text": _read_text, "html": _read_html, "json": _read_json, "feed": _read_feed}
SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html",
            ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "feed", ".rss": "feed",
            ".atom": "feed"}
