"""The workers: jobs run in other processes, and one that runs past its time limit is
stopped with a message instead of hanging the build."""

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
