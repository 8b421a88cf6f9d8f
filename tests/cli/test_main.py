"""The command line: one build date, and a command that cannot run says why and
exits with 2."""

from __future__ import annotations

from datetime import date

from pipeline.cli.main import CANNOT_RUN, build_date
from tests.conftest import run


def test_the_build_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710201600")
    assert build_date() == date(2024, 3, 12)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "pas un nombre")
    assert build_date() == date.today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == date.today()


def test_outside_a_workspace_every_command_cannot_run(tmp_path, capsys):
    for command in ("check", "build", "review", "themes"):
        code, _, err = run(capsys, command, "--workspace", str(tmp_path))
        assert code == CANNOT_RUN
        assert "pas de dossier contributions/" in err and "--workspace" in err
