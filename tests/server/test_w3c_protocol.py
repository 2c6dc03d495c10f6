"""The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description tests, against a live
server with query, update (token configured) and the graph store enabled.

Only the graph store tests with direct graph identification (the request URL as graph IRI) do not
apply: diplograph's store is addressed indirectly (``/store?graph=IRI``), as the GSP allows.
"""

from __future__ import annotations

import pytest
from w3c_protocol import DATA, cases, run_case, service_description_problems

PROTOCOL = cases(DATA / "protocol" / "manifest.ttl")
GRAPH_STORE = cases(DATA / "graph-store-protocol" / "manifest-indirect.ttl")


@pytest.mark.parametrize("case", PROTOCOL, ids=[c.name for c in PROTOCOL])
def test_protocol(rw_server, case):
    problems = run_case(case, rw_server.url, rw_server.token)
    assert not problems, f"{case.name} ({case.label}):\n" + "\n".join(problems)


@pytest.mark.parametrize("case", GRAPH_STORE, ids=[c.name for c in GRAPH_STORE])
def test_graph_store(rw_server, case):
    problems = run_case(case, rw_server.url, rw_server.token)
    assert not problems, f"{case.name} ({case.label}):\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ["has-endpoint-triple", "returns-rdf", "conforms-to-schema"])
def test_service_description(rw_server, name):
    problems = service_description_problems(rw_server.url)[name]
    assert not problems, f"{name}: " + "; ".join(problems)


def test_suites_are_complete():
    """Every manifest entry is run: 34 protocol and 9 indirect graph store tests."""
    assert (len(PROTOCOL), len(GRAPH_STORE)) == (34, 9)
