"""The bundled sample articles, ingested with the real pipeline and spaCy model and queried with the
canned queries, against their expected facts (tests/extraction/expected, the seed gold's format).

Each article must reach a macro-F1 of 0.75 on its own, and the whole set 0.85 (the issue's bar for the
seed), with every category at 0.7 or better: the expected facts are honest annotations, not a copy of
what the extractor finds, so a few misses per article are allowed and printed. Each article must also
keep the score recorded in ``sample_scores.json``: a rule change that helps other articles can cost
one of these a fact without falling below the bar (a sample went from 0.989 to 0.976 unnoticed). After
an intended change, ``python3 tests/extraction/record_scores.py`` records the new scores.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import scoring  # tests/extraction is on sys.path (pytest rootdir-relative import)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "ingest" / "samples"
EXPECTED = Path(__file__).parent / "expected"
QUERIES = ("articles", "entities", "summits", "sanctions", "claims")


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"diplograph {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


RECORDED = Path(__file__).parent / "sample_scores.json"


def run_samples(folder: Path) -> Path:
    """Ingest every sample into a fresh store in ``folder`` and write the five canned queries' CSV results."""
    store = folder / "store"
    cli("ingest", str(SAMPLES), "--store", str(store))
    for name in QUERIES:
        (folder / f"{name}.csv").write_text(cli("query", name, "--store", str(store), "--format", "csv"),
                                            encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_samples(tmp_path_factory.mktemp("samples"))


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def scores(results: Path) -> dict[str, float]:
    """Each sample's macro-F1 against its expected facts, rounded as recorded."""
    return {path.stem: round(scoring.macro(scoring.score(json.loads(path.read_text(encoding="utf-8")), results)), 4)
            for path in expected_files()}


def test_every_sample_has_expected_facts_and_a_recorded_score() -> None:
    samples = {p.stem for p in SAMPLES.glob("*.json")}
    expected = {p.stem for p in expected_files()}
    assert len(samples) >= 12, f"only {len(samples)} sample articles in {SAMPLES}"
    assert samples == expected, f"samples without expected facts: {samples - expected}; " \
                                f"expected facts without sample: {expected - samples}"
    recorded = set(json.loads(RECORDED.read_text(encoding="utf-8")))
    assert recorded == samples, f"{RECORDED.name} lacks {samples - recorded} and has extra {recorded - samples}: " \
                                "run tests/extraction/record_scores.py"


@pytest.mark.parametrize("path", expected_files(), ids=lambda p: p.stem)
def test_sample_article(results: Path, path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    tallies = scoring.score(gold, results)
    report = "\n".join(f"{c}: F1={t.f1()} misses={t.misses}" for c, t in tallies.items())
    score = scoring.macro(tallies)
    assert score >= 0.75, f"{path.name}: macro-F1 {score:.3f}\n{report}"
    floor = json.loads(RECORDED.read_text(encoding="utf-8"))[path.stem]
    assert round(score, 4) >= floor, (f"{path.name}: macro-F1 {score:.4f}, below its recorded {floor} (a regression; "
                                      f"if intended, run tests/extraction/record_scores.py)\n{report}")


def test_samples_overall(results: Path) -> None:
    total = scoring.merge([scoring.score(json.loads(p.read_text(encoding="utf-8")), results)
                           for p in expected_files()])
    report = "\n".join(f"{c}: F1={t.f1():.3f} ({t.correct}/{t.pred} correct, {t.found}/{t.gold} found)"
                       for c, t in total.items())
    assert scoring.macro(total) >= 0.85, f"macro-F1 {scoring.macro(total):.3f}\n{report}"
    for category, tally in total.items():
        assert (tally.f1() or 0.0) >= 0.7, f"{category} F1 {tally.f1():.3f}\n{report}"
