"""The site's tests share one built site and one Chromium per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.browsing import chromium_missing, require, serving, start_chromium
from tests.site.minisite import build_minisite
from tests.site.published import Published, publish_example


@pytest.fixture(scope="session")
def minisite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_minisite(tmp_path_factory.mktemp("minisite"))


@pytest.fixture(scope="session")
def minisite_url(minisite: Path) -> Iterator[str]:
    with serving(minisite) as served:
        yield served.url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    require(chromium_missing())
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profil"))
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The example workspace's site, built once (tests/site/published.py)."""
    return publish_example(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def published_url(published: Published) -> Iterator[str]:
    with serving(published.site) as served:
        yield served.url
