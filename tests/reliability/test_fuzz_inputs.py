"""Property-based fuzzing of every reader, of RDF loading and of canned-query parameter binding.

Thousands of generated inputs: none may crash or hang a reader, and every rejection is a clear
error that names the input (the file, its line/item/entry, or the parameter).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import record

from diplograph.ingest.article import Article
from diplograph.ingest.readers import MAX_TEXT_CHARS, Failure, read_file
from diplograph.queries.catalog import PARSERS, Param, QueryError, catalog
from diplograph.store import Store, StoreError, parse_file

WORK = Path(tempfile.mkdtemp(prefix="diplograph-fuzz-"))
GENERATED: Counter[str] = Counter()


def fuzz(examples: int) -> settings:
    """Fixed seed (the same inputs in every CI run), a generous deadline on a loaded machine, no example database."""
    return settings(max_examples=examples, deadline=5000, suppress_health_check=list(HealthCheck), derandomize=True,
                    database=None)


words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
names = st.sampled_from(["Vladimir Putin", "Xi Jinping", "Kim Jong Un", "Emmanuel Macron", "Geneva", "NATO"])
sentence = st.builds(lambda a, b, rest: f"{a} met {b} in Vienna. {rest}", names, names, words)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | words,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
                           max_leaves=20)
records = st.fixed_dictionaries({}, optional={"text": sentence | json_values, "title": words | json_values,
                                              "url": words, "published": words | st.dates().map(str),
                                              "author": words | st.lists(words, max_size=3), "publisher": words})


def check_read(data: bytes, suffix: str) -> None:
    """Reading ``data`` as a ``suffix`` file yields articles and failures that name it, and never raises."""
    path = WORK / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_file(path))
    GENERATED[suffix] += 1
    assert items, "a file yields at least one article or failure"
    for item in items:
        if isinstance(item, Failure):
            assert item.source.startswith(str(path)) and item.reason.strip(), item
        else:
            assert isinstance(item, Article) and item.source == str(path)
            assert item.text.strip() and len(item.text) <= MAX_TEXT_CHARS
            item.text.encode("utf-8")  # storable in an RDF literal


@fuzz(400)
@given(st.binary(max_size=2000) | words.map(str.encode) | sentence.map(str.encode))
def test_text_and_markdown(data):
    check_read(data, ".txt")
    check_read(data, ".md")


@fuzz(150)
@given(st.binary(max_size=2000) | st.builds(
    lambda title, body, tag: f"<html><head><title>{title}</title></head><body><{tag}>{body}</{tag}></body></html>",
    words, sentence | words, st.sampled_from(["article", "p", "div", "script", "table", "svg", "x"])).map(str.encode))
def test_html(data):
    check_read(data, ".html")


@fuzz(500)
@given(json_values.map(json.dumps) | records.map(json.dumps) | st.lists(records, max_size=4).map(json.dumps)
       | st.binary(max_size=500).map(lambda b: b.decode("latin-1")))
def test_json(text):
    check_read(text.encode("utf-8", "surrogatepass"), ".json")


@fuzz(300)
@given(st.lists(records.map(json.dumps) | json_values.map(json.dumps) | words, max_size=5))
def test_jsonl(lines):
    check_read("\n".join(lines).encode("utf-8", "surrogatepass"), ".jsonl")


def rss(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>"
                    for t, link, d in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def atom(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<entry><title>{t}</title><link href="{link}"/><content type="html">{d}</content></entry>'
                    for t, link, d in entries)
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{items}</feed>'


@fuzz(400)
@given(st.builds(lambda make, entries: make(entries), st.sampled_from([rss, atom]),
                 st.lists(st.tuples(words, words, sentence | words), max_size=4)).map(str.encode)
       | st.binary(max_size=1000).map(lambda b: b"<rss>" + b))
def test_feeds(data):
    check_read(data, ".rss")


RDF_SUFFIXES = [".ttl", ".nt", ".nq", ".trig", ".rdf", ".jsonld", ".n3", ".trix"]
TURTLEISH = st.builds(lambda s, o: f"<http://example.org/{s}> <http://example.org/p> {o} .",
                      words, st.sampled_from(['"x"', "1", "<a>", "_:b", '"""y"""', "true", "[]", "( 1 2 )"]))


@fuzz(600)
@given(st.sampled_from(RDF_SUFFIXES), st.binary(max_size=500) | TURTLEISH.map(str.encode) | words.map(str.encode))
def test_rdf_files_for_load(suffix, data):
    path = WORK / f"data{suffix}"
    path.write_bytes(data)
    GENERATED["rdf" + suffix] += 1
    try:
        quads = list(parse_file(path, "https://example.org/graph"))
    except StoreError as error:
        assert str(error).startswith(str(path)), str(error)
        return
    assert all(isinstance(q, ox.Quad) for q in quads)


PARAMS = [Param(f"p_{kind}", kind, True, "") for kind in PARSERS]
STORE = Store(WORK / "store")


@fuzz(800)
@given(st.sampled_from(PARAMS), words | st.sampled_from(["Q1", "Q-1", "http://www.wikidata.org/entity/Q42", "1e9999",
                                                            "NaN", "-0", "2020-02-30", "2020-01-01T25:00", "true",
                                                            "<x>", "a b", "javascript:x", "file:///etc/passwd"]))
def test_canned_query_parameters(param, raw):
    GENERATED["parameter"] += 1
    try:
        term = param.bind(raw)
    except QueryError as error:
        assert repr(param.name) in str(error) and repr(raw) in str(error), str(error)
        return
    assert isinstance(term, ox.NamedNode | ox.Literal)
    # A bound term is usable in a real query: Oxigraph takes it as a substitution, never as text.
    list(STORE.query("SELECT ?v WHERE { BIND(?v AS ?w) }", bindings={"v": term}))


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_canned_query_runs_with_hostile_values(name):
    canned = catalog()[name]
    # Every other required parameter gets a valid value, so each hostile value reaches the query.
    valid = {p.name: "http://example.org/valid" for p in canned.params if p.required}
    for param in canned.params:
        for raw in ["http://example.org/x", "Q42", "' } DROP ALL ; #", "\" } } DELETE WHERE { ?s ?p ?o }", ""]:
            GENERATED["parameter"] += 1
            try:
                bindings = canned.bindings({**valid, param.name: raw})
            except QueryError as error:
                assert repr(param.name) in str(error)
                continue
            if "SERVICE" not in canned.text:
                list(STORE.query(canned.text, bindings=bindings))


def test_zz_figures():
    """Report how many inputs were generated (runs last in this module)."""
    total = sum(GENERATED.values())
    record("fuzz inputs generated (by kind)", dict(GENERATED))
    record("fuzz inputs generated (total)", total)
    assert total >= 2000, GENERATED
