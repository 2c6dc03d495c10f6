"""Credentials for a remote store (URL userinfo, ~/.netrc, bearer token), endpoint URLs, and the errors a
user sees when the store refuses, is elsewhere, or does not answer: each names the URL, never a secret."""

from __future__ import annotations

import json
import re
import socket

import pytest
from remote_helpers import RecordingProxy, cli, free_port

from diplograph.remote_store import endpoints
from diplograph.store import StoreError

USER, PASSWORD = "analyst", "correct-horse-battery"
TOKEN = "s3cr3t-bearer-token-for-tests"
DATA = '<https://example.org/pyongyang> <http://www.w3.org/2000/01/rdf-schema#label> "Pyongyang" .\n'


@pytest.fixture(scope="module")
def loaded(oxigraph, tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "place.nt"
    data.write_text(DATA)
    code, output = cli("load", str(data), "--store", oxigraph.url)
    assert code == 0, output
    return oxigraph


@pytest.fixture(scope="module")
def basic_proxy(loaded):
    proxy = RecordingProxy(loaded.url, basic=(USER, PASSWORD))
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def digest_proxy(loaded):
    proxy = RecordingProxy(loaded.url, digest=(USER, PASSWORD))
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def token_proxy(loaded):
    proxy = RecordingProxy(loaded.url, token=TOKEN)
    yield proxy
    proxy.stop()


def with_userinfo(url: str, user: str, password: str) -> str:
    return url.replace("http://", f"http://{user}:{password}@")


def test_basic_credentials_in_the_url(basic_proxy):
    code, output = cli("stats", "--json", "--store", with_userinfo(basic_proxy.url, USER, PASSWORD))
    assert code == 0, output
    assert json.loads(output)["triples"] >= 1


def test_wrong_or_missing_basic_credentials_are_named_not_shown(basic_proxy):
    code, output = cli("stats", "--store", with_userinfo(basic_proxy.url, USER, "wrong-password"))
    assert code == 1
    assert f"remote store {basic_proxy.url}/query answered 401" in output
    assert "bad credentials" in output and "DIPLOGRAPH_STORE_TOKEN" in output
    assert "wrong-password" not in output and USER not in output
    code, output = cli("query", "articles", "--store", basic_proxy.url)
    assert code == 1
    assert f"{basic_proxy.url}/query answered 401" in output and "authentication required" in output


def test_credentials_from_netrc(basic_proxy, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    code, output = cli("stats", "--json", "--store", basic_proxy.url, NETRC=str(netrc))
    assert code == 0, output


def test_digest_credentials(digest_proxy, tmp_path):
    """Virtuoso's /sparql-auth asks for Digest: queries and one-request writes both get through."""
    store = with_userinfo(digest_proxy.url, USER, PASSWORD)
    code, output = cli("stats", "--json", "--store", store, DIPLOGRAPH_STORE_AUTH="digest")
    assert code == 0, output
    data = tmp_path / "more.nt"
    data.write_text('<https://example.org/seoul> <http://www.w3.org/2000/01/rdf-schema#label> "Seoul" .\n')
    code, output = cli("load", str(data), "--store", store, DIPLOGRAPH_STORE_AUTH="digest")
    assert code == 0, output
    code, output = cli("stats", "--store", store)  # Basic is refused
    assert code == 1 and "answered 401" in output and PASSWORD not in output
    code, output = cli("stats", "--store", digest_proxy.url, DIPLOGRAPH_STORE_AUTH="digest")
    assert code == 1 and "needs user:password" in output


def test_bearer_token(token_proxy):
    code, output = cli("stats", "--json", "--store", token_proxy.url, DIPLOGRAPH_STORE_TOKEN=TOKEN)
    assert code == 0, output
    code, output = cli("stats", "--store", token_proxy.url, DIPLOGRAPH_STORE_TOKEN="not-" + TOKEN)
    assert code == 1
    assert f"{token_proxy.url}/query answered 401" in output and TOKEN not in output
    code, output = cli("stats", "--store", with_userinfo(token_proxy.url, USER, PASSWORD),
                       DIPLOGRAPH_STORE_TOKEN=TOKEN)
    assert code == 1 and "not both" in output and PASSWORD not in output and TOKEN not in output


def test_unreachable_store_is_named(tmp_path):
    nowhere = f"http://127.0.0.1:{free_port()}"
    code, output = cli("stats", "--store", with_userinfo(nowhere, USER, PASSWORD))
    assert code == 1
    assert f"cannot reach the remote store at {nowhere}/query" in output and "Connection refused" in output
    assert PASSWORD not in output
    article = tmp_path / "a.txt"
    article.write_text("Kim Jong Un met Vladimir Putin in Vladivostok on Thursday.\n")
    code, output = cli("ingest", str(article), "--store", nowhere)
    assert code == 1 and f"cannot reach the remote store at {nowhere}/update" in output


def test_a_store_that_does_not_answer_times_out():
    with socket.socket() as silent:  # accepts connections (the kernel does) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        code, output = cli("stats", "--store", url, DIPLOGRAPH_STORE_TIMEOUT="0.5")
    assert code == 1
    assert f"remote store {url}/query did not answer within 0.5 s" in output
    code, output = cli("stats", "--store", url, DIPLOGRAPH_STORE_TIMEOUT="soon")
    assert code == 1 and "DIPLOGRAPH_STORE_TIMEOUT" in output


def test_endpoint_urls_can_be_set_apart(loaded):
    """A base URL that is not Oxigraph's layout fails with the URL it tried; the per-endpoint settings fix it."""
    base = loaded.url + "/dataset"
    code, output = cli("stats", "--store", base)
    assert code == 1 and f"remote store {base}/query answered 404" in output
    code, output = cli("stats", "--json", "--store", base, DIPLOGRAPH_STORE_QUERY_URL="/query",
                       DIPLOGRAPH_STORE_UPDATE_URL=loaded.url + "/update", DIPLOGRAPH_STORE_GSP_URL="../store")
    assert code == 0, output
    code, output = cli("stats", "--store", loaded.url + "/query", DIPLOGRAPH_STORE_QUERY_URL=".")
    assert code == 0, output  # "." is the store URL itself: one URL for queries, as Virtuoso or Neptune have


@pytest.mark.parametrize(("location", "env", "expected"), [
    ("http://localhost:7878/", {}, ("http://localhost:7878/query", "http://localhost:7878/update",
                                    "http://localhost:7878/store")),
    ("http://localhost:3030/news", {"DIPLOGRAPH_STORE_GSP_URL": "data"},
     ("http://localhost:3030/news/query", "http://localhost:3030/news/update", "http://localhost:3030/news/data")),
    ("http://localhost:7200/repositories/news", {"DIPLOGRAPH_STORE_QUERY_URL": ".",
                                                  "DIPLOGRAPH_STORE_UPDATE_URL": "statements",
                                                  "DIPLOGRAPH_STORE_GSP_URL": "rdf-graphs/service"},
     ("http://localhost:7200/repositories/news", "http://localhost:7200/repositories/news/statements",
      "http://localhost:7200/repositories/news/rdf-graphs/service")),
    ("https://dba:pw@db.example.org:8890/sparql-auth", {"DIPLOGRAPH_STORE_QUERY_URL": ".",
                                                        "DIPLOGRAPH_STORE_UPDATE_URL": ".",
                                                        "DIPLOGRAPH_STORE_GSP_URL": "/sparql-graph-crud-auth"},
     ("https://db.example.org:8890/sparql-auth", "https://db.example.org:8890/sparql-auth",
      "https://db.example.org:8890/sparql-graph-crud-auth")),
])
def test_endpoint_conventions(location, env, expected):
    """The layouts the README documents resolve to the URLs each server answers at, without credentials."""
    found, _ = endpoints(location, env)
    assert (found.query, found.update, found.graph_store) == expected


def test_malformed_store_urls_are_named():
    for location, message in (("http://host:port/", "invalid port"), ("http:///path", "names no host"),
                              ("http://host/sparql?x=1", "without ?query")):
        with pytest.raises(StoreError, match=re.escape(message)):
            endpoints(location, {})
