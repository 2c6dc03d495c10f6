"""An agent's page lists the sanctions it (or its state, or that state's government) imposed or suffered, no others."""

from __future__ import annotations

BASE = "https://w3id.org/diplograph/"
DG = "https://w3id.org/diplograph/ontology#"


def test_leader_page_lists_only_its_own_sanctions(site, watched):
    page = watched.page
    leader = f"<{BASE}id/leader/kim-jong-un>"
    page.goto(site.url + "/id/leader/kim-jong-un")
    rows = page.locator(".sanctions-table tbody tr")
    own = site.select(f"""SELECT (COUNT(DISTINCT CONCAT(STR(?sanction), ?role)) AS ?n) WHERE {{
        {{ BIND({leader} AS ?party) }} UNION {{ {leader} <{DG}leaderOf> ?party }}
        UNION {{ {leader} <{DG}leaderOf> ?state . ?party <{DG}governmentOf> ?state }}
        {{ ?sanction <{DG}imposedBy> ?party BIND("imposed" AS ?role) }}
        UNION {{ ?sanction <{DG}targets> ?party BIND("suffered" AS ?role) }}
        ?sanction a <{DG}Sanction> }}""")[0]["n"]["value"]
    every = site.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{DG}Sanction> }}")[0]["n"]["value"]
    assert rows.count() == int(own) >= 1
    assert int(own) < int(every), "the samples hold sanctions on others, which this page must leave out"
    assert "North Korea" in page.locator(".sanctions-table").inner_text()
    assert not watched.outside and not watched.errors, (watched.outside, watched.errors)
