#!/usr/bin/env python3
"""Score extraction on the seed article with the lead's scorer (../shared/eval/score.py).

Ingests the vendored seed (tests/data/seed) into a temporary store with ``diplograph ingest``, writes
the five canned queries as CSV with ``diplograph query NAME --format csv`` and runs the shared scorer
against the shared seed gold. The issue's bar is macro-F1 >= 0.85; the exit status is 0 when it is met,
1 when not, 2 when ../shared (the scorer and the gold) is absent.

    python3 tests/score_seed.py [--shared PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed" / "000_427a44d6a1d82fa6.txt"
QUERIES = ("articles", "entities", "summits", "sanctions", "claims")
BAR = 0.85


def diplograph(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"diplograph {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (../shared)")
    parser.add_argument("--keep", type=Path, help="write the CSV results here instead of a temporary folder")
    args = parser.parse_args()
    scorer, gold = args.shared / "eval" / "score.py", args.shared / "eval" / "seed.gold.json"
    if not (scorer.is_file() and gold.is_file()):
        print(f"cannot score the seed: {scorer} and {gold} are not there (../shared is not part of a clone).",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        results = args.keep or Path(scratch) / "results"
        results.mkdir(parents=True, exist_ok=True)
        store = Path(scratch) / "store"
        diplograph("ingest", str(SEED), "--store", str(store))
        for name in QUERIES:
            (results / f"{name}.csv").write_text(diplograph("query", name, "--store", str(store), "--format", "csv"),
                                                 encoding="utf-8")
        done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--results", str(results),
                               "--verbose"], capture_output=True, text=True)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    match = re.search(r"^macro-F1 ([0-9.]+)$", done.stdout, re.MULTILINE)
    if match is None:
        print("the scorer printed no macro-F1 line", file=sys.stderr)
        return 1
    macro = float(match.group(1))
    print(f"seed macro-F1 {macro:.3f} ({'meets' if macro >= BAR else 'BELOW'} the bar of {BAR})")
    return 0 if macro >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
