"""Ingest: articles in, one named graph of facts per article out, every fact traced to its sentence."""
