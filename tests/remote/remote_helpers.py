"""Real servers on 127.0.0.1 for the remote-store tests: Oxigraph's own server (the `oxigraph` PyPI
package), a small recording and authenticating reverse proxy in front of it, and `diplograph serve`."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from click.testing import CliRunner

from diplograph.cli import main

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
              "proxy-authenticate", "host", "content-length", "authorization"}


# Settings from the machine running the tests that would change what a command does.
STORE_ENV = ("DIPLOGRAPH_STORE", "DIPLOGRAPH_STORE_TOKEN", "DIPLOGRAPH_STORE_TIMEOUT", "DIPLOGRAPH_STORE_QUERY_URL",
             "DIPLOGRAPH_STORE_UPDATE_URL", "DIPLOGRAPH_STORE_GSP_URL", "DIPLOGRAPH_UPDATE_TOKEN",
             "DIPLOGRAPH_UPDATE_TOKEN_FILE")
NO_NETRC = "/nonexistent/diplograph-test-netrc"


def clean_env(**overrides: str) -> dict[str, str | None]:
    """No credentials, endpoint overrides or ~/.netrc of the tester's; then ``overrides``."""
    return {**dict.fromkeys(STORE_ENV), "NETRC": NO_NETRC, **overrides}


def cli(*args: str, **env: str) -> tuple[int, str]:
    """Run ``diplograph ARGS`` in this process; the exit code and everything it printed."""
    result = CliRunner().invoke(main, list(args), env=clean_env(**env))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, log, *, grace: float) -> None:
    """Terminate a server, kill it if it outlives ``grace`` seconds, and close its log."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def wait_until(check, what: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{what} did not answer within {timeout} s:\n{log.read_text(errors='replace')}")


class OxigraphServer:
    """`oxigraph serve --location DIR --bind 127.0.0.1:PORT`; the test fails if the binary is absent."""

    def __init__(self, location: Path) -> None:
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.fail("the `oxigraph` command (Oxigraph's SPARQL server, PyPI package oxigraph==0.5.13, in the "
                        "'test' extra) is not installed: run `pip install -e '.[test]'`", pytrace=False)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = location.parent / f"{location.name}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                         f"127.0.0.1:{self.port}"], stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: requests.get(self.url + "/query", params={"query": "ASK {}"}, timeout=2).ok,
                   "oxigraph serve", self.process, self.log_path)

    def update(self, text: str) -> None:
        requests.post(self.url + "/update", data={"update": text}, timeout=30).raise_for_status()

    def stop(self) -> None:
        stop(self.process, self.log, grace=10)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    body: bytes


class RecordingProxy:
    """A reverse proxy on 127.0.0.1 that records every request and, if told to, demands credentials
    (HTTP Basic or Digest ``user:password``, or a bearer token) the way a store behind a gateway would."""

    def __init__(self, upstream: str, *, basic: tuple[str, str] | None = None, digest: tuple[str, str] | None = None,
                 token: str | None = None) -> None:
        self.upstream = urlsplit(upstream)
        self.expected = None
        self.digest = digest
        self.nonce = base64.b64encode(os.urandom(12)).decode()
        if basic:
            self.expected = "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
        elif token:
            self.expected = f"Bearer {token}"
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def requests_to(self, method: str, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.method == method and s.path.split("?")[0] == path]

    def authorised(self, method: str, header: str | None) -> bool:
        if self.digest:
            return header is not None and self._digest_matches(method, header)
        return self.expected is None or header == self.expected

    def _digest_matches(self, method: str, header: str) -> bool:
        """RFC 7616 Digest with MD5 and qop=auth, as Virtuoso's /sparql-auth asks for."""
        scheme, _, rest = header.partition(" ")
        if scheme.lower() != "digest":
            return False
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731
        user, password = self.digest
        known = md5(f"{user}:store:{password}")
        expected = md5(f"{known}:{self.nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:"
                       f"{md5(method + ':' + fields.get('uri', ''))}")
        return (fields.get("username"), fields.get("nonce"), fields.get("response")) == (user, self.nonce, expected)

    def challenge(self) -> str:
        if self.digest:
            return f'Digest realm="store", nonce="{self.nonce}", qop="auth", algorithm=MD5'
        return 'Basic realm="store"'

    def clear(self) -> None:
        with self.lock:
            self.seen.clear()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with proxy.lock:
                    proxy.seen.append(Seen(self.command, self.path, body))
                if not proxy.authorised(self.command, self.headers.get("Authorization")):
                    message = b"authentication required" if "Authorization" not in self.headers else b"bad credentials"
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", proxy.challenge())
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                connection = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=120)
                try:
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    answer = connection.getresponse()
                    data = answer.read()
                finally:
                    connection.close()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        return Handler


class DiplographServer:
    """`diplograph serve --store URL` in a subprocess on a free port."""

    def __init__(self, store: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "diplograph", "serve", "--store", store, "--port", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT, env=_process_env(clean_env(**(env or {}))))
        wait_until(lambda: requests.get(self.url + "/queries?format=json", timeout=2).ok,
                   "diplograph serve", self.process, self.log_path)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop(self.process, self.log, grace=15)


def _process_env(changes: dict[str, str | None]) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env
