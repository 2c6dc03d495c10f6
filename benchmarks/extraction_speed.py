#!/usr/bin/env python3
"""Extraction speed against spaCy's own: words/s of ``nlp.pipe`` alone and of ``nlp.pipe`` + ``extract``.

The target (issue 3) is ingest words/s >= 0.8x raw ``nlp.pipe``: extraction must add little to parsing.
Uses the bundled sample articles (and the vendored seed), repeated to a few thousand words per round;
one process, after a warm-up that loads the model and the gazetteer.

    python3 benchmarks/extraction_speed.py [--rounds 3] [--copies 20]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

import spacy

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.extract import default_gazetteer, extract

ROOT = Path(__file__).resolve().parents[1]


def articles() -> list[Article]:
    found = []
    for path in sorted((ROOT / "ingest" / "samples").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append(Article(text=data["text"], source=str(path), title=data.get("title"),
                             published=datetime.fromisoformat(data["published"]) if data.get("published") else None))
    seed = ROOT / "tests" / "data" / "seed" / "000_427a44d6a1d82fa6.txt"
    if seed.exists():
        found.append(Article(text=seed.read_text(encoding="utf-8"), source=str(seed)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=20, help="how many times each article is repeated per round")
    args = parser.parse_args()
    nlp = spacy.load(Settings().spacy_model)
    batch = articles() * args.copies
    words = sum(len(a.text.split()) for a in batch)
    for article, doc in zip(batch[:5], nlp.pipe(a.text for a in batch[:5]), strict=True):  # warm-up
        extract(article, doc, default_gazetteer())
    parse, full = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        docs = list(nlp.pipe(a.text for a in batch))
        parse.append(time.perf_counter() - started)
        started = time.perf_counter()
        for article, doc in zip(batch, nlp.pipe(a.text for a in batch), strict=True):
            extract(article, doc)
        full.append(time.perf_counter() - started)
        del docs
    raw, ingest = words / min(parse), words / min(full)
    print(f"{len(batch)} articles, {words} words per round, best of {args.rounds}")
    print(f"nlp.pipe alone        {raw:8.0f} words/s")
    print(f"nlp.pipe + extract    {ingest:8.0f} words/s  ({ingest / raw:.2f}x of parsing alone; target >= 0.80x)")


if __name__ == "__main__":
    main()
