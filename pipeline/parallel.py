"""The build's jobs run side by side on the machine's cores, each in a process of its
own (so that pandoc's, python's and WeasyPrint's work really runs in parallel), each
with a time limit.

Each job is a fresh fork of the building process: it sees what the building process
holds (the checked notes, a grouped document) without a copy being sent, and its
memory goes back to the system when it ends — a long-lived worker would keep the
gigabyte a large PDF took. A job may say how much memory it will need: such a job is
held back while the ones running would, together, go over the budget (alone, it
runs whatever its size). A job may have a follow-up, run in the building process
with its result, which can submit more jobs and give a lighter result to keep. Once a
job's process has started, the building process lets go of its function (and of what
it holds: a page, a document), so that the jobs forked after it do not inherit it."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline import timing
from pipeline.failures import describe

RENDER_TIMEOUT_SECONDS = 900  # a 1000-note PDF takes about a minute and a half here
MEMORY_BUDGET_BYTES = 1_500_000_000  # the jobs running at once, and the building process


class RenderTimeout(Exception):
    pass


@dataclass(frozen=True)
class JobResult:
    label: str
    error: str | None = None
    seconds: float = 0.0
    value: object = None  # what the job returned
    tag: object = None  # what the job was submitted for, as the submitter said it
    times: dict[str, float] = field(default_factory=dict)  # its steps (pipeline/timing.py)


def _on_alarm(signum: int, frame: object) -> None:
    raise RenderTimeout


def _run(label: str, function: Callable[[], object], timeout: int) -> JobResult:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    timing.taken()  # the fork's copy of the building process' figures: not this job's
    start = time.perf_counter()
    try:
        value = function()
    except RenderTimeout:
        return JobResult(label, f"le rendu a dépassé {timeout} s et a été interrompu")
    except Exception as exc:  # reported as the job's error, never as a traceback
        return JobResult(label, describe(exc))
    finally:
        signal.alarm(0)
    return JobResult(label, None, time.perf_counter() - start, value, times=timing.taken())


def _child(out: Connection, label: str, function: Callable[[], object], timeout: int) -> None:
    # What the building process held when it forked stays shared with it only as long
    # as nothing writes to it: the collector would (it marks every object it walks),
    # making the job copy the building process' whole heap. Frozen, it is not walked.
    gc.freeze()
    try:
        result = _run(label, function, timeout)
    except KeyboardInterrupt:  # Ctrl-C: the building process says « interrompu »
        return
    try:
        out.send(result)
    except Exception as exc:  # a value that does not pickle: said, not lost
        out.send(JobResult(label, describe(exc)))
    out.close()


@dataclass(frozen=True)
class _Job:
    label: str
    function: Callable[[], object]
    memory: int
    then: Callable[[JobResult], JobResult | None] | None
    tag: object = None


def _handed_over() -> None:
    """A started job's function, as the building process keeps it: the job's process
    has its own copy."""


def resident_bytes() -> int:
    """This process' resident memory (0 where the system does not say it)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def worker_count() -> int:
    """The jobs that run at once: two (one on a single core)."""
    return max(1, min(2, os.cpu_count() or 1))


class Workers:
    """Runs jobs two at a time (one on a single core); ``wait`` runs them all,
    follow-ups included, and gives their results in the order they ended."""

    def __init__(self, timeout: int = RENDER_TIMEOUT_SECONDS,
                 memory_budget: int = MEMORY_BUDGET_BYTES, *,
                 counting_itself: bool = False) -> None:
        """``counting_itself``: the budget covers this process too, as it is now (the
        building process, whose memory the jobs do not copy, stays beside them)."""
        self.timeout = timeout
        self.memory_budget = memory_budget - (resident_bytes() if counting_itself else 0)
        self.count = worker_count()
        self.held: list[_Job] = []
        self.running: dict[Connection, tuple[_Job, multiprocessing.process.BaseProcess]] = {}

    def submit(self, label: str, function: Callable[[], object], *, memory: int = 0,
               then: Callable[[JobResult], JobResult | None] | None = None,
               tag: object = None) -> None:
        """``tag`` comes back on the job's result, as it was given (it is not sent to
        the job). ``then`` may return what to keep of the result, in its stead."""
        self.held.append(_Job(label, function, memory, then, tag))
        self._start_held()

    def wait(self, on_done: Callable[[JobResult], None] | None = None) -> list[JobResult]:
        try:
            return self._wait(on_done)
        except BaseException:  # Ctrl-C: a job writing its result would wait for us forever
            for _, process in self.running.values():
                process.terminate()
                process.join()
            raise

    def _wait(self, on_done: Callable[[JobResult], None] | None) -> list[JobResult]:
        results = []
        while self.running:
            for reader in wait(list(self.running)):
                job, process = self.running.pop(reader)  # type: ignore[call-overload]
                result = replace(self._receive(job, reader), tag=job.tag)
                process.join()
                if job.then:
                    result = job.then(result) or result
                results.append(result)
                if on_done:
                    on_done(result)
            self._start_held()
        return results

    def _receive(self, job: _Job, reader: Connection) -> JobResult:
        try:
            return reader.recv()
        except (EOFError, OSError):  # killed: out of memory, or by the system
            return JobResult(job.label, "le processus de rendu s'est arrêté sans résultat "
                             "(mémoire insuffisante ?)")
        finally:
            reader.close()

    def _start_held(self) -> None:
        for job in list(self.held):
            if len(self.running) >= self.count:
                return
            in_use = sum(j.memory for j, _ in self.running.values())
            if job.memory and self.running and in_use + job.memory > self.memory_budget:
                continue  # after the running ones; jobs that say nothing go on
            self.held.remove(job)
            reader, writer = multiprocessing.Pipe(duplex=False)
            process = multiprocessing.get_context("fork").Process(
                target=_child, args=(writer, job.label, job.function, self.timeout),
                name=job.label)  # not daemonic: a job may fork in turn
            process.start()
            writer.close()
            self.running[reader] = (replace(job, function=_handed_over), process)


class Ahead:
    """A process forked before its work is known, that gets ready meanwhile (loads a
    language model while the building process reads the notes), then runs the one
    function it is sent — or is stopped, unused. ``with Ahead(label, ready) as ahead:``
    stops it on the way out whatever happened."""

    def __init__(self, label: str, ready: Callable[[], object],
                 timeout: int = RENDER_TIMEOUT_SECONDS) -> None:
        self.label = label
        orders, self._sender = multiprocessing.Pipe(duplex=False)  # (reader, writer)
        self._results, results = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(
            target=_ahead, args=(orders, results, (self._sender, self._results), label,
                                 ready, timeout),
            name=label)  # not daemonic: its function may fork in turn
        self._process.start()
        orders.close()
        results.close()

    def run(self, function: Callable[[], object],
            meanwhile: Callable[[], None] | None = None) -> JobResult:
        """``function`` run in the process, once it is ready; its result. ``meanwhile``:
        run here while it works."""
        try:
            self._sender.send(function)
            if meanwhile is not None:
                meanwhile()
            return self._results.recv()
        except (EOFError, OSError):
            return JobResult(self.label, "le processus s'est arrêté sans résultat "
                             "(mémoire insuffisante ?)")
        finally:
            self.stop()

    def stop(self) -> None:
        """Stopped at once: unused, it may be loading still; interrupted (Ctrl-C), it
        may be writing a result nobody reads; used, it is ending."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._sender.close()
        self._results.close()

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _ahead(orders: Connection, results: Connection, parents: tuple[Connection, ...],
           label: str, ready: Callable[[], object], timeout: int) -> None:
    for end in parents:  # the building process' ends: its closing one is the end
        end.close()
    try:
        with suppress(Exception):  # the function sent meets the same failure, and says it
            ready()
        function = orders.recv()
    except (EOFError, OSError, KeyboardInterrupt):  # stopped unused; Ctrl-C
        return
    _child(results, label, function, timeout)
