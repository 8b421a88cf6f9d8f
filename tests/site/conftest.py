"""The site's sample workspace (tests/workspaces/site/) built once per session, with a
reviewer's remarks on one of its drafts (what the site must never show); tests that
change it work on a copy of the built workspace. One Chromium serves every browser test
of the session; a tiny hand-made site (minisite.py) tests the search page alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run
from tests.site.browsing import chromium_missing, require, serving, start_chromium
from tests.site.minisite import build_minisite
from tests.site.published import REVIEWED, review_draft


@pytest.fixture(scope="session")
def site_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace after a review of one draft, then ``python -m pipeline site``
    (finals, pages, index)."""
    root = tmp_path_factory.mktemp("site") / "site"
    shutil.copytree(SAMPLES / "site", root)
    from pipeline.cli.main import main

    review_draft(root, REVIEWED)
    code = main(["site", "--workspace", str(root), "-q"])
    assert code == 0
    return root


@pytest.fixture
def site_copy(site_built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the built workspace, modification times kept."""
    target = tmp_path / "site"
    shutil.copytree(site_built, target, symlinks=True, copy_function=shutil.copy2)
    yield target


@pytest.fixture(scope="session")
def site_url(site_built: Path) -> Iterator[str]:
    """The built site served over http on 127.0.0.1, as a static host serves it."""
    with serving(site_built / "build" / "site") as served:
        yield served.url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    require(chromium_missing())
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profil"))
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def minisite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_minisite(tmp_path_factory.mktemp("minisite"))


@pytest.fixture(scope="session")
def minisite_url(minisite: Path) -> Iterator[str]:
    with serving(minisite) as served:
        yield served.url


__all__ = ["run"]
