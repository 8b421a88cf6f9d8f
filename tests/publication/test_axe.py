"""Accessibility of every HTML output, checked in a real browser: axe-core (from the npm
registry, installed by ``make test`` into tests/browser/node_modules) run in Debian's
Chromium through selenium and chromium-driver. Nothing is fetched at run time: the
pages read offline and axe is injected from its file.

Without Chromium, chromedriver or axe-core the test is skipped, except where
``RC_NAVIGATEUR_REQUIS`` is set (``.ci/run`` sets it): there it fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import TESTS, chromium_missing

AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(error => done({error: String(error)}));
"""


def _missing() -> str | None:
    if not AXE.is_file():
        return "axe-core absent (npm install --prefix tests/browser)"
    return chromium_missing()


@pytest.fixture
def browser(chromium):
    """The session's Chromium (tests/conftest.py), once axe-core is known to be there."""
    missing = _missing()
    if missing:
        if os.environ.get("RC_NAVIGATEUR_REQUIS"):
            pytest.fail(missing)
        pytest.skip(missing)
    return chromium


def violations(driver, page: Path) -> list[dict]:
    driver.get(page.as_uri())
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(RUN_AXE)
    assert isinstance(result, list), result
    return result


def test_every_html_output_has_no_serious_accessibility_violation(published, browser):
    pages = [p for built in published for p in built.outputs("html")]
    assert len(pages) == 5  # the three examples, the sample's draft and its final edition
    found = {str(page): [v for v in violations(browser, page) if v["impact"] in BLOCKING]
             for page in pages}
    assert {page: v for page, v in found.items() if v} == {}


@pytest.fixture(scope="module")
def review_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The review's pages (all remarks, then one page per centre) of a draft commented
    as a reviewer does (tests/review/test_review_draft.py)."""
    from pipeline.cli.main import main
    from tests.conftest import copy_workspace
    from tests.review.reviewing import with_long_note
    from tests.review.test_review_draft import LONG, reviewed

    root = copy_workspace("petit", tmp_path_factory.mktemp("axe-revue"))
    with_long_note(root, LONG)
    assert main(["build", "--format", "docx", "--quiet", "--workspace", str(root)]) == 0
    commented = reviewed(root / "build/vie-locale/vie-locale.docx",
                         tmp_path_factory.mktemp("relecture") / "relecture.docx")
    assert main(["review", str(commented), "--workspace", str(root)]) in (0, 1)
    out = root / "build/vie-locale"
    return [out / "revue.html", *sorted((out / "revue").glob("*.html"))]


def test_the_review_pages_have_no_serious_accessibility_violation(review_pages, browser):
    assert len(review_pages) >= 2  # every remark, and at least one centre's page
    found = {page.name: [v for v in violations(browser, page) if v["impact"] in BLOCKING]
             for page in review_pages}
    assert {page: v for page, v in found.items() if v} == {}


def test_axe_finds_a_violation_it_is_shown(browser, tmp_path):
    """The check can fail: an image without alternative text is a critical violation."""
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>'
                    '<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                    '</main></body></html>', encoding="utf-8")
    assert "image-alt" in {v["id"] for v in violations(browser, page)
                           if v["impact"] in BLOCKING}
