"""The browser side of the server: the YASGUI query page at ``/``, Linked Data pages under ``/id/``.

Every HTML response carries a Content-Security-Policy that allows scripts from this server only
(all JavaScript lives in ``static/``; data for a page travels in ``<script type="application/json">``
blocks, which browsers never execute), and refuses framing by other sites.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, url_for

from diplograph.ontology import PREFIXES
from diplograph.server import linked_data
from diplograph.server.canned import queries
from diplograph.server.links import curie, local_href, local_name

bp = Blueprint("pages", __name__)
bp.register_blueprint(linked_data.bp)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # YASGUI, CodeMirror and pyLODE set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@bp.after_app_request
def secure_html(response: Response) -> Response:
    """Every HTML page of the app (also the canned-query listing) gets the security headers."""
    if response.mimetype == "text/html":
        response.headers.update(SECURITY_HEADERS)
    return response


@bp.app_template_filter("href")
def href_filter(iri: str) -> str:
    return local_href(str(iri))


@bp.app_template_filter("curie")
def curie_filter(iri: str) -> str:
    return curie(str(iri))


@bp.app_template_filter("local_name")
def local_name_filter(iri: str) -> str:
    return local_name(str(iri))


@bp.route("/", methods=["GET", "HEAD"])
def query_page() -> str:
    """YASGUI on the local endpoint, with the canned queries as examples and the prefixes declared."""
    examples = [{"name": c.name, "title": c.title, "description": c.description, "query": c.text}
                for c in queries().values()]
    config = {"endpoint": url_for("sparql.sparql"), "prefixes": PREFIXES, "examples": examples,
              "prefixesUrl": url_for("pages.prefixes")}
    return render_template("query.html", config=config, examples=examples)


@bp.route("/prefixes.json", methods=["GET", "HEAD"])
def prefixes() -> Response:
    """The prefixes YASQE completes (in prefix.cc's format), so prefix completion works offline."""
    return jsonify(PREFIXES)
