"""What an operator can set for the server; defaults are safe for a shared host."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.config import Settings

TOKEN_ENV = "DIPLOGRAPH_UPDATE_TOKEN"
TOKEN_FILE_ENV = "DIPLOGRAPH_UPDATE_TOKEN_FILE"
MIN_TOKEN_LENGTH = 16


class SettingsError(Exception):
    """A configuration problem, worded for the operator."""


@dataclass(frozen=True)
class ServerSettings:
    store: str = field(default_factory=lambda: Settings().store)
    base: str = field(default_factory=lambda: Settings().base)
    timeout: float = 30.0
    max_rows: int = 100_000
    max_request_bytes: int = 16 * 1024 * 1024
    # One per request thread (serve's --threads), whatever the cores: a cheap query then never waits
    # for a worker while expensive ones run; the OS shares the CPU instead. benchmarks/fairness.py
    # at 10k articles on 2 cores (6 clients on heavy queries, 2 on lookups): a lookup's median was
    # 222-280 ms with 4 workers, 10-15 ms with 8 (Oxigraph's server 1-4 ms), and heavy queries
    # 8.2-5.4/s instead of 10.8-9.6/s (Oxigraph 3.3/s). A worker holds ~85 MB (PSS) there, ~250 MB
    # at 100k articles.
    workers: int = 8
    update_token: str | None = None
    service_allow: tuple[str, ...] = ()
    service_routes: tuple[tuple[str, str], ...] = ()  # (SERVICE IRI, URL actually called)
    cors_origin: str = "*"

    @property
    def writable(self) -> bool:
        return self.update_token is not None

    @property
    def federation(self) -> bool:
        return bool(self.allowed_services)

    @property
    def allowed_services(self) -> tuple[str, ...]:
        """The allow-list: ``--service-allow`` IRIs and every routed IRI."""
        return tuple(dict.fromkeys([*self.service_allow, *(iri for iri, _ in self.service_routes)]))


def read_token(token_file: str | None = None) -> str | None:
    """The update token from ``token_file``, ``$DIPLOGRAPH_UPDATE_TOKEN_FILE`` or ``$DIPLOGRAPH_UPDATE_TOKEN``.

    None means the server is read-only. A file keeps the token out of the process list and the
    environment of child processes.
    """
    path = token_file or os.environ.get(TOKEN_FILE_ENV)
    if path:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise SettingsError(f"cannot read the update token file {path}: {error}") from None
        source = path
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
        source = f"${TOKEN_ENV}"
        if not token:
            return None
    if len(token) < MIN_TOKEN_LENGTH or any(c.isspace() for c in token):
        raise SettingsError(f"the update token from {source} must be at least {MIN_TOKEN_LENGTH} characters "
                            "without spaces (e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)")
    return token
