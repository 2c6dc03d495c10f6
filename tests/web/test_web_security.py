"""Text from articles is shown as text, never markup; HTML pages carry a strict CSP."""

from __future__ import annotations

import re

import requests
from websupport import ARTICLES, LiveServer, ingest

DG = "https://w3id.org/diplograph/ontology#"
HOSTILE_TITLE = "Putin hosts Kim at Vostochny <script>window.__pwned = 'title'</script>"


def hostile_article(site) -> str:
    rows = site.select(f'SELECT ?a WHERE {{ ?a <{DG}title> ?t FILTER(CONTAINS(?t, "Vostochny <script>")) }}')
    assert rows, "the hostile test article was ingested"
    return rows[0]["a"]["value"]


def test_hostile_article_renders_as_text(site, watched):
    article = hostile_article(site)
    page = watched.page
    page.goto(site.url + article.removeprefix("https://w3id.org/diplograph"))
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 'text'</script>" in text
    assert "<b>cooperation</b>" in text and "<img src=x onerror=" in text
    assert page.locator("#article-text script, #article-text img, #article-text b, h1 script").count() == 0
    assert page.evaluate("() => window.__pwned") is None, "no markup from the article ran"
    assert page.locator("#article-text mark.claim").count() >= 1
    watched.screenshot("hostile-article")
    claim = page.locator(".claims-list a").first
    claim.click()
    page.locator("mark.sentence").first.wait_for()
    assert page.evaluate("() => window.__pwned") is None
    assert not watched.outside, watched.outside


def test_html_pages_carry_security_headers(site):
    for path in ("/", "/id/leader/kim-jong-un", "/ontology", "/queries?format=html"):
        response = requests.get(site.url + path, headers={"Accept": "text/html"}, timeout=30)
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, (path, policy)
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_raw_html_escapes_article_markup(site):
    article = hostile_article(site)
    html = requests.get(site.url + article.removeprefix("https://w3id.org/diplograph"),
                        headers={"Accept": "text/html"}, timeout=30).text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    # Scripts on pages come from /static only: no inline code.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag


def test_page_queries_obey_the_row_cap(tmp_path):
    """Pages query through the server's workers, so its limits hold there too, and a cut is shown."""
    store = tmp_path / "store"
    ingest(store, ARTICLES)
    server = LiveServer(store, args=("--max-rows", "2"))
    try:
        html = requests.get(server.url + "/id/leader/kim-jong-un", headers={"Accept": "text/html"}, timeout=30).text
        assert 'class="warning"' in html and "row cap of 2" in html
        facts = html.split('<table class="facts-table">')[1].split("</table>")[0]
        assert 1 <= facts.count("<tr><td>") <= 2, "the facts table holds at most the cap"
    finally:
        server.stop()
