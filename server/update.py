"""SPARQL 1.1 Update: POST /update (and POST update= on /sparql), run by Oxigraph in one transaction."""

from __future__ import annotations

from flask import Blueprint, Response, request

from diplograph.merged import mirrored
from diplograph.server.auth import require_writer
from diplograph.server.endpoint import endpoint
from diplograph.server.protocol import Operation, ProtocolError, read_operation
from diplograph.server.query import base_iri, check_remotes
from diplograph.sparqltext import inspect_update, with_using

bp = Blueprint("update", __name__)


@bp.route("/update", methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"])
def update() -> Response:
    if request.method != "POST":
        raise ProtocolError(405, "send SPARQL Update with POST", {"Allow": "POST"})
    operation = read_operation(request, allow_update=True)
    if operation is None or operation.kind != "update":
        raise ProtocolError(400, "/update takes SPARQL Update only; send queries to /sparql")
    return run_update(operation)


def run_update(operation: Operation) -> Response:
    """Check the token, the dataset parameters and remote targets, then apply the update durably."""
    require_writer()
    info = inspect_update(operation.text)
    protocol_dataset = bool(operation.default_graphs or operation.named_graphs)
    if protocol_dataset and info.has_dataset_clause:
        raise ProtocolError(400, "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH "
                            "in the update itself")
    check_remotes(info.remotes)
    text = with_using(operation.text, info, operation.default_graphs, operation.named_graphs) \
        if protocol_dataset else operation.text
    with endpoint().write() as store:
        # Only a failure of the update itself changed nothing; one after it (flush, snapshot) is a server
        # error, logged with its traceback and answered with the generic 500.
        try:
            store.update(mirrored(text), base_iri=base_iri())
        except SyntaxError as error:
            raise ProtocolError(400, f"SPARQL Update syntax error: {error}") from None
        except (OSError, ValueError) as error:
            raise ProtocolError(500, f"the update failed and changed nothing: {error}") from None
    return Response(status=204)
