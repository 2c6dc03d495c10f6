"""Fixtures for the remote-store tests: a real Oxigraph server per module, behind a recording proxy."""

from __future__ import annotations

import pytest
from remote_helpers import OxigraphServer, RecordingProxy


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxy(oxigraph):
    """Oxigraph behind a proxy that records every request (so tests can count them)."""
    recording = RecordingProxy(oxigraph.url)
    yield recording
    recording.stop()
