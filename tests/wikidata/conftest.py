"""A local stand-in for Wikidata on 127.0.0.1: the search API and a real SPARQL service.

``/w/api.php`` answers ``wbsearchentities`` from the JSON fixtures in ``fixtures/search`` (Wikidata's
response format); ``/sparql`` evaluates queries with pyoxigraph over ``fixtures/wikidata.ttl`` and
answers in the SPARQL results formats, over GET or POST as the protocol allows. Every request is
recorded, and the stand-in can be told to rate-limit (429 + Retry-After) or to be unreachable.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox
import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Recorded:
    at: float
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class StandIn:
    url: str
    store: ox.Store
    searches: dict[str, dict]
    requests: list[Recorded] = field(default_factory=list)
    throttle: list[str] = field(default_factory=list)  # Retry-After values for the next requests

    @property
    def api(self) -> str:
        return f"{self.url}/w/api.php"

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._answer(self._params(urlparse(self.path).query))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                self._answer({"query": body})
            else:
                self._answer(self._params(body))

        @staticmethod
        def _params(text: str) -> dict[str, str]:
            return {key: values[0] for key, values in parse_qs(text).items()}

        def _answer(self, params: dict[str, str]) -> None:
            path = urlparse(self.path).path
            standin.requests.append(Recorded(time.monotonic(), path, params, dict(self.headers)))
            if standin.throttle:
                self._send(429, "text/plain", b"Too many requests", {"Retry-After": standin.throttle.pop(0)})
            elif path == "/w/api.php" and params.get("action") == "wbsearchentities":
                self._search(params)
            elif path == "/sparql" and "query" in params:
                self._sparql(params["query"])
            else:
                self._send(404, "text/plain", b"not found")

        def _search(self, params: dict[str, str]) -> None:
            answer = standin.searches.get(params.get("search", ""),
                                          {"searchinfo": {"search": params.get("search", "")}, "search": [],
                                           "success": 1})
            self._send(200, "application/json; charset=utf-8", json.dumps(answer).encode())

        def _sparql(self, query: str) -> None:
            try:
                results = standin.store.query(query)
            except SyntaxError as error:
                self._send(400, "text/plain", str(error).encode())
                return
            if "xml" in self.headers.get("Accept", "") and "json" not in self.headers.get("Accept", ""):
                body, kind = results.serialize(format=ox.QueryResultsFormat.XML), "application/sparql-results+xml"
            else:
                body, kind = results.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json"
            self._send(200, kind, body)

        def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def standin():
    """A running stand-in; its ``requests`` list shows exactly what clients asked."""
    store = ox.Store()
    store.load(path=str(FIXTURES / "wikidata.ttl"), format=ox.RdfFormat.TURTLE)
    searches = {}
    for path in sorted((FIXTURES / "search").glob("*.json")):
        answer = json.loads(path.read_text(encoding="utf-8"))
        searches[answer["searchinfo"]["search"]] = answer
    instance = StandIn("", store, searches)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(instance))
    instance.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield instance
    server.shutdown()
    server.server_close()
