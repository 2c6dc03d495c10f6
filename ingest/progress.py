"""Telling the user how an ingest run goes: a live bar on a terminal, plain log lines elsewhere, a summary."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from diplograph.ingest.pipeline import FACT_KINDS, Outcome, Summary
from diplograph.ingest.readers import Failure

LOG_EVERY_SECONDS = 10.0
PLURALS = {"entity": "entities", "summit": "summits", "sanction": "sanctions", "claim": "claims"}


def reporter(stream: TextIO = sys.stderr) -> LogReporter | BarReporter:
    """A progress bar when ``stream`` is a terminal, else log lines that read well in a CI log."""
    return BarReporter(stream) if stream.isatty() else LogReporter(stream)


def _facts(summary: Summary) -> int:
    return sum(summary.facts[kind] for kind in FACT_KINDS)


class LogReporter:
    """One line per warning and failure, and a progress line every ``LOG_EVERY_SECONDS``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = time.monotonic()

    def __enter__(self) -> LogReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def warning(self, source: str, message: str) -> None:
        self._line(f"warning: {source}: {message}")

    def failure(self, failure: Failure) -> None:
        self._line(f"failed: {failure}")

    def article(self, outcome: Outcome, summary: Summary) -> None:
        if time.monotonic() - self.last >= LOG_EVERY_SECONDS:
            self.last = time.monotonic()
            self._line(f"ingest: {summary.articles} articles ({summary.rate:.2g}/s), {_facts(summary)} facts, "
                       f"{len(summary.failures)} failed")

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


class BarReporter(LogReporter):
    """A rich progress bar (articles, articles/s, facts so far); messages print above it."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        super().__init__(stream)
        self.console = Console(file=stream)
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=self.console, transient=True)
        self.task = self.progress.add_task("starting")

    def __enter__(self) -> BarReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def article(self, outcome: Outcome, summary: Summary) -> None:
        self.progress.update(self.task, description=(
            f"{summary.articles} articles · {summary.rate:.2g}/s · {_facts(summary)} facts · "
            f"{len(summary.failures)} failed"))

    def _line(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False)


def summary_text(summary: Summary) -> str:
    """The end-of-run summary: articles, facts by type, what validation dropped, warnings and failures."""
    facts = ", ".join(f"{summary.facts[kind]} {PLURALS[kind] if summary.facts[kind] != 1 else kind}"
                      for kind in FACT_KINDS)
    lines = [f"ingested {summary.articles} article{'' if summary.articles == 1 else 's'} "
             f"({summary.triples} triples) in {summary.seconds:.1f} s ({summary.rate:.2g} articles/s)",
             f"facts: {facts}"]
    if summary.dropped:
        dropped = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.dropped.items()))
        lines.append(f"dropped by SHACL validation: {dropped}")
    if summary.replaced:
        lines.append(f"replaced {summary.replaced} earlier version{'' if summary.replaced == 1 else 's'} "
                     "of edited files")
    lines.append(f"warnings: {summary.warnings}")
    if summary.failures:
        lines.append(f"failed: {len(summary.failures)}")
        lines += [f"  {failure}" for failure in summary.failures]
    return "\n".join(lines)
