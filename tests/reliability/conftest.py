"""Fixtures and hooks of the reliability suite; the helpers themselves are in reliability_support.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "server")]  # articles.py here, liveserver.py from the server tests

from reliability_support import FIGURES, SECRET, Listener  # noqa: E402


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A local file no input may ever get read into the store or the output."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.fixture
def listener() -> Iterator[Listener]:
    trap = Listener()
    yield trap
    trap.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")


def pytest_collection_modifyitems(config, items) -> None:
    """Soak variants run only when asked for (``-m soak``); otherwise they are deselected, and counted as such."""
    if "soak" in (config.option.markexpr or ""):
        return
    soak = [item for item in items if item.get_closest_marker("soak")]
    if soak:
        config.hook.pytest_deselected(items=soak)
        items[:] = [item for item in items if not item.get_closest_marker("soak")]
