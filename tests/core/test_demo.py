"""The quick start's main job: `diplograph demo` ingests the bundled samples and serves them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_ingests_the_samples_and_serves_them(tmp_path):
    """As the quick start runs it, with no --store: the samples get a store of their own, and the
    user's own store (``$DIPLOGRAPH_STORE``) is not touched."""
    port = free_port()
    env = {**os.environ, "DIPLOGRAPH_UPDATE_TOKEN": "", "XDG_DATA_HOME": str(tmp_path / "data"),
           "DIPLOGRAPH_STORE": str(tmp_path / "real-work")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "diplograph", "demo", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
    )
    try:
        query = urllib.parse.quote("PREFIX dg: <https://w3id.org/diplograph/ontology#> "
                                   "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a dg:Article }")
        body = _wait_for(f"http://127.0.0.1:{port}/sparql?query={query}", proc)
        articles = int(body.splitlines()[1])
        samples = len(os.listdir(os.path.join(os.path.dirname(__file__), "..", "..", "ingest", "samples")))
        assert articles == samples
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "Serving http://127.0.0.1" in output
    assert (tmp_path / "data" / "diplograph" / "demo").is_dir()
    assert not (tmp_path / "real-work").exists()


def _wait_for(url: str, proc: subprocess.Popen, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"demo exited early:\n{proc.stdout.read()}")
        try:
            request = urllib.request.Request(url, headers={"Accept": "text/csv"})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"demo did not serve {url} within {timeout} s")
