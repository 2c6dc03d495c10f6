"""`--fetch` cannot be turned against the machine's own network: every spelling of a loopback, private or
link-local address is refused before a connection is made, also behind redirects and DNS names."""

from __future__ import annotations

import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from reliability_support import SECRET, record

from diplograph.ingest.fetch import FetchError, fetch, is_public
from diplograph.ingest.readers import Failure, read


def spellings(port: int) -> list[str]:
    """The loopback listener's address written every way URL parsers and resolvers accept."""
    hosts = ["127.0.0.1", "localhost", "LOCALHOST", "localhost.", "2130706433", "0x7f000001", "0x7f.0.0.1",
             "0177.0.0.1", "017700000001", "127.1", "127.0.1", "0", "0.0.0.0", "[::1]", "[0:0:0:0:0:0:0:1]",
             "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "127.000.000.001",
             "[fe80::1]", "169.254.169.254", "10.0.0.1", "192.168.0.1", "172.31.255.255", "100.64.0.1",
             "[fd00::1]", "[::]", "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::ffff:0:7f00:1]"]
    return [f"http://{host}:{port}/article.html" for host in hosts] + [
        f"http://user:pass@127.0.0.1:{port}/", f"http://example.org@127.0.0.1:{port}/",
        f"https://127.0.0.1:{port}/", f"HTTP://127.0.0.1:{port}/"]


def test_every_spelling_of_a_non_public_address_is_refused(listener):
    urls = spellings(listener.port)
    for url in urls:
        with pytest.raises(FetchError) as refused:
            fetch(url, timeout=3)
        assert str(refused.value).startswith((f"refused {url}", f"{url}: cannot resolve", f"{url}: only http")), \
            str(refused.value)
    assert listener.connections == 0, "a refused URL was connected to"
    record("--fetch refusals (address spellings)", len(urls))


class Redirector:
    """A loopback server standing in for a public first hop: it answers with a redirect to ``target``."""

    def __init__(self) -> None:
        self.target = ""
        hop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(302)
                self.send_header("Location", hop.target)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.url = f"http://127.0.0.2:{self.httpd.server_address[1]}/start"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def first_hop_only(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The public internet plus 127.0.0.2, which plays the public first hop."""
    return address == ipaddress.ip_address("127.0.0.2") or is_public(address)


def test_redirects_to_non_public_addresses_are_not_followed(listener, secret_file):
    targets = [u for u in spellings(listener.port) if not u.startswith("https")] + [
        secret_file.as_uri(), f"file://localhost{secret_file}", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/"]
    hop = Redirector()
    try:
        for target in targets:
            hop.target = target
            with pytest.raises(FetchError) as refused:
                fetch(hop.url, timeout=3, allow=first_hop_only)
            assert SECRET not in str(refused.value)
    finally:
        hop.close()
    assert listener.connections == 0
    record("--fetch redirects to refused targets", len(targets))


def test_the_reader_reports_refusals_and_never_reads_local_files(listener, secret_file):
    inputs = [f"http://localhost:{listener.port}/", secret_file.as_uri(), f"http://2130706433:{listener.port}/"]
    items = list(read(inputs, fetch=True))
    assert all(isinstance(item, Failure) for item in items), items
    assert [item.source for item in items] == inputs
    assert all(SECRET not in item.reason for item in items)
    assert listener.connections == 0
