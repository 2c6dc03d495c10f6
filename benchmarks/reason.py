"""What `diplograph reason` and `diplograph export --protege` cost on a synthetic corpus.

    python3 benchmarks/generate.py --articles 1000     # once: benchmarks/data/1k.nq
    python3 benchmarks/reason.py --articles 1000       # reason (and, with --protege, the export)

Loads the corpus into a fresh store in a temporary folder, then times the OWL 2 RL
materialisation (query, reasoning, filtering; not the write) and reports the peak memory of the
process, the input and the inferred triples.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from diplograph.ontology.reason import materialise
from diplograph.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from generate import paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--protege", action="store_true", help="also time the Protégé export (RDF/XML)")
    args = parser.parse_args()
    corpus, _ = paths(args.articles)
    if not corpus.exists():
        sys.exit(f"{corpus} is missing: run python3 benchmarks/generate.py --articles {args.articles}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        store.inner.bulk_load(path=str(corpus), format=ox.RdfFormat.N_QUADS)
        print(f"corpus: {args.articles} articles, {len(store)} quads")
        result = materialise(store)
        print(f"reason: {result.seconds:.1f} s, {result.input_triples} data triples in, "
              f"{len(result.triples)} inferred, peak RSS {_peak_mib():.0f} MiB")
        if args.protege:
            from diplograph.ontology.protege import export, write

            started = time.perf_counter()
            document = export(store)
            write(document, Path(tmp) / "export.owl")
            print(f"export --protege: {time.perf_counter() - started:.1f} s, {len(document.triples)} triples, "
                  f"{document.individuals} individuals, peak RSS {_peak_mib():.0f} MiB")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
