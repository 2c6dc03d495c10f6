"""Ingest into a store that a running `diplograph serve` holds, through its Graph Store protocol.

The server is the store's only writer (RocksDB allows one), so while it runs ``diplograph ingest``
sends each article graph with ``diplograph.server.running.put_graph``: one PUT, one transaction,
and the server's readers see the old graph or the new one, never half of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from diplograph.remote_store import with_values
from diplograph.server.running import PushError, RunningServer, delete_graph, put_graph, select


class RemoteStore:
    """The part of ``Store`` that ingest uses, backed by a running server."""

    def __init__(self, server: RunningServer, token: str) -> None:
        self.server = server
        self.token = token

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: each write is its own request."""

    def flush(self) -> None:
        """The server flushes every write before answering."""

    def query(self, sparql: str, *, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None
              ) -> ox.QuerySolutions:
        """A SELECT query answered by the server; an ``OSError`` says why it was not."""
        try:
            answer = select(self.server, with_values(sparql, bindings or {}))
        except PushError as error:
            raise OSError(str(error)) from None
        return ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *, dropping: Iterable[str] = ()) -> None:
        """Make ``graph`` hold exactly ``quads``, then delete the ``dropping`` graphs (an article's earlier
        versions: a failure leaves them beside the new one, never neither); an ``OSError`` says why the
        server refused."""
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        try:
            put_graph(self.server, self.token, graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            for earlier in dropping:
                delete_graph(self.server, self.token, earlier)
        except PushError as error:
            raise OSError(str(error)) from None
