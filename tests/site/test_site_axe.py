"""axe-core in Chromium on every kind of page of the served site: home, contribution,
note, theme, centre, territory (région, département, commune), year, the lists of
themes, centres, territories and years, and the search page with its results."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.site.browsing import WAIT_SECONDS, axe_missing, blocking_violations, require


def kinds(site) -> dict[str, str]:
    """One page of each kind, by path under the site."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        assert found, pattern
        return found[0].relative_to(site).as_posix()

    return {
        "accueil": "index.html",
        "contribution": first("contributions/*/index.html"),
        "note": first("notes/*/index.html"),
        "thèmes": "themes/index.html", "thème": first("themes/*/index.html"),
        "centres": "centres/index.html", "centre": first("centres/*/index.html"),
        "territoires": "territoires/index.html", "région": first("territoires/*/index.html"),
        "département": first("territoires/*/*/index.html"),
        "commune": first("territoires/*/*/*/index.html"),
        "années": "annees/index.html", "année": first("annees/*/index.html"),
    }


def test_every_kind_of_page_has_no_serious_violation(browser, site_built, site_url):
    require(axe_missing())
    found = {}
    for kind, path in kinds(site_built / "build" / "site").items():
        browser.get(site_url + path)
        found[kind] = blocking_violations(browser)
    assert {kind: v for kind, v in found.items() if v} == {}


def test_the_search_page_with_results_has_no_serious_violation(browser, site_url):
    require(axe_missing())
    browser.get(f"{site_url}recherche/index.html?q=habitants")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#rc-resultats li"))
    assert blocking_violations(browser) == []
