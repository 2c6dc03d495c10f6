"""Record each sample article's macro-F1 in sample_scores.json, the floor test_samples holds it to.

    python3 tests/extraction/record_scores.py

Run it after a change meant to alter extraction, and read the printed differences first: a drop is
a sample that lost a fact.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_samples import RECORDED, run_samples, scores


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        now = scores(run_samples(Path(folder)))
    before = json.loads(RECORDED.read_text(encoding="utf-8")) if RECORDED.exists() else {}
    for name, score in now.items():
        if before.get(name) != score:
            print(f"{name}: {before.get(name)} -> {score}")
    RECORDED.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"written: {RECORDED}")


if __name__ == "__main__":
    main()
