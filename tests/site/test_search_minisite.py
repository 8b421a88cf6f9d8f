"""The search page against a tiny index whose every word is known (tests/site/minisite.py):
French stemming, the highlighted excerpt, filters from the index, the address's ``?q=``,
the count said in the live region, and the message when the index cannot load."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import plain_spaces
from tests.site.browsing import WAIT_SECONDS, axe_missing, blocking_violations, require


def ready(driver) -> str:
    """The page's state once its script has settled: ``pret`` or ``indisponible``."""
    return WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-recherche-etat"))


def status(driver) -> str:
    return plain_spaces(driver.find_element(By.ID, "rc-etat").text)


def results(driver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#rc-resultats h3 a")]


def wait_status(driver, wanted: str) -> None:
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: status(d) == wanted)


def test_a_plural_finds_the_singular_french_stemming(browser, minisite_url):
    browser.get(minisite_url + "recherche/?q=r%C3%A9sidences")
    assert ready(browser) == "pret"
    wait_status(browser, "1 résultat pour « résidences ».")
    assert results(browser) == ["Une résidence d’artistes au Neuhof"]
    item = browser.find_element(By.CSS_SELECTOR, "#rc-resultats li")
    assert "ORIV · Strasbourg (Neuhof) · 12 mars 2024" in item.text
    marks = item.find_elements(By.CSS_SELECTOR, ".rc-resultat-extrait mark")
    assert marks and {m.text for m in marks} == {"résidence"}  # the singular, highlighted
    link = item.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link == minisite_url + "notes/oriv-residence-neuhof/"


def test_typing_searches_and_the_filters_come_from_the_index(browser, minisite_url):
    browser.get(minisite_url + "recherche/")
    assert ready(browser) == "pret"
    region = Select(browser.find_element(By.ID, "rc-filtre-region"))
    assert [o.text for o in region.options] == [
        "Toutes les régions", "Auvergne-Rhône-Alpes (1)", "Grand Est (2)",
        "Hauts-de-France (1)"]
    years = Select(browser.find_element(By.ID, "rc-filtre-annee"))
    assert [o.get_attribute("value") for o in years.options] == ["", "2025", "2024"]
    field = browser.find_element(By.ID, "rc-terme")
    field.send_keys("collectif", Keys.ENTER)
    wait_status(browser, "2 résultats pour « collectif ».")
    assert set(results(browser)) == {"Une fresque à Hautepierre",
                                     "Un chantier d’insertion à Roubaix"}
    region.select_by_value("Grand Est")
    wait_status(browser, "1 résultat pour « collectif ».")
    assert results(browser) == ["Une fresque à Hautepierre"]
    assert "region=Grand+Est" in browser.current_url  # the search can be shared
    field.clear()
    field.send_keys("piscine", Keys.ENTER)
    wait_status(browser, "Aucun résultat pour « piscine ».")
    assert results(browser) == []


def test_the_index_failing_to_load_is_said(browser, minisite, minisite_url, tmp_path):
    entry = minisite / "pagefind" / "pagefind.js"
    kept = tmp_path / "pagefind.js"
    entry.rename(kept)
    try:
        browser.get(minisite_url + "recherche/?q=jardin")
        assert ready(browser) == "indisponible"
        message = browser.find_element(By.ID, "rc-index-absent")
        assert message.is_displayed()
        assert "n’a pas pu être chargé" in message.text
        assert not browser.find_element(By.ID, "rc-formulaire").is_displayed()
        assert browser.find_element(By.ID, "rc-listes").is_displayed()
    finally:
        kept.rename(entry)


def test_opened_from_the_disk_the_page_says_search_cannot_run(browser, minisite: Path):
    browser.get((minisite / "recherche" / "index.html").as_uri())
    assert ready(browser) == "indisponible"
    message = browser.find_element(By.ID, "rc-fichier")
    assert message.is_displayed()
    assert "file://" in message.text
    links = browser.find_elements(By.CSS_SELECTOR, "#rc-listes a")
    assert [a.text for a in links] == ["Les notes par thème", "Les notes par centre",
                                       "Les notes par territoire", "Les notes par année"]


def test_without_javascript_the_page_links_to_the_lists(browser, minisite_url):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(minisite_url + "recherche/?q=jardin")
        shown = plain_spaces(browser.find_element(By.TAG_NAME, "main").text)
        assert "La recherche a besoin de JavaScript" in shown
        links = [a for a in browser.find_elements(By.CSS_SELECTOR, "noscript a")
                 if a.is_displayed()]
        assert {a.get_attribute("href") for a in links} == {
            minisite_url + f"{kind}/index.html"
            for kind in ("themes", "centres", "territoires", "annees")}
        assert not browser.find_element(By.ID, "rc-formulaire").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_the_search_page_and_its_results_pass_axe(browser, minisite_url):
    require(axe_missing())
    browser.get(minisite_url + "recherche/?q=jeunes")
    wait_status(browser, "2 résultats pour « jeunes ».")
    assert blocking_violations(browser) == []


def test_the_search_works_from_the_keyboard_alone(browser, minisite_url):
    browser.get(minisite_url + "recherche/")
    assert ready(browser) == "pret"
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # from the page's start: the header's link, then the form

    def focused(driver):
        return driver.switch_to.active_element

    for _ in range(5):
        if focused(browser).get_attribute("id") == "rc-terme":
            break
        focused(browser).send_keys(Keys.TAB)
    assert focused(browser).get_attribute("id") == "rc-terme"
    focused(browser).send_keys("jardin", Keys.ENTER)
    wait_status(browser, "1 résultat pour « jardin ».")
    for _ in range(12):  # the button, the four filters, then the first result's link
        focused(browser).send_keys(Keys.TAB)
        if focused(browser).tag_name == "a" and focused(browser).text:
            break
    assert focused(browser).text == "Un jardin partagé à Mermoz"
    focused(browser).send_keys(Keys.ENTER)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.current_url == minisite_url + "notes/labo-cites-jardin-mermoz/")
