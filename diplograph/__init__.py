"""diplograph: news and analysis articles to an RDF knowledge graph of leaders, states, summits,
sanctions and claims, linked to Wikidata and served over SPARQL 1.1."""

__version__ = "0.1.0"
