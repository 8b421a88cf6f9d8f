"""The workers: jobs run in other processes, and one that runs past its time limit is
stopped with a message instead of hanging the build."""

import gc
import multiprocessing
import os
import signal
import threading
import time
import weakref
from dataclasses import replace
from functools import partial
from multiprocessing import Event
from pathlib import Path

import pytest

from pipeline.failures import describe
from pipeline.parallel import Ahead, Workers, resident_bytes


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _fail() -> None:
    raise ValueError("pandoc a échoué")


def test_a_job_past_its_time_limit_is_stopped_with_a_message():
    workers = Workers(timeout=1)
    workers.submit("lent : pdf", partial(_sleep, 30))
    workers.submit("rapide : docx", partial(_sleep, 0))
    start = time.perf_counter()
    results = {r.label: r for r in workers.wait()}
    assert time.perf_counter() - start < 10
    assert results["lent : pdf"].error == "le rendu a dépassé 1 s et a été interrompu"
    assert results["rapide : docx"].error is None


def test_a_failing_job_reports_its_error():
    workers = Workers()
    workers.submit("x : pdf", _fail)
    (error,) = [r.error for r in workers.wait()]
    assert error.startswith("erreur inattendue du programme") and "ValueError" not in error


def _stay(seconds: float) -> tuple[float, float]:
    start = time.perf_counter()
    time.sleep(seconds)
    return start, time.perf_counter()


def _meet(barrier: threading.Barrier) -> int:
    """Returns once the other job is running too (a fork inherits the barrier); broken
    after the timeout if it never comes, which fails the job."""
    return barrier.wait(timeout=60)


def _alone(started: Event, other: Event, finished: Event, wait: float) -> bool:
    """Says it runs, gives the other job ``wait`` seconds to say it runs too, and
    returns whether it did (it must not: the budget holds it back)."""
    started.set()
    overlapped = other.wait(timeout=wait) and not finished.is_set()
    return overlapped


def _two_cores() -> Workers:
    workers = Workers(memory_budget=100)
    workers.count = 2  # what is tested is the budget, whatever this machine's cores
    return workers


def test_jobs_too_big_together_run_one_after_the_other():
    workers = _two_cores()
    a, b, a_done = Event(), Event(), Event()
    # a waits a moment for b: b, held back by the budget, must not come
    workers.submit("a : pdf", partial(_alone, a, b, a_done, 3.0), memory=80,
                   then=lambda result: a_done.set())
    workers.submit("b : pdf", partial(_alone, b, a, a_done, 0.0), memory=80)
    results = {r.label: r for r in workers.wait()}
    assert [r.error for r in results.values()] == [None, None]
    assert results["a : pdf"].value is False and results["b : pdf"].value is False
    assert [r.label for r in results.values()] == ["a : pdf", "b : pdf"]


def test_a_budget_counting_the_building_process_leaves_the_jobs_what_it_does_not_take():
    # a budget of this process' size and 100 MB more leaves 100 MB to the jobs once that
    # size is counted (give or take the pages it gains or loses meanwhile): not enough
    # for two of 80 MB
    mb = 1_000_000
    workers = Workers(memory_budget=resident_bytes() + 100 * mb, counting_itself=True)
    workers.count = 2
    a, b, a_done = Event(), Event(), Event()
    workers.submit("a : pdf", partial(_alone, a, b, a_done, 3.0), memory=80 * mb,
                   then=lambda result: a_done.set())
    workers.submit("b : pdf", partial(_alone, b, a, a_done, 0.0), memory=80 * mb)
    results = {r.label: r.value for r in workers.wait()}
    assert results == {"a : pdf": False, "b : pdf": False}


def test_jobs_that_fit_together_run_side_by_side():
    workers = _two_cores()
    barrier = multiprocessing.get_context("fork").Barrier(2)
    for name in ("a", "b"):
        workers.submit(f"{name} : pdf", partial(_meet, barrier), memory=40)
    results = workers.wait()
    assert [r.error for r in results] == [None, None]  # each one met the other
    assert sorted(r.value for r in results) == [0, 1]


def test_a_follow_up_runs_here_and_may_submit_more_jobs():
    workers = Workers()
    seen = []

    def then(result):
        seen.append(result.label)
        if result.label == "a : docx":
            workers.submit("a : pdf", partial(_stay, 0))

    workers.submit("a : docx", partial(_stay, 0), then=then)
    labels = [r.label for r in workers.wait()]
    assert labels == ["a : docx", "a : pdf"] and seen == ["a : docx"]


def test_a_follow_up_may_give_a_lighter_result_to_keep():
    workers = Workers()
    workers.submit("a : prep", partial(_stay, 0), then=lambda r: replace(r, value="léger"))
    workers.submit("b : prep", partial(_stay, 0), then=lambda r: None)  # kept as it came
    values = {r.label: r.value for r in workers.wait()}
    assert values["a : prep"] == "léger" and isinstance(values["b : prep"], tuple)


class _Page:
    """Stands for what a job's function holds: a page of megabytes."""

    def __init__(self) -> None:
        self.text = "une page"

    def write(self, go: Event) -> int:
        go.wait(60)
        return len(self.text)


def test_once_a_job_runs_the_building_process_lets_go_of_what_its_function_holds():
    # else every job forked after it inherits it (and the process tree counts it)
    page, go = _Page(), multiprocessing.get_context("fork").Event()
    held = weakref.ref(page)
    workers = Workers()
    workers.submit("a : pdf", partial(page.write, go))
    del page
    gc.collect()
    let_go_while_it_runs = held() is None
    go.set()
    (result,) = workers.wait()
    assert let_go_while_it_runs and result.value == len("une page")


def _private_kb() -> int:
    rollup = Path("/proc/self/smaps_rollup").read_text().splitlines()
    return sum(int(line.split()[1]) for line in rollup if line.startswith("Private_Dirty:"))


def _collected() -> int:
    """kB this process made its own while the collector ran."""
    before = _private_kb()
    gc.collect()
    return _private_kb() - before


def test_a_job_collecting_its_garbage_leaves_the_building_process_memory_shared():
    # 300 000 small lists held here (about 30 MB): a job that walked them while
    # collecting would copy every page holding them (as a PDF job's layout does)
    held = [[n] for n in range(300_000)]
    workers = Workers()
    workers.submit("a : pdf", _collected)
    (result,) = workers.wait()
    assert len(held) == 300_000 and result.error is None
    assert result.value < 3_000, f"{result.value} kB copied by the job's collector"


def test_each_job_is_a_fresh_process_that_sees_this_ones_data():
    notes = ["une note"] * 1000
    workers = Workers()
    for name in ("a", "b", "c"):  # a lambda does not pickle: nothing is sent, all is seen
        workers.submit(f"{name} : docx", lambda: (os.getpid(), len(notes)))
    values = [r.value for r in workers.wait()]
    assert [count for _, count in values] == [1000] * 3
    assert len({pid for pid, _ in values} | {os.getpid()}) == 4


def test_a_job_whose_process_dies_is_reported():
    workers = Workers()
    workers.submit("x : pdf", partial(os._exit, 9))
    assert [r.error for r in workers.wait()] == [
        "le processus de rendu s'est arrêté sans résultat (mémoire insuffisante ?)"]


# --- a process started ahead (the language model loads while the notes are read) ----

_READY: list[int] = []


def _get_ready() -> None:
    _READY.append(os.getpid())


def _what_it_holds() -> tuple[int, list[int]]:
    return os.getpid(), list(_READY)


def test_a_process_started_ahead_gets_ready_then_runs_what_it_is_sent():
    with Ahead("analyse", _get_ready) as ahead:
        meanwhile = []
        result = ahead.run(_what_it_holds, lambda: meanwhile.append(os.getpid()))
    pid, ready_in = result.value
    assert result.error is None and pid != os.getpid()
    assert ready_in == [pid]  # got ready in the very process that ran the function
    assert _READY == [] and meanwhile == [os.getpid()]  # nothing of it here


def _wait_for(event) -> None:
    event.wait()


def test_a_process_ahead_left_unused_is_stopped_while_it_is_still_getting_ready():
    never = Event()  # its getting ready never ends
    done = threading.Event()
    holder = []

    def unused() -> None:
        with Ahead("analyse", partial(_wait_for, never)) as ahead:
            holder.append(ahead)
        done.set()

    threading.Thread(target=unused, daemon=True).start()
    assert done.wait(30), "the unused process was waited for, not stopped"
    assert holder[0]._process.exitcode == -signal.SIGTERM


def _broken() -> None:
    raise OSError("modèle introuvable")


def test_a_process_ahead_that_failed_to_get_ready_says_it_through_the_function():
    with Ahead("analyse", _broken) as ahead:
        result = ahead.run(_broken)
    assert result.error == describe(OSError("modèle introuvable"))  # said, not raised


def _interrupted(result) -> None:
    raise KeyboardInterrupt  # as Ctrl-C would, in the building process, while a job runs


def test_ctrl_c_while_jobs_run_stops_them_rather_than_waiting_for_them():
    never = Event()
    workers = Workers()
    workers.submit("a : pdf", partial(_wait_for, never))  # would run forever
    workers.submit("b : docx", partial(_sleep, 0), then=_interrupted)
    with pytest.raises(KeyboardInterrupt):
        workers.wait()
    assert multiprocessing.active_children() == []


def test_ctrl_c_while_a_process_ahead_works_stops_it():
    with pytest.raises(KeyboardInterrupt), Ahead("analyse", _get_ready) as ahead:
        ahead.run(signal.pause, partial(_interrupted, None))  # it works until stopped
    assert ahead._process.exitcode == -signal.SIGTERM
