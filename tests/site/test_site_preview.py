"""The site in the preview (``apercu``), in Chromium: once ``make site`` made it, a note
page of ``/site/`` reloads by itself with the note's new text after the writer saves it;
the reload script is in the answer only, never in ``build/site/``. Marked ``complet``:
each save makes the final edition again (PDF and DOCX) before the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.preview.running import RunningPreview, save_like_an_editor

pytest.importorskip("selenium")
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.complet
NOTE = "sources/centre-est/neuhof-suite.md"
PAGE = "site/notes/est-2025-neuhof/"
WAIT_SECONDS = 600  # a final edition and the site made again, on a busy machine


def test_a_saved_note_shows_on_the_open_site_page(site_copy: Path, browser) -> None:
    preview = RunningPreview(site_copy)
    try:
        preview.wait_for(re.compile(r"/site/ \(refait après chaque enregistrement"), 30)
        browser.get(f"{preview.url}{PAGE}")
        assert "marionnettes géantes" in browser.find_element(By.TAG_NAME, "main").text
        browser.execute_script("window.rcMarker = 'avant';")
        assert browser.find_elements(By.ID, "rc-apercu-site")  # served with the script…
        written = (site_copy / "build" / PAGE / "index.html").read_text(encoding="utf-8")
        assert "rc-apercu" not in written  # …never written with it

        note = site_copy / NOTE
        added = "Une fanfare de quartier accompagne désormais chaque défilé."
        save_like_an_editor(note, note.read_text(encoding="utf-8") + f"\n{added}\n")
        WebDriverWait(browser, WAIT_SECONDS, poll_frequency=1,  # the page may be reloading
                      ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: added in d.find_element(By.TAG_NAME, "main").text)
        assert browser.execute_script("return window.rcMarker") is None  # reloaded
        assert added in (site_copy / "build" / PAGE / "index.html").read_text(encoding="utf-8")
        preview.wait_for(re.compile(r"site refait \(en [\d,]+\s?s\)"), 30)
    finally:
        preview.stop()
