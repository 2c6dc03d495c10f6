"""SERVICE routes: send an allow-listed SERVICE IRI's requests to another URL.

Canned federated queries name the public endpoint (``SERVICE <https://query.wikidata.org/sparql>``)
so they mean the same thing everywhere. An operator with a Wikidata mirror (a QLever instance, a
local subset) or a test with a stand-in on 127.0.0.1 starts the server with
``--service-route https://query.wikidata.org/sparql http://mirror.example/sparql``: the IRI is then
allowed, and each ``SERVICE <IRI>`` in a query is rewritten to the mirror's URL just before it runs.
Only SERVICE targets are rewritten (the same IRI in a string, a comment or a triple is left alone).
"""

from __future__ import annotations

from collections.abc import Mapping

from diplograph.server.protocol import ProtocolError
from diplograph.sparqltext import Remote, tokens


def route_services(text: str, routes: Mapping[str, str]) -> str:
    """``text`` with every ``SERVICE [SILENT] <IRI>`` whose IRI has a route pointing at the route's URL."""
    if not routes:
        return text
    toks = tokens(text)
    edits = []
    for index, token in enumerate(toks):
        if token.keyword != "SERVICE":
            continue
        rest = toks[index + 1:index + 3]
        if rest and rest[0].keyword == "SILENT":
            rest = rest[1:]
        if rest and rest[0].kind == "iri" and rest[0].text[1:-1] in routes:
            edits.append((rest[0].start, rest[0].start + len(rest[0].text), f"<{routes[rest[0].text[1:-1]]}>"))
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def blame_remotes(error: ProtocolError, remotes: tuple[Remote, ...], routes: Mapping[str, str]) -> ProtocolError:
    """A failed query that called SERVICE is reported as 502 naming the endpoints (and where they were
    routed), so the user sees that Wikidata (or the mirror) is unreachable rather than an empty table."""
    services = [r for r in remotes if r.keyword == "SERVICE"]
    if not services or error.code not in (500, 502):
        return error
    named = ", ".join(f"<{r.iri}>" + (f" (routed to {routes[r.iri]})" if r.iri in routes else "")
                      for r in services if r.iri)
    return ProtocolError(502, f"the federated query failed at SERVICE {named}: the remote endpoint could not "
                              f"answer ({error.message}). Check that it is reachable, or route it to a mirror "
                              f"with --service-route.", error.extra_headers)


def parse_routes(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """``--service-route IRI URL`` pairs, checked: both must be absolute http(s) IRIs."""
    for iri, url in pairs:
        for value in (iri, url):
            if not value.startswith(("http://", "https://")) or any(c in value for c in "<> \"{}|\\^`"):
                raise ValueError(f"--service-route {iri} {url}: {value!r} is not an http(s) IRI")
    return tuple(pairs)
