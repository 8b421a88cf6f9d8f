"""The command line: a command that cannot run says why and exits with 2."""

from __future__ import annotations

from pipeline.run import CANNOT_RUN
from tests.conftest import run


def test_outside_a_workspace_every_command_cannot_run(tmp_path, capsys):
    for command in ("check", "build", "review", "themes"):
        code, _, err = run(capsys, command, "--workspace", str(tmp_path))
        assert code == CANNOT_RUN
        assert "pas de dossier contributions/" in err and "--workspace" in err
