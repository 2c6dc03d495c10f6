"""Helpers for the web tests: paths, the live server, ingesting into a store with the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "server"))  # the live-server helper the server tests use
from liveserver import LiveServer  # noqa: E402

ARTICLES = Path(__file__).parent / "articles"
SAMPLES = ROOT / "ingest" / "samples"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]
__all__ = ["ARTICLES", "ARTIFACTS", "CHROMIUM", "CHROMIUM_FLAGS", "ROOT", "SAMPLES", "LiveServer", "ingest"]


def ingest(store: Path, *inputs: Path, base: str | None = None) -> None:
    env = dict(os.environ, **({"DIPLOGRAPH_BASE": base} if base else {}))
    done = subprocess.run([sys.executable, "-m", "diplograph", "ingest", *map(str, inputs), "--store", str(store)],
                          capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"diplograph ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
