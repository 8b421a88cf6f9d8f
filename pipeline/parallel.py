"""The build's jobs run side by side on the machine's cores (one process each, so
that pandoc's, python's and WeasyPrint's work really runs in parallel), each with a
time limit.

A job may say how much memory it will need: such a job is held back while the
ones running would, together, go over the budget (alone, it runs whatever its size). A job
may also have a follow-up, run in the building process with its result, which can
submit more jobs. The processes are forked once the notes are checked: they
inherit what the parent holds (``shared()``) instead of receiving a copy."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

RENDER_TIMEOUT_SECONDS = 900  # a 1000-note PDF takes about two minutes here
MEMORY_BUDGET_BYTES = 1_500_000_000  # the jobs running at once, together

_shared: object = None


class RenderTimeout(Exception):
    pass


@dataclass(frozen=True)
class JobResult:
    label: str
    error: str | None = None
    seconds: float = 0.0
    value: object = None  # what the job returned


def shared() -> object:
    """What the building process gave ``Workers(shared=…)``, in a worker process."""
    return _shared


def _share(value: object) -> None:
    global _shared
    _shared = value


def _on_alarm(signum: int, frame: object) -> None:
    raise RenderTimeout


def _run(label: str, function: Callable[[], object], timeout: int) -> JobResult:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        value = function()
    except RenderTimeout:
        return JobResult(label, f"le rendu a dépassé {timeout} s et a été interrompu")
    except Exception as exc:  # reported as the job's error, never as a traceback
        return JobResult(label, f"{type(exc).__name__} : {exc}")
    finally:
        signal.alarm(0)
    return JobResult(label, None, time.perf_counter() - start, value)


@dataclass(frozen=True)
class _Job:
    label: str
    function: Callable[[], object]
    memory: int
    then: Callable[[JobResult], None] | None


class Workers:
    """Runs jobs on up to two processes; ``wait`` runs them all, follow-ups included."""

    def __init__(self, timeout: int = RENDER_TIMEOUT_SECONDS,
                 memory_budget: int = MEMORY_BUDGET_BYTES, shared: object = None) -> None:
        self.timeout = timeout
        self.memory_budget = memory_budget
        self.shared = shared
        self.count = max(1, min(2, os.cpu_count() or 1))
        self.pool: ProcessPoolExecutor | None = None
        self.held: list[_Job] = []
        self.running: dict[Future[JobResult], _Job] = {}

    def submit(self, label: str, function: Callable[[], object], *, memory: int = 0,
               then: Callable[[JobResult], None] | None = None) -> None:
        """``function`` must pickle (a module function, or a partial of one)."""
        self.held.append(_Job(label, function, memory, then))
        self._start_held()

    def wait(self, on_done: Callable[[JobResult], None] | None = None) -> list[JobResult]:
        results = []
        while self.running:
            done, _ = wait(list(self.running), return_when=FIRST_COMPLETED)
            for future in done:
                job = self.running.pop(future)
                result = future.result()
                results.append(result)
                if job.then:
                    job.then(result)
                if on_done:
                    on_done(result)
            self._start_held()
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
        return results

    def _start_held(self) -> None:
        for job in list(self.held):
            in_use = sum(j.memory for j in self.running.values())
            if job.memory and self.running and in_use + job.memory > self.memory_budget:
                continue  # after the running ones; jobs that say nothing go on
            self.held.remove(job)
            self.running[self._pool().submit(_run, job.label, job.function,
                                             self.timeout)] = job

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.count,
                                            mp_context=multiprocessing.get_context("fork"),
                                            initializer=_share, initargs=(self.shared,))
        return self.pool
