"""The workers: jobs run in other processes, and one that runs past its time limit is
stopped with a message instead of hanging the build."""

import os
import time
from functools import partial

from pipeline.parallel import Workers


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
    assert [r.error for r in workers.wait()] == ["ValueError : pandoc a échoué"]


def _stay(seconds: float) -> tuple[float, float]:
    start = time.perf_counter()
    time.sleep(seconds)
    return start, time.perf_counter()


def _spans(results):
    return sorted(r.value for r in results)


def test_jobs_too_big_together_run_one_after_the_other():
    workers = Workers(memory_budget=100)
    for name in ("a", "b"):
        workers.submit(f"{name} : pdf", partial(_stay, 1.0), memory=80)
    (_, first_end), (second_start, _) = _spans(workers.wait())
    assert second_start >= first_end


def test_jobs_that_fit_together_run_side_by_side():
    workers = Workers(memory_budget=100)
    for name in ("a", "b"):
        workers.submit(f"{name} : pdf", partial(_stay, 1.0), memory=40)
    (_, first_end), (second_start, _) = _spans(workers.wait())
    assert second_start < first_end


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
