"""The search of the example's site in Chromium, served over http as a static host
serves it: a word of one note's body finds that note first; a région narrows the
results; the home page's form leads to the results; a note links to the notes of the
same territory in another year; opened from the disk, the search says it cannot run."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import plain_spaces
from tests.site.browsing import WAIT_SECONDS
from tests.site.walking import words

COUNT = re.compile(r"^(\d+) résultats? pour")


def indexed_text(page: Path) -> str:
    """What Pagefind indexes of a note page: its main content up to « Citer cette note »."""
    text = page.read_text(encoding="utf-8")
    return text[text.index("<main"):text.index('class="citer"')]


def note_pages(site: Path) -> dict[str, Path]:
    return {p.parent.name: p for p in sorted(site.glob("notes/*/index.html"))}


def filter_values(page: Path, name: str) -> set[str]:
    return set(re.findall(rf'data-pagefind-filter="{name}"[^>]*>([^<]+)<',
                          page.read_text(encoding="utf-8")))


def standalone(text: str) -> set[str]:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()
    return {w for w in re.findall(r"[\w'’-]+", plain) if w.isalpha()}


def a_word_of_one_note(site: Path) -> tuple[str, str]:
    """(note key, a long word of its body found in no other note, even by its stem; a
    word on its own, not glued to an elided article as in « s'approprient »)."""
    vocabulary = {key: {w for w in standalone(indexed_text(page))}
                  for key, page in note_pages(site).items()}
    stems = Counter(w[:5] for found in vocabulary.values() for w in found)
    for key, found in vocabulary.items():
        rare = sorted(w for w in found if len(w) >= 9 and w.isalpha() and stems[w[:5]] == 1)
        if rare:
            return key, rare[0]
    raise AssertionError("no note has a word of its own")


def a_word_of_every_note(site: Path) -> str:
    """The longest word found in the indexed text of every note."""
    vocabularies = [set(words(indexed_text(page)).lower().split())
                    for page in note_pages(site).values()]
    common = set.intersection(*vocabularies)
    return max(sorted(w for w in common if w.isalpha()), key=len)


def status(driver) -> str:
    return plain_spaces(driver.find_element(By.ID, "rc-etat").text)


def count_after(driver, before: str | None = None) -> int:
    """The number of results the live region announces (once it changed from ``before``)."""
    shown = WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: (s := status(d)) != before and COUNT.match(s) and s)
    return int(COUNT.match(shown).group(1))


def result_links(driver) -> list[str]:
    return [a.get_attribute("href")
            for a in driver.find_elements(By.CSS_SELECTOR, "#rc-resultats h3 a")]


def test_a_word_of_a_note_finds_that_note_first(browser, site_built, site_url):
    key, word = a_word_of_one_note(site_built / "build" / "site")
    browser.get(f"{site_url}recherche/index.html?q={quote(word)}")
    assert count_after(browser) >= 1
    assert result_links(browser)[0] == f"{site_url}notes/{key}/"
    first = browser.find_element(By.CSS_SELECTOR, "#rc-resultats li")
    assert first.find_elements(By.CSS_SELECTOR, ".rc-resultat-extrait mark")  # highlighted
    assert first.find_element(By.CSS_SELECTOR, ".rc-resultat-faits").text  # centre, place


def test_a_region_narrows_the_results(browser, site_built, site_url):
    word = a_word_of_every_note(site_built / "build" / "site")
    browser.get(f"{site_url}recherche/index.html?q={quote(word)}")
    everywhere = count_after(browser)
    regions = Select(browser.find_element(By.ID, "rc-filtre-region"))
    assert len(regions.options) > 2  # every région, and the choice of all
    region = regions.options[1].get_attribute("value")
    before = status(browser)
    regions.select_by_value(region)
    within = count_after(browser, before)
    assert 1 <= within < everywhere
    pages = note_pages(site_built / "build" / "site")
    for link in result_links(browser):
        key = link.rstrip("/").rsplit("/", 1)[-1]
        assert region in filter_values(pages[key], "region"), link


def test_the_home_page_form_leads_to_the_results(browser, site_built, site_url):
    word = a_word_of_every_note(site_built / "build" / "site")
    browser.get(site_url + "index.html")
    browser.find_element(By.ID, "q").send_keys(word, Keys.ENTER)
    assert count_after(browser) == len(note_pages(site_built / "build" / "site"))
    assert f"q={quote(word)}" in browser.current_url
    assert browser.find_element(By.ID, "rc-terme").get_attribute("value") == word


def test_a_note_links_to_the_same_territory_in_another_year(browser, site_built, site_url):
    pages = note_pages(site_built / "build" / "site")
    years = {key: filter_values(page, "annee") for key, page in pages.items()}
    pairs = []
    for key, page in pages.items():
        text = page.read_text(encoding="utf-8")
        if 'id="meme-territoire"' not in text:
            continue
        section = text[text.index('id="meme-territoire"'):].split("</section>")[0]
        for other in re.findall(r'href="(?:\.\./)+notes/([^/"]+)/index\.html"', section):
            if years[other] and not years[other] & years[key]:
                pairs.append((key, other))
    assert pairs, "no note links to the same territory in another year"
    key, other = pairs[0]
    browser.get(f"{site_url}notes/{key}/index.html")
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='meme-territoire']")
    section.find_element(By.CSS_SELECTOR, f"a[href$='{other}/index.html']").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.current_url.endswith(f"notes/{other}/index.html"))
    shown = browser.find_element(By.TAG_NAME, "main").text
    assert any(year in shown for year in years[other])


def test_opened_from_the_disk_the_search_says_it_cannot_run(browser, site_built):
    browser.get((site_built / "build" / "site" / "recherche" / "index.html").as_uri())
    message = WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: (m := d.find_element(By.ID, "rc-fichier")).is_displayed() and m)
    assert "file://" in message.text
    assert not browser.find_element(By.ID, "rc-formulaire").is_displayed()
    for link in browser.find_elements(By.CSS_SELECTOR, "#rc-listes a"):
        assert Path(unquote(link.get_attribute("href").removeprefix("file://"))).is_file()
