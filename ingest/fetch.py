"""Fetching article URLs (``--fetch``) without becoming a way into the machine's own network.

Every host name is resolved first and *every* address it resolves to must be public (not
loopback, private, link-local, shared, reserved or multicast); the connection then goes to one of
those vetted addresses, so a DNS answer that changes between the check and the connect cannot
redirect it. Redirects are followed by hand and each hop is checked the same way. Bodies are
read up to a size cap, under an overall deadline.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from diplograph import __version__ as _version

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = f"diplograph/{_version} (+https://w3id.org/diplograph/)"


class FetchError(Exception):
    """A URL that was refused or could not be fetched; the message names the URL and why."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str  # lower case, without parameters; "" when the server sent none


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet.

    An IPv6 address that embeds an IPv4 one (IPv4-mapped, 6to4) is judged by that address; the
    reserved ::/8 block (IPv4-compatible ``::127.0.0.1``, NAT64 ``64:ff9b::``) is never public.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast and not address.is_reserved


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          allow: Callable[[IPAddress], bool] = is_public) -> Fetched:
    """GET ``url``, following up to ``MAX_REDIRECTS`` redirects, each hop's addresses checked by ``allow``."""
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(current, deadline, allow)
        try:
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"{current}: HTTP {response.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if response.status != 200:
                raise FetchError(f"{current}: HTTP {response.status} {response.reason}")
            body = _read_capped(response, current, max_bytes, deadline)
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            return Fetched(current, body, content_type)
        finally:
            connection.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _request(url: str, deadline: float, allow: Callable[[IPAddress], bool]
             ) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"{url}: {error}") from None
    addresses = _vetted_addresses(url, parts.hostname, port, allow)
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, addresses, _remaining(url, deadline))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                      "application/json, text/plain;q=0.8, */*;q=0.5",
        })
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise FetchError(f"{url}: {_describe(error)}") from None


def _vetted_addresses(url: str, host: str, port: int, allow: Callable[[IPAddress], bool]) -> list[str]:
    """All addresses ``host`` resolves to, refusing the URL if any one of them is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"{url}: cannot resolve {host} ({error.strerror})") from None
    addresses = []
    for *_, sockaddr in infos:
        text = str(sockaddr[0]).split("%")[0]  # drop an IPv6 zone index
        if not allow(ipaddress.ip_address(text)):
            raise FetchError(f"refused {url}: {host} resolves to {text}, a loopback, private, link-local "
                             f"or otherwise non-public address")
        addresses.append(text)
    if not addresses:
        raise FetchError(f"{url}: {host} has no address")
    return list(dict.fromkeys(addresses))


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to one of the vetted addresses, whatever DNS says by the time it connects."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self) -> None:
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a vetted address, the certificate still checked against the host name."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.addresses = addresses

    def connect(self) -> None:
        raw = _connect(self.addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _connect(addresses: list[str], port: int, timeout: float) -> socket.socket:
    error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except OSError as failure:
            error = failure
    raise error or OSError("no address to connect to")


def _read_capped(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes, over the {max_bytes:,}-byte limit")
    chunks, size = [], 0
    while True:
        _remaining(url, deadline)
        try:
            chunk = response.read1(64 * 1024)
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{url}: {_describe(error)}") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: more than {max_bytes:,} bytes, over the limit")
        chunks.append(chunk)


def _remaining(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: timed out")
    return left


def _describe(error: Exception) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
