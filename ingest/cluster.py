"""Parse and extract on a Dask cluster (``diplograph ingest --dask ADDRESS``); the driver still writes.

Workers never touch the store: each batch goes to a worker, which runs the very ``Processor`` a
local run uses (spaCy loaded once per worker process and kept) and hands back each article's
``Outcome`` (which pickles its quads as N-Quads bytes: compact, and independent of how pyoxigraph
pickles).
The driver parses them back and writes exactly as a local run does, one transaction per article, in
input order, so the store ends up the same. At most two batches per worker thread are in flight, so
memory stays flat. A worker that dies has its batch retried by Dask on another worker; past Dask's
``allowed-failures`` (or on any other error of the task) the batch's articles count as failures.
``dask.distributed`` is imported only here, when ``--dask`` is given.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from diplograph import __version__
from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.pipeline import Extractor, Outcome, Processor

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler, and again for a first worker to be there
WAIT_STEP = 5  # seconds between checks that the client still has its scheduler, while a batch is out
INSTALL_HINT = "pip install 'diplograph[dask]'"


class ClusterError(Exception):
    """The Dask cluster cannot be used: not installed, unreachable, no workers, or workers unlike the driver."""


def on_cluster(batches: Iterator[list[Article]], settings: Settings, extractor: Extractor | None,
               address: str) -> Iterator[Outcome]:
    """Each batch extracted by a worker of the scheduler at ``address``; outcomes in input order."""
    with connect(address) as client:
        import cloudpickle  # Dask's own pickler, so an extractor defined in __main__ travels by value

        check_workers(client, address, settings)
        job = cloudpickle.dumps((settings, extractor))
        in_flight = 2 * max(1, sum(client.nthreads().values()))
        pending: deque[tuple[Future | None, list[Article]]] = deque()
        try:
            for batch in batches:
                pending.append((_submit(client, job, batch), batch))
                if len(pending) >= in_flight:
                    yield from _collect(*pending.popleft(), address)
            while pending:
                yield from _collect(*pending.popleft(), address)
        finally:  # stopped early: the cluster need not finish work nobody will write
            if client.status == "running":
                client.cancel([future for future, _ in pending if future is not None])


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    """A client of the scheduler at ``address``, with at least one worker; a ClusterError says why not."""
    try:
        from distributed import Client
        from distributed.comm import parse_address
        from distributed.comm.addressing import parse_host_port
    except ImportError:
        raise ClusterError(f"--dask needs Dask's distributed scheduler, which is not installed: {INSTALL_HINT}"
                           ) from None
    try:  # a malformed address fails here, before a Client half-builds itself
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as error:
        raise ClusterError(f"bad Dask scheduler address {address!r}: {error} (expected e.g. tcp://scheduler:8786)"
                           ) from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {error}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)") from None
    return client


def check_workers(client: Client, address: str, settings: Settings) -> None:
    """Refuse workers whose diplograph, spaCy or model differ from the driver's: their graphs would too."""
    expected = _environment(settings.spacy_model)
    try:
        found = client.run(_environment, settings.spacy_model)
    except Exception as error:  # a worker's error comes back as a bare Exception naming it (no diplograph there)
        raise ClusterError(f"the Dask workers of {address} cannot run diplograph ({error}); install "
                           f"diplograph {__version__} and the model on every worker") from None
    for worker, environment in sorted(found.items()):
        if environment != expected:
            raise ClusterError(f"Dask worker {worker} has {_describe(environment)}, the driver has "
                               f"{_describe(expected)}: install the same on every worker")


def _environment(model: str) -> tuple[str, str, str | None]:
    """What decides a worker's output besides the code: diplograph's, spaCy's and the model's versions."""
    import spacy
    import spacy.util

    return __version__, spacy.__version__, spacy.util.get_package_version(model)


def _describe(environment: tuple[str, str, str | None]) -> str:
    diplograph, spacy, model = environment
    return f"diplograph {diplograph}, spaCy {spacy}, model {model or 'not installed'}"


def _submit(client: Client, job: bytes, batch: list[Article]) -> Future | None:
    """The batch's future, or None once the client has given up on a scheduler it lost (it is closed)."""
    from distributed.client import ClosedClientError

    try:
        return client.submit(_extract, job, batch, pure=False)
    except ClosedClientError:
        return None


def _collect(future: Future | None, batch: list[Article], address: str) -> list[Outcome]:
    """The batch's outcomes; when the cluster could not produce them, a failure for each of its articles."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    if future is None:
        return _failed(batch, f"not sent: the connection to the Dask scheduler at {address} was lost")
    try:
        outcomes = _result(future)
    except KilledWorker as error:  # workers kept dying on it (killed for memory, a crash in native code)
        return _failed(batch, f"a Dask worker died while its batch was processed ({error})")
    except ConnectionError:
        return _failed(batch, f"the connection to the Dask scheduler at {address} was lost")
    except CancelledError as error:  # the scheduler lost (its reason: scheduler-connection-lost), or cancelled
        cause = getattr(error, "reason", "no reason given")
        return _failed(batch, f"its batch was cancelled on the Dask cluster at {address} ({cause})")
    except Exception as error:  # a bug on the worker's side
        return _failed(batch, f"its batch failed on the Dask cluster ({type(error).__name__}: {error})")
    finally:
        future.release()
    return outcomes


def _result(future: Future) -> list[Outcome]:
    """The future's result, waited for in steps: a client that gave up on its lost scheduler can leave
    a future it took while reconnecting pending forever."""
    while True:
        try:
            return future.result(timeout=WAIT_STEP)
        except TimeoutError:
            if future.done():  # the task's own error
                raise
            if future.client.status in ("closing", "closed"):
                raise ConnectionError("the client closed after losing its scheduler") from None


def _failed(batch: list[Article], reason: str) -> list[Outcome]:
    return [Outcome(article.source, failure=reason) for article in batch]


# --- on the worker --------------------------------------------------------------------------------

_lock = threading.Lock()  # one batch at a time per worker process: a spaCy pipeline is not shared by threads
_loaded: tuple[bytes, Processor] | None = None


def _extract(job: bytes, batch: list[Article]) -> list[Outcome]:
    """``job`` is the pickled (settings, extractor): compared as bytes, so a run keeps its pipeline."""
    global _loaded
    with _lock:
        if _loaded is None or _loaded[0] != job:  # the first batch, or a new run that asks for another
            import cloudpickle

            _loaded = (job, Processor(*cloudpickle.loads(job)))
        return _loaded[1].process(batch)
