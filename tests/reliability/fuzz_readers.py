"""Coverage-guided fuzzing of the readers and of RDF parsing for `load`, with atheris (libFuzzer).

Run by test_atheris.py for a fixed number of inputs; run it by hand for longer:
``python3 tests/reliability/fuzz_readers.py -max_total_time=600``. Any exception other than the
readers' own reported failures (a ``Failure`` item, a ``StoreError``) is a crash libFuzzer reports.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from diplograph.ingest.readers import Failure, read_file
    from diplograph.store import StoreError, parse_file

WORK = Path(tempfile.mkdtemp(prefix="diplograph-atheris-"))
ARTICLE_SUFFIXES = [".txt", ".json", ".jsonl", ".rss", ".html"]
RDF_SUFFIXES = [".ttl", ".nt", ".nq", ".trig", ".rdf", ".jsonld", ".trix"]


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    suffixes = ARTICLE_SUFFIXES + RDF_SUFFIXES
    suffix = suffixes[provider.ConsumeIntInRange(0, len(suffixes) - 1)]
    path = WORK / f"input{suffix}"
    path.write_bytes(provider.ConsumeBytes(provider.remaining_bytes()))
    if suffix in ARTICLE_SUFFIXES:
        for item in read_file(path):
            if isinstance(item, Failure):
                assert item.source.startswith(str(path)), item
    else:
        try:
            list(parse_file(path, "https://example.org/graph"))
        except StoreError as error:
            assert str(error).startswith(str(path)), error


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
