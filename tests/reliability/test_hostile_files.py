"""Hostile files: invalid UTF-8, a 50 MB article, deep nesting, a 10,000-entry feed, XML bombs and external
entities. Each is refused or handled in bounded time and memory (measured in a child process), and none
can read a local file into the store or the output."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import SECRET, record

LAUGHS = '<!ENTITY l0 "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space for the reading process: a bomb fails, never the machine
SECONDS = 120


def feed_items(count: int) -> str:
    return "".join(f"<item><title>Dispatch {i}</title><link>https://wire.example.org/{i}</link>"
                   f"<description>Emmanuel Macron met Olaf Scholz in Berlin on day {i}.</description></item>"
                   for i in range(count))


def hostile_files(folder: Path, secret: Path) -> dict[str, Path]:
    entity = f'<!ENTITY x SYSTEM "{secret.as_uri()}">'
    rdf = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
           '<rdf:Description rdf:about="http://example.org/a"><ex:p>{}</ex:p></rdf:Description></rdf:RDF>')
    rss = '<rss version="2.0"><channel><title>Wire</title><item><title>{}</title><description>{}</description>' \
          "</item></channel></rss>"
    files = {
        "invalid-utf8.txt": b"Putin met Xi\n\xff\xfe in Beijing \xc3\x28.",
        "invalid-utf8.json": b'{"text": "Putin met \xe9 Xi"}',
        "invalid-utf8.jsonl": b'{"text": "ok text about Kim Jong Un"}\n{"text": "\xff"}\n',
        "invalid-utf8.rss": rss.format("T", "Putin \xff").encode("latin-1"),
        "invalid-utf8.ttl": b'<http://example.org/a> <http://example.org/p> "\xff" .',
        "big-50mb.txt": b"Title\n" + b"Vladimir Putin met Xi Jinping in Beijing. " * (50 * 1024 * 1024 // 42),
        "big-50mb.jsonl": json.dumps({"text": "Kim Jong Un " * (50 * 1024 * 1024 // 12)}).encode(),
        "deep.json": b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "deep.jsonl": b"[" * 200_000 + b"]" * 200_000 + b"\n",
        "deep.html": b"<html><body>" + b"<div>" * 200_000 + b"Putin met Xi." + b"</div>" * 200_000 + b"</body></html>",
        "deep-feed.rss": rss.format("T", "<b>" * 100_000 + "Putin met Xi" + "</b>" * 100_000).encode(),
        "10000-entries.rss": f'<rss version="2.0"><channel><title>Wire</title>{feed_items(10_000)}</channel></rss>'
                             .encode(),
        "bomb.rss": f'<?xml version="1.0"?><!DOCTYPE rss [{LAUGHS}]>{rss.format("&l9;", "&l9;")}'.encode(),
        "xxe.rss": f'<?xml version="1.0"?><!DOCTYPE rss [{entity}]>{rss.format("&x;", "Putin &x;")}'.encode(),
        "xxe-param.atom": f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>'
                          '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title>'
                          "<content>Putin met Xi.</content></entry></feed>".encode(),
        "bomb.rdf": f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{LAUGHS}]>{rdf.format("&l9;")}'.encode(),
        "xxe.rdf": f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entity}]>{rdf.format("&x;")}'.encode(),
        "xxe.owl": f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entity}]>{rdf.format("&x;")}'.encode(),
        "quadratic.rdf": (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY b "{"b" * 100_000}">]>'
                          + rdf.format("&b;" * 20_000)).encode(),
        "bomb.trix": f'<?xml version="1.0"?><!DOCTYPE TriX [{LAUGHS}]><TriX xmlns="http://www.w3.org/2004/03/'
                     'trix/trix-1/"><graph><triple><uri>http://example.org/a</uri><uri>http://example.org/p</uri>'
                     "<plainLiteral>&l9;</plainLiteral></triple></graph></TriX>".encode(),
        "xxe.jsonld": json.dumps({"@context": secret.as_uri(), "@id": "http://example.org/a", "p": "x"}).encode(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


CHILD = """
import resource, runpy, sys
sys.argv = ["diplograph", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("diplograph", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print("peak-rss-kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_limited(*args: str) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run diplograph in a child with an address-space cap; returns its outcome, seconds and peak RSS (MB)."""
    def cap() -> None:
        # spaCy and Oxigraph map much address space they never touch: three times the reader's cap.
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT * 3, MEMORY_LIMIT * 3))

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, timeout=SECONDS,
                          preexec_fn=cap)
    peak = int(done.stderr.rsplit("peak-rss-kb", 1)[-1].split()[0]) // 1024 if "peak-rss-kb" in done.stderr else -1
    return done, time.monotonic() - started, peak


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.txt"
    secret.write_text(SECRET + "\n")
    return hostile_files(folder, secret)


ARTICLE_FILES = ["invalid-utf8.txt", "invalid-utf8.json", "invalid-utf8.jsonl", "invalid-utf8.rss", "big-50mb.txt",
                 "big-50mb.jsonl", "deep.json", "deep.jsonl", "deep.html", "deep-feed.rss", "bomb.rss", "xxe.rss",
                 "xxe-param.atom"]
RDF_FILES = ["invalid-utf8.ttl", "bomb.rdf", "xxe.rdf", "xxe.owl", "quadratic.rdf", "bomb.trix", "xxe.jsonld"]


def test_readers_refuse_or_handle_hostile_files(files):
    """The readers alone (no spaCy): every hostile article file, in one child process with capped memory."""
    paths = files
    script = ("import sys, json\nfrom pathlib import Path\nfrom diplograph.ingest.readers import read_file, Failure\n"
              "for name in sys.argv[1:]:\n    items = list(read_file(Path(name)))\n"
              "    print(json.dumps([[type(i).__name__, str(i)[:300] if isinstance(i, Failure) else i.text[:300]] "
              "for i in items[:3]] + [len(items)]))\n")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, *(str(paths[n]) for n in ARTICLE_FILES)],
                          capture_output=True, text=True, timeout=SECONDS,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)))
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    outcomes = dict(zip(ARTICLE_FILES, (json.loads(line) for line in done.stdout.splitlines()), strict=True))
    for name, outcome in outcomes.items():
        *items, _count = outcome
        assert SECRET not in json.dumps(outcome), name
        for kind, text in items:
            if kind == "Failure":
                assert text.startswith(str(paths[name])), (name, text)
    failures = {name: outcome[0][1] for name, outcome in outcomes.items() if outcome[0][0] == "Failure"}
    assert "not valid UTF-8" in failures["invalid-utf8.txt"] and "offset" in failures["invalid-utf8.txt"]
    assert "over the 1,000,000 limit" in failures["big-50mb.txt"]
    assert "nested too deeply" in failures["deep.json"] and "line 1" in failures["deep.jsonl"]
    assert "declares XML entities" in failures["bomb.rss"] and "declares XML entities" in failures["xxe.rss"]
    assert "declares XML entities" in failures["xxe-param.atom"]
    record("hostile article files read (s, all in one capped process)", (len(ARTICLE_FILES), round(seconds, 1)))


def test_a_feed_with_10000_entries_is_read_in_bounded_time(files):
    paths = files
    script = ("import sys, resource\nfrom pathlib import Path\n"
              "from diplograph.ingest.readers import read_file, Failure\n"
              "n = sum(1 for i in read_file(Path(sys.argv[1])) if not isinstance(i, Failure))\n"
              "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, str(paths["10000-entries.rss"])], capture_output=True,
                          text=True, timeout=SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]
    articles, peak = map(int, done.stdout.split())
    assert articles == 10_000
    record("10,000-entry feed: articles, seconds, peak MB", (articles, round(time.monotonic() - started, 1), peak))


def test_load_refuses_rdf_bombs_and_never_reads_local_files(files, tmp_path):
    paths = files
    store = tmp_path / "store"
    for name in RDF_FILES:
        done, seconds, peak = run_limited("load", str(paths[name]), "--store", str(store))
        assert done.returncode == 1, (name, done.stderr[-2000:])
        message = done.stderr.splitlines()[0]
        assert message.startswith(f"Error: {paths[name]}") and "Traceback" not in done.stderr, (name, done.stderr)
        assert SECRET not in done.stderr + done.stdout
        assert seconds < SECONDS and 0 < peak < MEMORY_LIMIT // 2**20, (name, seconds, peak)
    exported = subprocess.run([sys.executable, "-m", "diplograph", "export", "--format", "nquads", "--store",
                               str(store)], capture_output=True, text=True, timeout=120)
    assert SECRET not in exported.stdout
    record("hostile RDF files refused by load", len(RDF_FILES))


def test_ingest_of_every_hostile_file_keeps_secrets_out(files, tmp_path):
    """The whole pipeline on the hostile article files (not the big ones): failures reported, secrets kept out."""
    paths = files
    store = tmp_path / "store"
    names = [n for n in ARTICLE_FILES if not n.startswith(("big-", "10000"))]
    done, seconds, peak = run_limited("ingest", *(str(paths[n]) for n in names), "--store", str(store))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert SECRET not in done.stderr + done.stdout
    exported = subprocess.run([sys.executable, "-m", "diplograph", "export", "--format", "nquads", "--store",
                               str(store)], capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0 and SECRET not in exported.stdout
    record("ingest of hostile article files: seconds, peak MB", (round(seconds, 1), peak))
