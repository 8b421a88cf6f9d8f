"""What every command shares: the exit codes and one build date."""

from __future__ import annotations

from datetime import date

from pipeline.run import BAD_INPUT, CANNOT_RUN, OK, build_date


def test_the_exit_codes_are_those_of_the_spec():
    assert (OK, BAD_INPUT, CANNOT_RUN) == (0, 1, 2)


def test_the_build_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710201600")
    assert build_date() == date(2024, 3, 12)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "pas un nombre")
    assert build_date() == date.today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == date.today()
