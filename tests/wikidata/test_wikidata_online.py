"""The online resolver against the local stand-in: right items, type constraints, cache, backoff."""

from __future__ import annotations

import re

import pytest

from diplograph.ingest.wikidata import DiskCache, Endpoints, OnlineLinker, WikidataClient, WikidataError


def make_linker(standin, cache_dir, **options) -> OnlineLinker:
    client = WikidataClient(Endpoints(standin.api, standin.sparql), DiskCache(cache_dir), min_interval=0.0, **options)
    return OnlineLinker(client)


def test_links_an_unknown_leader_to_the_right_item(standin, tmp_path):
    link = make_linker(standin, tmp_path).link("George W. Bush", "Leader")

    assert link is not None
    assert link.qid == "Q207"
    assert link.iri == "http://www.wikidata.org/entity/Q207"
    assert link.confidence >= 0.9
    # The evidence names the search, the match and what satisfied the type constraint.
    assert "George W. Bush" in link.evidence
    assert "President of the United States (Q11696)" in link.evidence
    assert "Q23505" in link.evidence  # the runner-up is shown for auditing


def test_sends_a_descriptive_user_agent_and_asks_both_services(standin, tmp_path):
    make_linker(standin, tmp_path).link("George W. Bush", "Leader")

    paths = [r.path for r in standin.requests]
    assert paths == ["/w/api.php", "/sparql"]
    agent = standin.requests[0].headers["User-Agent"]
    assert agent.startswith("diplograph/") and "https://" in agent
    assert standin.requests[0].params["maxlag"] == "5"


def test_type_constraint_rejects_a_namesake_of_the_wrong_kind(standin, tmp_path):
    # The search ranks the U.S. state first; only the country is a sovereign state.
    link = make_linker(standin, tmp_path).link("Georgia", "State")

    assert link is not None and link.qid == "Q230"
    assert "sovereign state (Q3624078)" in link.evidence


def test_ambiguous_name_is_left_unlinked(standin, tmp_path):
    # Two presidents answer to "George Bush" as an alias with similar prominence: no guess.
    assert make_linker(standin, tmp_path).link("George Bush", "Leader") is None


def test_no_candidate_of_the_kind_means_no_link(standin, tmp_path):
    assert make_linker(standin, tmp_path).link("George W. Bush", "State") is None
    assert make_linker(standin, tmp_path).link("Nobody In Particular", "Leader") is None


def test_second_run_is_answered_from_the_disk_cache(standin, tmp_path):
    first = make_linker(standin, tmp_path / "cache").link("George W. Bush", "Leader")
    asked = len(standin.requests)
    # A new client, as in a later `diplograph link --online` run, with the same cache folder.
    second = make_linker(standin, tmp_path / "cache").link("George W. Bush", "Leader")

    assert asked == 2
    assert len(standin.requests) == asked, "the stand-in must receive no second request"
    assert second == first


def test_backs_off_as_retry_after_says(standin, tmp_path):
    standin.throttle.append("1")
    link = make_linker(standin, tmp_path).link("George W. Bush", "Leader")

    assert link is not None and link.qid == "Q207"
    first, retry = standin.requests[0], standin.requests[1]
    assert first.path == retry.path == "/w/api.php"
    assert retry.at - first.at >= 1.0, "the retry came before Retry-After had passed"


def test_refuses_to_wait_longer_than_allowed(standin, tmp_path):
    standin.throttle.append("3600")
    with pytest.raises(WikidataError, match="asks to wait 3600 s"):
        make_linker(standin, tmp_path, max_wait=5).link("George W. Bush", "Leader")
    assert len(standin.requests) == 1


def test_keeps_a_minimum_interval_between_requests(standin, tmp_path):
    client = WikidataClient(Endpoints(standin.api, standin.sparql), DiskCache(tmp_path), min_interval=0.5)
    OnlineLinker(client).link("George W. Bush", "Leader")

    search, sparql = standin.requests
    assert sparql.at - search.at >= 0.5


def test_unreachable_service_is_a_clear_error(tmp_path):
    client = WikidataClient(Endpoints("http://127.0.0.1:9/w/api.php", "http://127.0.0.1:9/sparql"),
                            DiskCache(tmp_path), min_interval=0.0, timeout=5)
    with pytest.raises(WikidataError, match=re.escape("cannot reach http://127.0.0.1:9/w/api.php")):
        OnlineLinker(client).link("George W. Bush", "Leader")
