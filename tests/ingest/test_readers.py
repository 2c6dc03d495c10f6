"""Every input format yields articles with their metadata, or a failure naming the file and line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.readers import MAX_TEXT_CHARS, Failure, html_to_text, read

BODY = ("North Korean leader Kim Jong Un and U.S. President Donald Trump met in Hanoi on Wednesday for "
        "their second summit. Trump said sanctions would stay in place.")

HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Leaders meet in Hanoi | Example Wire</title>
<link rel="canonical" href="https://wire.example.org/2019/02/27/hanoi">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2019-02-27T08:30:00+07:00">
<meta property="og:site_name" content="Example Wire">
</head><body><nav>Home | World | Asia</nav><article><h1>Leaders meet in Hanoi</h1>
<p>North Korean leader Kim Jong Un and U.S. President Donald Trump met in Hanoi on Wednesday for their second
summit, eight months after their first meeting in Singapore.</p>
<p>Trump told reporters at the Metropole hotel that sanctions on Pyongyang would stay in place until it gave up
its nuclear weapons, while Kim said he would not be there if he were unwilling to denuclearise.</p>
</article><footer>Contact us</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire: Asia</title><link>https://wire.example.org/</link>
<item><title>UN tightens sanctions on North Korea</title><link>https://wire.example.org/un-2397</link>
<pubDate>Fri, 22 Dec 2017 18:00:00 GMT</pubDate><author>desk@wire.example.org (Asia desk)</author>
<description>&lt;p&gt;The UN Security Council &lt;b&gt;unanimously&lt;/b&gt; adopted Resolution 2397
on Friday.&lt;/p&gt;
&lt;p&gt;It caps refined petroleum imports.&lt;/p&gt;</description></item>
<item><title>No body here</title><link>https://wire.example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire: Russia</title><id>urn:x</id>
<updated>2019-04-25T06:00:00Z</updated>
<entry><title>Putin hosts Kim in Vladivostok</title><id>urn:x:1</id>
<link href="https://wire.example.org/vladivostok"/><published>2019-04-25T06:00:00Z</published>
<author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;Russian President Vladimir Putin met Kim Jong Un on Russky Island.&lt;/p&gt;</content>
</entry></feed>"""


def articles(*inputs: Path | str) -> list[Article | Failure]:
    return list(read([str(i) for i in inputs]))


def only(items: list[Article | Failure]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_text_file_first_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.txt"
    path.write_text(f"Leaders meet in Hanoi\n\n{BODY}\n", encoding="utf-8")
    article = only(articles(path))
    assert (article.title, article.text, article.source) == ("Leaders meet in Hanoi", BODY, str(path))
    assert article.url is None and article.published is None


def test_a_date_line_under_the_title_is_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.txt"
    path.write_text(f"Leaders meet in Hanoi\nPublished: 2019-02-28\n\n{BODY}\n", encoding="utf-8")
    article = only(articles(path))
    assert (article.title, article.text) == ("Leaders meet in Hanoi", BODY)
    assert article.published == datetime(2019, 2, 28, tzinfo=UTC)
    path.write_text(f"Leaders meet in Hanoi\n\n{BODY}\nDate: not a date at all\n", encoding="utf-8")
    assert only(articles(path)).published is None  # far from the header, and no date: plain text


def test_markdown_heading_marks_are_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.md"
    path.write_text(f"# Leaders meet in Hanoi\n\n{BODY}\n", encoding="utf-8")
    assert only(articles(path)).title == "Leaders meet in Hanoi"


def test_a_single_paragraph_is_text_without_a_title(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(BODY, encoding="utf-8")
    article = only(articles(path))
    assert (article.title, article.text) == (None, BODY)


def test_html_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.html"
    path.write_text(HTML, encoding="utf-8")
    article = only(articles(path))
    assert article.title == "Leaders meet in Hanoi"
    assert article.url == "https://wire.example.org/2019/02/27/hanoi"
    assert article.author == "Jane Roe"
    assert article.publisher == "Example Wire"
    assert article.published is not None and article.published.date().isoformat() == "2019-02-27"
    assert "second summit" in article.text and "Metropole" in article.text
    assert "Contact us" not in article.text and "Home | World" not in article.text


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": BODY, "title": "Hanoi", "url": "https://wire.example.org/a",
                               "published": "2019-02-27T10:00:00Z", "author": ["Jane Roe", "John Doe"],
                               "publisher": "Example Wire", "extra": 1}))
    article = only(articles(one))
    assert article == Article(text=BODY, source=str(one), title="Hanoi", url="https://wire.example.org/a",
                              published=datetime(2019, 2, 27, 10, tzinfo=UTC), author="Jane Roe, John Doe",
                              publisher="Example Wire")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First article."}, {"title": "no text"},
                                {"text": "Third.", "published": "soon"}]))
    items = articles(many)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure"]
    assert items[1].source == f"{many} item 2" and "'text'" in items[1].reason
    assert items[2].source == f"{many} item 3" and "published" in items[2].reason


def test_jsonl_names_the_line_of_each_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": "First article about Seoul.", "url": "https://w.example.org/1"}), "",
             "{not json", json.dumps({"text": 42}), json.dumps(["a list"]),
             json.dumps({"text": "Last article.", "title": "Last"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = articles(path)
    assert [(type(i).__name__, getattr(i, "source", "")) for i in items] == [
        ("Article", str(path)), ("Failure", f"{path} line 3"), ("Failure", f"{path} line 4"),
        ("Failure", f"{path} line 5"), ("Article", str(path))]
    assert "invalid JSON" in items[1].reason and "must be a string" in items[2].reason


def test_json_escapes_that_are_not_unicode_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "Kim \\ud800 said", "title": "ok"}\n', encoding="utf-8")
    bad = failure(articles(path))
    assert bad.source == f"{path} line 1" and "unpaired surrogate" in bad.reason


def test_rss_entries_become_articles_with_html_turned_to_text(tmp_path: Path) -> None:
    path = tmp_path / "asia.rss"
    path.write_text(RSS, encoding="utf-8")
    first, empty = articles(path)
    assert isinstance(first, Article) and isinstance(empty, Failure)
    assert first.text == ("The UN Security Council unanimously adopted Resolution 2397 on Friday.\n\n"
                          "It caps refined petroleum imports.")
    assert (first.title, first.url, first.publisher) == ("UN tightens sanctions on North Korea",
                                                        "https://wire.example.org/un-2397", "Example Wire: Asia")
    assert first.published == datetime(2017, 12, 22, 18, tzinfo=UTC)
    assert empty.source == f"{path} entry 2" and "no content or summary" in empty.reason


def test_atom_feed_detected_by_content_in_an_xml_file(tmp_path: Path) -> None:
    path = tmp_path / "russia.xml"
    path.write_text(ATOM, encoding="utf-8")
    article = only(articles(path))
    assert article.text == "Russian President Vladimir Putin met Kim Jong Un on Russky Island."
    assert (article.author, article.url) == ("A. Writer", "https://wire.example.org/vladivostok")
    assert article.published == datetime(2019, 4, 25, 6, tzinfo=UTC)


def test_xml_that_is_not_a_feed_or_declares_entities_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "data.xml"
    plain.write_text('<?xml version="1.0"?><catalog><book>x</book></catalog>')
    assert "not an RSS or Atom feed" in failure(articles(plain)).reason
    bomb = tmp_path / "bomb.rss"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    "<rss><channel><item><title>&b;</title><description>x</description></item></channel></rss>")
    assert "entities" in failure(articles(bomb)).reason


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Title\nPr\u00e9sident Moon a rencontr\u00e9 Kim.".encode("latin-1"), "not valid UTF-8: byte 0xe9"),
    ("broken.json", b'{"text": "unterminated', "invalid JSON at line 1"),
    ("empty.jsonl", b"\n\n", "empty file"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
])
def test_bad_files_fail_with_a_reason_naming_them(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    bad = failure(articles(path))
    assert bad.source == str(path)
    assert reason in bad.reason


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Title\nfirst line\nsecond \xff line\n")
    assert "(line 3)" in failure(articles(path)).reason


def test_a_text_longer_than_spacy_parses_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    sentence = "Officials in Seoul said the talks would resume. "
    path.write_text("A very long file\n" + sentence * (5 * 1024 * 1024 // len(sentence)), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    assert f"over the {MAX_TEXT_CHARS:,} limit" in failure(articles(path)).reason


def test_folders_recurse_skip_hidden_and_unknown_files_and_globs_expand(tmp_path: Path) -> None:
    (tmp_path / "2019" / "feb").mkdir(parents=True)
    (tmp_path / "2019" / "feb" / "hanoi.txt").write_text(f"Hanoi\n{BODY}")
    (tmp_path / "2019" / "seoul.md").write_text("Seoul\nMoon Jae-in spoke in Seoul.")
    (tmp_path / "2019" / "notes.csv").write_text("a,b")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("Old\nstale text")
    found = articles(tmp_path)
    assert sorted(Path(a.source).name for a in found if isinstance(a, Article)) == ["hanoi.txt", "seoul.md"]
    assert len(found) == 2
    globbed = articles(str(tmp_path / "**" / "*.txt"))
    assert [Path(a.source).name for a in globbed] == ["hanoi.txt"]


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.txt"
    path.write_text(f"Hanoi\n{BODY}")
    assert len(articles(path, tmp_path, str(tmp_path / "*.txt"))) == 1


@pytest.mark.parametrize(("raw", "reason"), [
    ("missing.txt", "no such file or folder"),
    ("nothing-*.txt", "no files match"),
    ("https://wire.example.org/a", "pass --fetch"),
])
def test_inputs_that_name_nothing_readable(tmp_path: Path, raw: str, reason: str) -> None:
    target = raw if raw.startswith("http") else str(tmp_path / raw)
    bad = failure(articles(target))
    assert bad.source == target and reason in bad.reason


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "no files of a known type" in failure(articles(tmp_path / "empty")).reason


def test_html_fragments_keep_paragraphs() -> None:
    assert html_to_text("<p>One <i>two</i></p><ul><li>three</li><li>four</li></ul>five<br>six") == \
        "One two\n\nthree\n\nfour\n\nfive\nsix"
