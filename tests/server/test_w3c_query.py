"""The W3C SPARQL 1.1 query-evaluation and syntax tests through the live endpoint: the HTTP layer
must lose nothing against pyoxigraph run directly on the same data (figures: w3c_query.py)."""

from __future__ import annotations

import pytest
from liveserver import TOKEN, LiveServer
from w3c_query import direct_runner, eval_cases, http_runner, outcome

CASES = eval_cases()


@pytest.fixture(scope="module")
def eval_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("eval") / "store", token=TOKEN)
    yield server
    server.stop()


def test_suite_is_all_there():
    kinds = [c.kind for c in CASES]
    assert (kinds.count("eval"), kinds.count("positive"), kinds.count("negative")) == (225, 63, 40)


def test_http_loses_nothing_against_pyoxigraph(eval_server):
    run_http = http_runner(CASES, eval_server.url, eval_server.token)
    direct = {c.name: outcome(c, direct_runner)[0] for c in CASES}
    http = {c.name: outcome(c, run_http) for c in CASES}
    lost = {name: http[name][1] for name in direct if direct[name] and not http[name][0]}
    assert not lost, f"passed on pyoxigraph but not through HTTP: {lost}"
    passed = sum(ok for ok, _ in http.values())
    # pyoxigraph 0.5.13 itself fails 9 evaluation tests (GRAPH ?g over subqueries/VALUES/MINUS,
    # GROUP_CONCAT of language-tagged strings, zero-length paths from terms absent from the data).
    assert passed >= sum(direct.values()) >= len(CASES) - 10
