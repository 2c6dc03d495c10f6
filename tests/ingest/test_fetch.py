"""--fetch refuses loopback, private and link-local addresses (before any request is sent), caps size and time.

Real HTTP servers on loopback addresses stand in for the web: the refusal tests prove nothing
reached them, and the positive tests widen the address policy to exactly one loopback address.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.ingest.fetch import FetchError, fetch, is_public

PAGE = b"""<html><head><title>Seoul and Pyongyang agree to talks</title></head><body><article>
<p>South Korean President Moon Jae-in and North Korean leader Kim Jong Un agreed on Thursday to meet again
at the border village of Panmunjom, officials in Seoul said.</p></article></body></html>"""


class Server:
    """A loopback HTTP server that counts the requests it receives."""

    def __init__(self, host: str, respond: Callable[[BaseHTTPRequestHandler], None]) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                respond(self)

            def log_message(self, *args: object) -> None:
                pass

        self.requests: list[str] = []
        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def page(handler: BaseHTTPRequestHandler, body: bytes = PAGE, content_type: str = "text/html") -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def servers() -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(respond: Callable[[BaseHTTPRequestHandler], None] = page, host: str = "127.0.0.1") -> Server:
        started.append(Server(host, respond))
        return started[-1]

    yield start
    for server in started:
        server.close()


def only_loopback_one(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The policy for positive tests: the public internet as usual, plus exactly 127.0.0.1."""
    return address == ipaddress.ip_address("127.0.0.1") or is_public(address)


def test_loopback_server_is_refused_and_never_contacted(servers) -> None:
    server = servers()
    for url in (f"{server.url}/article.html", server.url.replace("127.0.0.1", "localhost") + "/article.html"):
        with pytest.raises(FetchError, match=r"refused .*non-public"):
            fetch(url)
    assert server.requests == []


@pytest.mark.parametrize("host", ["10.1.2.3", "172.16.0.1", "192.168.1.10", "169.254.169.254", "100.64.0.1",
                                  "0.0.0.0", "[::1]", "[fe80::1]", "[fc00::1]", "[::ffff:127.0.0.1]", "224.0.0.1"])
def test_private_link_local_and_special_addresses_are_refused(host: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        fetch(f"http://{host}:9/")


def test_a_redirect_to_a_refused_address_is_not_followed(servers) -> None:
    target = servers(host="127.0.0.2")

    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", f"{target.url}/internal")
        handler.end_headers()

    first = servers(redirect)
    with pytest.raises(FetchError, match=r"refused .*127\.0\.0\.2"):
        fetch(f"{first.url}/start", allow=only_loopback_one)
    assert first.requests == ["/start"]
    assert target.requests == []


def test_an_allowed_server_is_fetched_through_redirects(servers) -> None:
    final = servers()

    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(301)
        handler.send_header("Location", f"{final.url}/final.html")
        handler.end_headers()

    first = servers(redirect)
    fetched = fetch(f"{first.url}/old", allow=only_loopback_one)
    assert (fetched.url, fetched.body, fetched.content_type) == (f"{final.url}/final.html", PAGE, "text/html")


def test_bodies_over_the_size_cap_are_refused(servers) -> None:
    big = servers(lambda h: page(h, b"x" * 300_000))
    with pytest.raises(FetchError, match="over the"):
        fetch(big.url, allow=only_loopback_one, max_bytes=100_000)

    def unsized(handler: BaseHTTPRequestHandler) -> None:  # no Content-Length: the cap applies while reading
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"y" * 300_000)

    with pytest.raises(FetchError, match="over the limit"):
        fetch(servers(unsized).url, allow=only_loopback_one, max_bytes=100_000)


def test_a_slow_server_times_out(servers) -> None:
    slow = servers(lambda h: time.sleep(3))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(slow.url, allow=only_loopback_one, timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_http_errors_and_other_schemes_are_reported(servers) -> None:
    missing = servers(lambda h: h.send_error(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(missing.url, allow=only_loopback_one)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_ingest_fetch_refuses_a_loopback_url_and_reports_it(servers, tmp_path: Path) -> None:
    server = servers()
    url = f"{server.url}/article.html"
    result = CliRunner().invoke(main, ["ingest", "--fetch", url, "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert f"{url}: refused" in result.output
    assert "ingested 0 articles" in result.output
    assert server.requests == []
