"""Canned SPARQL queries shipped as ``.rq`` files; see :mod:`diplograph.queries.catalog`."""
