"""Entity pages in the browser: a leader's summits, claims and graph; an article with its claims marked."""

from __future__ import annotations

BASE = "https://w3id.org/diplograph/"
DG = "https://w3id.org/diplograph/ontology#"


def local(site, iri: str) -> str:
    assert iri.startswith(BASE + "id/"), iri
    return site.url + "/" + iri[len(BASE):]


def test_leader_page_shows_summits_claims_and_graph(site, watched):
    page = watched.page
    page.goto(site.url + "/id/leader/kim-jong-un")
    labels = {row["l"]["value"] for row in site.select(
        f"SELECT ?l WHERE {{ <{BASE}id/leader/kim-jong-un> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")}
    assert page.locator("h1").inner_text() in labels
    assert page.locator("a.wikidata-link[href='http://www.wikidata.org/entity/Q56226']").count() == 1
    summits = page.locator(".summits-table tbody tr")
    expected = site.select(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s a <{DG}Summit> ; <{DG}participant> <{BASE}id/leader/kim-jong-un> }}""")[0]["n"]["value"]
    assert summits.count() == int(expected) >= 3
    assert "Singapore" in page.locator(".summits-table").inner_text()
    assert page.locator("#timeline li.event-summit").count() >= 3, "dated summits are on the timeline"
    assert page.locator("#timeline-picture g.item-summit").count() >= 3, "and on the time axis"
    claims = page.locator(".claims-by li.claim-item, .claims-about li.claim-item")
    assert claims.count() >= 1
    first = claims.first
    assert first.locator("blockquote.sentence").inner_text().strip(), "each claim shows its sentence"
    assert first.locator("a.article-link").get_attribute("href").startswith("/id/article/")
    graph = page.locator("#graph[data-ready=true]")
    graph.wait_for()
    assert int(graph.get_attribute("data-nodes")) > 5
    assert page.locator("#graph canvas").count() >= 1
    watched.screenshot("leader-kim-jong-un")
    assert not watched.outside and not watched.errors, (watched.outside, watched.errors)


def test_graph_node_opens_its_page(site, watched):
    page = watched.page
    page.goto(site.url + "/id/leader/kim-jong-un")
    page.locator("#graph[data-ready=true]").wait_for()
    href = page.evaluate("""() => {
        const node = window.diplographGraph.nodes('[center = 0]').filter(n => n.data('href').startsWith('/id/'))[0];
        node.emit('tap');
        return node.data('href');
    }""")
    page.wait_for_url(site.url + href)
    assert page.locator("h1").inner_text()


def test_article_page_highlights_claims_and_mentions(site, watched):
    rows = site.select(f"""SELECT ?article (COUNT(DISTINCT ?claim) AS ?n) WHERE {{
        ?claim a <{DG}Claim> ; <{DG}sourceArticle> ?article }} GROUP BY ?article ORDER BY DESC(?n) LIMIT 1""")
    article, claims = rows[0]["article"]["value"], int(rows[0]["n"]["value"])
    page = watched.page
    page.goto(local(site, article))
    marked = page.evaluate("""() => new Set(Array.from(document.querySelectorAll('#article-text mark.claim'))
                                     .flatMap(m => m.dataset.claims.split(' '))).size""")
    assert marked == claims >= 2, "every claim of the article is highlighted"
    mentions = page.locator("#article-text a.mention")
    assert mentions.count() >= 3
    # A highlighted mention's text is what the span's offsets cut from the article text.
    spans = site.select(f"""SELECT ?b ?e ?anchor WHERE {{ ?span <{DG}sourceArticle> <{article}> ;
        <{DG}denotes> ?x ; <{DG}beginIndex> ?b ; <{DG}endIndex> ?e ; <{DG}anchorText> ?anchor }} LIMIT 5""")
    for span in spans:
        anchor_id = f"char={span['b']['value']},{span['e']['value']}"
        text = page.evaluate("""(id) => {
            const a = document.getElementById(id); let n = a.nextSibling;
            while (n && n.nodeType === 1 && n.classList.contains('anchor')) n = n.nextSibling;
            return n ? n.textContent : null; }""", anchor_id)
        assert text and span["anchor"]["value"].startswith(text), (anchor_id, text, span["anchor"]["value"])
    watched.screenshot("article-claims")
    first_claim = page.locator(".claims-list a").first
    first_claim.click()
    page.locator("mark.sentence").first.wait_for()
    assert page.locator("mark.sentence strong.content").count() >= 1, "the claim's content inside its sentence"
    watched.screenshot("claim-in-context")
    assert not watched.outside and not watched.errors, (watched.outside, watched.errors)
