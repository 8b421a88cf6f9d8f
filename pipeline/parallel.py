"""The conversions run side by side on the machine's cores (one process each, so
that WeasyPrint's and pandoc's work really runs in parallel), each with a time limit."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

RENDER_TIMEOUT_SECONDS = 900  # a 1000-note PDF takes about a minute here


class RenderTimeout(Exception):
    pass


@dataclass(frozen=True)
class JobResult:
    label: str
    error: str | None = None
    seconds: float = 0.0


def _on_alarm(signum: int, frame: object) -> None:
    raise RenderTimeout


def _run(label: str, function: Callable[[], None], timeout: int) -> JobResult:
    import time

    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        function()
    except RenderTimeout:
        return JobResult(label, f"le rendu a dépassé {timeout} s et a été interrompu")
    except Exception as exc:  # reported as the job's error, never as a traceback
        return JobResult(label, f"{type(exc).__name__} : {exc}")
    finally:
        signal.alarm(0)
    return JobResult(label, None, time.perf_counter() - start)


class Workers:
    """Runs jobs on up to ``cpu_count`` processes; ``wait`` gives their results in order."""

    def __init__(self, timeout: int = RENDER_TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self.count = max(1, min(2, os.cpu_count() or 1))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[JobResult]] = []

    def submit(self, label: str, function: Callable[[], None]) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.count,
                                            mp_context=multiprocessing.get_context("fork"))
        self.futures.append(self.pool.submit(_run, label, function, self.timeout))

    def wait(self, on_done: Callable[[JobResult], None] | None = None) -> list[JobResult]:
        from concurrent.futures import as_completed

        results = []
        for future in as_completed(self.futures):
            result = future.result()
            results.append(result)
            if on_done:
                on_done(result)
        if self.pool is not None:
            self.pool.shutdown()
        return results
