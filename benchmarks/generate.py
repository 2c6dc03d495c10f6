"""Write a synthetic corpus: the graph as N-Quads (what ingest would store) and the texts as JSONL.

    python3 benchmarks/generate.py --articles 10000            # -> benchmarks/data/10k.nq, 10k.jsonl

The N-Quads file holds one named graph per article (mapped by ``ingest.triples``, exactly as
``diplograph ingest`` writes them) plus the ontology and reference graphs ingest installs. The
JSONL file holds the same articles' texts, for the ingest benchmark. Files are cached: an existing
file of the same size and seed is reused unless ``--force``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from diplograph.config import Settings
from diplograph.ingest.triples import map_article

sys.path.insert(0, str(Path(__file__).parent))
from corpus import Corpus

DATA = Path(__file__).parent / "data"
EXTRACTOR = "diplograph synthetic benchmark corpus"


def label(articles: int) -> str:
    return f"{articles // 1000}k" if articles % 1000 == 0 else str(articles)


def paths(articles: int, seed: int = 7) -> tuple[Path, Path]:
    stem = label(articles) + ("" if seed == 7 else f"-s{seed}")
    return DATA / f"{stem}.nq", DATA / f"{stem}.jsonl"


def generate(articles: int, *, seed: int = 7, force: bool = False) -> tuple[Path, Path]:
    """Write (or reuse) the corpus of ``articles`` articles; returns the N-Quads and JSONL paths."""
    nq, jsonl = paths(articles, seed)
    if nq.exists() and jsonl.exists() and not force:
        return nq, jsonl
    DATA.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    started, quads = time.monotonic(), 0
    tmp_nq, tmp_jsonl = nq.with_suffix(".nq.tmp"), jsonl.with_suffix(".jsonl.tmp")
    with tmp_nq.open("wb") as graph_out, tmp_jsonl.open("w", encoding="utf-8") as text_out:
        for fixed in fixed_graphs(settings):
            ox.serialize(fixed, graph_out, format=ox.RdfFormat.N_QUADS)
            quads += len(fixed)
        for article, facts in Corpus(articles, seed).articles():
            mapped = map_article(article, facts, settings, extractor=EXTRACTOR)
            if mapped.warnings:
                raise AssertionError(f"generator bug: {mapped.warnings}")
            article_quads = mapped.quads()
            ox.serialize(article_quads, graph_out, format=ox.RdfFormat.N_QUADS)
            quads += len(article_quads)
            text_out.write(json.dumps({"text": article.text, "title": article.title, "url": article.url,
                                       "published": article.published.isoformat(), "author": article.author,
                                       "publisher": article.publisher}) + "\n")
    tmp_nq.replace(nq)
    tmp_jsonl.replace(jsonl)
    print(f"{nq}: {articles} articles, {quads} quads in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return nq, jsonl


def fixed_graphs(settings: Settings) -> list[list[ox.Quad]]:
    """The ontology and reference graphs, as ``diplograph ingest`` installs them before any article."""
    from diplograph.ingest.gazetteer import Gazetteer
    from diplograph.ingest.reference import reference_quads
    from diplograph.ontology import ONTOLOGY_TTL
    from diplograph.store import parse_file

    ontology = list(parse_file(ONTOLOGY_TTL, settings.graph("ontology")))
    reference = reference_quads(Gazetteer.load(), settings.base, settings.graph("reference"))
    return [ontology, reference]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="Regenerate even if the files exist.")
    args = parser.parse_args()
    for path in generate(args.articles, seed=args.seed, force=args.force):
        print(path)


if __name__ == "__main__":
    main()
