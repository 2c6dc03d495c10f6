"""A real `diplograph serve` in a subprocess on 127.0.0.1, for tests and scripts."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

# The update token of the test servers that accept writes.
TOKEN = secrets.token_urlsafe(24)

SERVER_FILE = "diplograph-server.json"


class LiveServer:
    """Starts the server on a free port and waits until its server file names it."""

    def __init__(self, store: Path, *, token: str | None = None, args: tuple[str, ...] = (), log: Path | None = None):
        self.store = store
        self.token = token
        self.log_path = log or store.parent / f"{store.name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("DIPLOGRAPH_UPDATE_TOKEN")}
        if token:
            env["DIPLOGRAPH_UPDATE_TOKEN"] = token
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "diplograph", "serve", "--store", str(store), "--port", "0", *args],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.url = self._wait()
        self.sparql = self.url + "/sparql"
        self.session = requests.Session()

    def _wait(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        server_file = self.store / SERVER_FILE
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"diplograph serve exited with {self.process.returncode}:\n{self.output()}")
            if server_file.exists():
                info = json.loads(server_file.read_text())
                if info["pid"] == self.process.pid:
                    return info["sparql"].removesuffix("/sparql")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"diplograph serve did not start within {timeout} s:\n{self.output()}")

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def update(self, text: str) -> requests.Response:
        response = self.session.post(self.url + "/update", data=text.encode(),
                                     headers={"Content-Type": "application/sparql-update", **self.auth()})
        response.raise_for_status()
        return response

    def select(self, text: str) -> list[dict]:
        response = self.session.get(self.sparql, params={"query": text},
                                    headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.json()["results"]["bindings"]

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def access_log(self) -> list[dict]:
        return [json.loads(line) for line in self.output().splitlines() if line.startswith('{"method"')]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.session.close()
        self.log.close()
