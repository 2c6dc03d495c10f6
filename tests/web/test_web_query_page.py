"""The query page: YASGUI from this server only, canned queries as examples that run and show rows."""

from __future__ import annotations


def test_canned_query_runs_and_shows_rows(site, watched):
    page = watched.page
    page.goto(site.url + "/")
    page.wait_for_selector("#yasgui .yasqe")
    assert page.locator("button.example").count() >= 5, "the canned queries are offered as examples"
    page.click("button.example[data-name=summits]")
    rows = page.locator(".tabPanel.active .yasr table tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 5
    table = page.locator(".tabPanel.active .yasr table").inner_text()
    assert "Singapore" in table or "singapore" in table, "a summit of the samples is listed"
    editor = page.locator(".tabPanel.active .CodeMirror").inner_text()
    assert "PREFIX dg:" in editor
    watched.screenshot("query-page-summits")
    assert not watched.outside, f"the page reached beyond this server: {watched.outside}"
    assert not watched.errors, watched.errors


def test_new_tab_declares_prefixes_and_numbers_chart(site, watched):
    page = watched.page
    page.goto(site.url + "/")
    page.wait_for_selector("#yasgui .yasqe")
    page.evaluate("""() => {
        const tab = window.diplographYasgui.addTab(true);
        window.__tab = tab;
    }""")
    text = page.evaluate("() => window.__tab.getQuery()")
    for prefix in ("dg:", "rdfs:", "owl:", "wd:", "skos:", "xsd:"):
        assert f"PREFIX {prefix}" in text
    page.evaluate("""() => {
        window.__tab.setQuery(`PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type FILTER(STRSTARTS(STR(?type), STR(dg:))) }
GROUP BY ?type ORDER BY DESC(?n)`);
        return window.__tab.query();
    }""")
    page.locator(".tabPanel.active .yasr table tbody tr").first.wait_for()
    page.locator(".tabPanel.active .select_chart").click()
    page.locator(".tabPanel.active .diplograph-chart canvas").wait_for()
    watched.screenshot("query-page-chart")
    page.locator(".tabPanel.active .select_response").click()
    assert '"bindings"' in page.locator(".tabPanel.active .yasr").inner_text(), "the raw response view"
    assert not watched.outside and not watched.errors, (watched.outside, watched.errors)
