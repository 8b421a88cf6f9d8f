"""Where a build's time goes: each step timed in the process that runs it (the
building process, or a job's fork), the figures brought back with the job's result
(``pipeline/parallel.py``) and shown by ``build --temps``.

Times are exclusive: a step timed inside another one is taken out of the outer
step's time, so that the steps of a build add up to the work done, never more."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# The steps, in the order of a build, with their French labels (``build --temps``).
STEPS: dict[str, str] = {
    "lecture": "lecture et vérification",
    "analyse": "analyse de la langue",
    "regroupement": "regroupement",
    "markdown": "Markdown",
    "analyse-pandoc": "analyse pandoc",
    "html": "HTML",
    "docx": "DOCX",
    "pages": "pages (LibreOffice)",
    "pdf-mise-en-page": "PDF : mise en page",
    "pdf-ecriture": "PDF : écriture",
    "changements": "DOCX des changements",
    "rapport": "rapport de construction",
    "tableau-de-bord": "tableau de bord",
    "autres": "autres (processus, fichiers)",
}
OTHER = "autres"

_totals: dict[str, float] = {}
_stack: list[list[float]] = []  # for each step running: [start, time of inner steps]


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Adds the block's time, less its inner steps', to ``step``."""
    assert step in STEPS, step
    frame = [time.perf_counter(), 0.0]
    _stack.append(frame)
    try:
        yield
    finally:
        _stack.pop()
        elapsed = time.perf_counter() - frame[0]
        _totals[step] = _totals.get(step, 0.0) + elapsed - frame[1]
        if _stack:
            _stack[-1][1] += elapsed


def taken() -> dict[str, float]:
    """The steps' times since the last call (or the process' start), and a fresh start."""
    figures = dict(_totals)
    _totals.clear()
    return figures


@dataclass(frozen=True)
class StepTime:
    contribution: str  # "" for the steps of the whole build (reading, dashboard)
    step: str
    seconds: float


def step_times(contribution: str, figures: dict[str, float],
               total: float | None = None) -> list[StepTime]:
    """One process' (or job's) figures, with what they leave of ``total`` as ``OTHER``."""
    times = [StepTime(contribution, step, seconds) for step, seconds in figures.items()]
    if total is not None:
        times.append(StepTime(contribution, OTHER, max(0.0, total - sum(figures.values()))))
    return times
