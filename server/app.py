"""The Flask application: protocol routes, CORS, errors without stack traces, an access log.

``create_app(settings)`` opens the store (this process becomes its only writer) and starts the
query workers, or for a store at an http(s) URL forwards to it (``remote_endpoint``); other parts
of diplograph add pages with ``app.register_blueprint``.
"""

from __future__ import annotations

import io
import json
import logging
import time
from typing import IO
from urllib.parse import parse_qsl

import flask
from flask import Flask, Response, request
from werkzeug.exceptions import BadRequest, ClientDisconnected, HTTPException, RequestEntityTooLarge
from werkzeug.utils import cached_property
from werkzeug.wsgi import get_input_stream

from diplograph.server.endpoint import EXTENSION, Endpoint
from diplograph.server.settings import ServerSettings

access_log = logging.getLogger("diplograph.access")
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Authorization, Content-Type, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Location, X-SPARQL-MaxRows, Diplograph-Truncated, "
                                     "Diplograph-Rows, Warning, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def create_app(settings: ServerSettings | None = None) -> Flask:
    from diplograph.remote_store import is_remote
    from diplograph.server import canned, graphstore, pages, query, update

    settings = settings or ServerSettings()
    app = Flask(__name__)
    app.request_class = Request
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_request_bytes
    if is_remote(settings.store):  # queries go to the remote store, not to a worker pool
        from diplograph.server.remote_endpoint import RemoteEndpoint, graph_store

        app.extensions[EXTENSION] = RemoteEndpoint(settings)
    else:
        app.extensions[EXTENSION], graph_store = Endpoint(settings), graphstore.bp
    for blueprint in (query.bp, update.bp, graph_store, canned.bp, pages.bp):
        app.register_blueprint(blueprint)

    @app.before_request
    def preflight() -> Response | None:
        if request.method == "OPTIONS":
            return Response(status=204)
        return None

    @app.after_request
    def cors(response: Response) -> Response:
        response.headers["Access-Control-Allow-Origin"] = settings.cors_origin
        if request.method == "OPTIONS":
            response.headers.update(CORS_HEADERS)
        else:
            response.headers["Access-Control-Expose-Headers"] = CORS_HEADERS["Access-Control-Expose-Headers"]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        if hasattr(error, "message"):  # our ProtocolError: the message is for the client
            return error.get_response()
        message = error.description or error.name
        response = Response(f"{error.code} {error.name}: {message}\n", error.code, mimetype="text/plain")
        for name, value in error.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def internal_error(error: Exception) -> Response:
        logging.getLogger("diplograph.server").exception("unhandled error on %s %s", request.method, request.path)
        return Response("500 Internal Server Error: see the server log\n", 500, mimetype="text/plain")

    app.wsgi_app = AccessLog(app.wsgi_app)
    return app


class Request(flask.Request):
    """A request that reads a body of known length in one read, and parses a urlencoded form itself.

    granian marks its input stream terminated, so werkzeug reads a body to the end of the stream,
    not to Content-Length: one more read, waiting on granian's I/O thread. With werkzeug's form
    machinery on top, a trivial query sent as the SPARQL protocol's POST form cost 0.10-0.15 ms
    more than the same query by GET; read this way, 0.05-0.06 ms (interleaved on one server).
    """

    @cached_property
    def stream(self) -> IO[bytes]:
        length = self.content_length
        if length is None:  # chunked: granian ends the stream, werkzeug enforces the size limit
            return get_input_stream(self.environ, max_content_length=self.max_content_length)
        if self.max_content_length is not None and length > self.max_content_length:
            raise RequestEntityTooLarge()
        body = self.environ["wsgi.input"].read(length)
        if len(body) < length:
            raise ClientDisconnected()
        return io.BytesIO(body)

    def _load_form_data(self) -> None:
        if "form" in self.__dict__ or self.mimetype != "application/x-www-form-urlencoded":
            super()._load_form_data()
            return
        limit = self.max_form_memory_size
        if limit is not None and (self.content_length or 0) > limit:
            raise RequestEntityTooLarge()
        try:
            pairs = parse_qsl(self.stream.read().decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as error:
            raise BadRequest(f"the form is not valid UTF-8 ({error})") from None
        self.__dict__.update(form=self.parameter_storage_class(pairs), files=self.parameter_storage_class())


class AccessLog:
    """WSGI middleware writing one JSON line per request once its body has been sent.

    Duration covers streaming; ``rows`` comes from the handler (``environ["diplograph.rows"]``).
    A body already whole (a list) is logged at once and passed on as it is: granian writes a list
    in one go, where an iterator costs a round of its thread hand-offs (about 0.2 ms a request).
    """

    def __init__(self, app) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        started = time.monotonic()
        environ["diplograph.started"] = started
        status = []

        def record_status(line, headers, exc_info=None):
            status.append(line)
            return start_response(line, headers, exc_info)

        body = self.app(environ, record_status)
        if isinstance(body, list):
            _record(environ, status, started, failed=False)
            return body
        return _Logged(body, environ, status, started)


class _Logged:
    def __init__(self, body, environ, status, started) -> None:
        self.body, self.environ, self.status, self.started = body, environ, status, started
        self.failed = False

    def __iter__(self):
        try:
            yield from self.body
        except BaseException:
            self.failed = True
            raise

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            _record(self.environ, self.status, self.started, failed=self.failed)


def _record(env: dict, status: list[str], started: float, *, failed: bool) -> None:
    record = {
        "method": env.get("REQUEST_METHOD"),
        "path": env.get("PATH_INFO"),
        "status": int(status[0].split()[0]) if status else None,
        "ms": round((time.monotonic() - started) * 1000, 2),
        "rows": env.get("diplograph.rows"),
        "client": env.get("REMOTE_ADDR"),
    }
    if env.get("diplograph.truncated"):
        record["truncated"] = True
    if failed:
        record["aborted"] = True
    access_log.info(json.dumps(record))
