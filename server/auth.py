"""Who may write: a bearer token the operator configured, compared in constant time.

Without a token the server is read-only and every write is refused. Refusals are logged with the
client's address so an operator can see probing.
"""

from __future__ import annotations

import hmac
import logging

from flask import request

from diplograph.server.endpoint import endpoint
from diplograph.server.protocol import ProtocolError

log = logging.getLogger("diplograph.server.auth")


def require_writer() -> None:
    """Raise 403 (read-only server or wrong token) or 401 (no token) unless the request may write."""
    settings = endpoint().settings
    if not settings.writable:
        _refuse("server is read-only")
        raise ProtocolError(403, "this server is read-only: writes are enabled only when the operator sets "
                            "DIPLOGRAPH_UPDATE_TOKEN (or a token file)")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        _refuse("no bearer token")
        raise ProtocolError(401, "this write needs 'Authorization: Bearer <token>'",
                            {"WWW-Authenticate": 'Bearer realm="diplograph"'})
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        _refuse("wrong token")
        raise ProtocolError(403, "the bearer token is not valid for writing to this server")


def _refuse(reason: str) -> None:
    log.warning("write refused (%s): %s %s from %s", reason, request.method, request.path, request.remote_addr)
