"""Live servers for the server tests: real `diplograph serve` processes on 127.0.0.1."""

from __future__ import annotations

import pytest
from liveserver import TOKEN, LiveServer


@pytest.fixture(scope="module")
def rw_server(tmp_path_factory):
    """Query, update (token configured) and graph store enabled; short limits for the limit tests."""
    server = LiveServer(tmp_path_factory.mktemp("rw") / "store", token=TOKEN,
                        args=("--timeout", "3", "--max-rows", "50", "--max-request-size", "1"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def ro_server(tmp_path_factory):
    """The default: no token, so read-only."""
    server = LiveServer(tmp_path_factory.mktemp("ro") / "store")
    yield server
    server.stop()
