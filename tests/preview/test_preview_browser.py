"""The preview in a real browser (Debian's chromium and chromium-driver): a saved note
is in the open page without a reload; a broken note's message appears, and goes once
it is fixed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_workspace, line_of
from tests.preview.running import RunningPreview, save_like_an_editor

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT_SECONDS = 90  # a page made again on a busy machine
NOTE = "sources/alpha/jardin-maurepas.md"

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
                                reason="chromium and chromium-driver are not installed")


@pytest.fixture
def browser(chromium: webdriver.Chrome) -> webdriver.Chrome:
    """The session's Chromium (tests/conftest.py)."""
    return chromium


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[RunningPreview]:
    running = RunningPreview(copy_workspace("petit", tmp_path))
    yield running
    running.stop()


def banner(driver: webdriver.Chrome) -> str | None:
    """The banner's text, its French non-breaking spaces as plain ones."""
    found = driver.find_elements(By.ID, "rc-apercu-bandeau")
    return found[0].text.replace("\u00a0", " ").replace("\u202f", " ") if found else None


def test_an_edit_shows_without_reload_and_errors_come_and_go(
        preview: RunningPreview, browser: webdriver.Chrome) -> None:
    note = preview.root / NOTE
    original = note.read_text(encoding="utf-8")
    browser.get(preview.page("vie-locale"))
    assert "Le jardin crée des liens durables" in browser.find_element(By.ID, "contenu").text
    assert banner(browser) is None
    browser.execute_script("window.rcMarker = 'même page';")

    added = "Une récolte partagée a réuni tout le quartier."
    save_like_an_editor(note, original + f"\n{added}\n")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: added in d.find_element(By.ID, "contenu").text)
    assert browser.execute_script("return window.rcMarker") == "même page"  # no reload

    save_like_an_editor(note, original.replace("crpv: alpha", "crpv: alpah") + f"\n{added}\n")
    line = line_of(preview.root, NOTE, "crpv:")
    message = f"{NOTE}:{line}: crpv « alpah » inconnu (vouliez-vous dire « alpha » ?)"
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: message in (banner(d) or ""))
    assert added in browser.find_element(By.ID, "contenu").text  # the rest stays visible

    save_like_an_editor(note, original + f"\n{added}\n")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: banner(d) is None)
    assert added in browser.find_element(By.ID, "contenu").text
    assert browser.execute_script("return window.rcMarker") == "même page"
