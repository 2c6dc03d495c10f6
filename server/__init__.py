"""The SPARQL 1.1 endpoint and the web pages over the store."""
