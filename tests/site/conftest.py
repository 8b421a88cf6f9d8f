"""The site's sample workspace (tests/workspaces/site/) built once per session; tests
that change it work on a copy of the built workspace."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run


@pytest.fixture(scope="session")
def site_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace after ``python -m pipeline site`` (finals, pages, index)."""
    root = tmp_path_factory.mktemp("site") / "site"
    shutil.copytree(SAMPLES / "site", root)
    from pipeline.cli.main import main

    code = main(["site", "--workspace", str(root), "-q"])
    assert code == 0
    return root


@pytest.fixture
def site_copy(site_built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the built workspace, modification times kept."""
    target = tmp_path / "site"
    shutil.copytree(site_built, target, symlinks=True, copy_function=shutil.copy2)
    yield target


__all__ = ["run"]
