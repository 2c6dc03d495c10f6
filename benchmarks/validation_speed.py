#!/usr/bin/env python3
"""SHACL validation time per article against spaCy's own, through the ingest pipeline's parts.

Each article is parsed (``nlp``), extracted, mapped to its graph's parts, then checked by the
ingest validator (drop what violates the shapes, repeat until clean); also timed: the readable
report of ``diplograph.ontology.validate`` on the same graph. Prints the median and maximum per
article of each step. Validation must stay a small fraction of parsing.

    python3 benchmarks/validation_speed.py [PATH ...] [--rounds 3]

PATHs default to ingest/samples and, when present, ../shared/seeds/*.txt.
"""

from __future__ import annotations

import argparse
import glob
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import rdflib

from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.pipeline import Processor
from diplograph.ingest.readers import read
from diplograph.ingest.triples import Mapped, map_article
from diplograph.ontology.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def default_inputs() -> list[str]:
    inputs = [str(ROOT / "ingest" / "samples")]
    if SEEDS.is_dir():
        inputs += sorted(glob.glob(str(SEEDS / "*.txt")))
    else:
        print(f"{SEEDS} is absent: timing the bundled samples only")
    return inputs


def best_of(rounds: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def as_graph(mapped: Mapped) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data="\n".join(str(q.triple) + " ." for q in mapped.quads()), format="nt")
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", metavar="PATH")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs per article and step")
    args = parser.parse_args()
    articles = [item for item in read(args.inputs or default_inputs()) if isinstance(item, Article)]
    processor = Processor(Settings(), None)
    processor.validator.check(_mapped(processor, articles[0]))  # warm-up: shapes, gazetteer, caches
    rows: dict[str, list[float]] = {"spaCy nlp(text)": [], "ingest check (drop, repeat)": [],
                                    "ontology validate() report": []}
    for article in articles:
        rows["spaCy nlp(text)"].append(best_of(args.rounds, lambda a=article: processor.nlp(a.text)))
        mapped = _mapped(processor, article)
        rows["ingest check (drop, repeat)"].append(
            best_of(args.rounds, lambda m=mapped: processor.validator.check(m)))
        graph = as_graph(mapped)
        rows["ontology validate() report"].append(best_of(args.rounds, lambda g=graph: validate(g)))
    print(f"{len(articles)} articles, {statistics.median(len(a.text) for a in articles):.0f} characters "
          f"(median), best of {args.rounds} per article")
    spacy = statistics.median(rows["spaCy nlp(text)"])
    for name, times in rows.items():
        median = statistics.median(times)
        print(f"{name:30} median {median * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  "
              f"({median / spacy:.2f}x spaCy)")


def _mapped(processor: Processor, article: Article) -> Mapped:
    doc = processor.nlp(article.text)
    facts = processor.extract(article, doc)
    return map_article(article, facts, processor.settings, extractor=processor.version)


if __name__ == "__main__":
    main()
