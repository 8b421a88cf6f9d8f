"""The site of tests/workspaces/site/: its pages, links, search attributes, feeds,
citations, and what it must never show."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
NOTES = ("est-2024-neuhof", "est-2025-neuhof", "nord-2025-roubaix")


def site(root: Path) -> Path:
    return root / "build" / "site"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.main: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "action"):
            if values.get(name):
                self.links.append(str(values[name]))
        if tag == "img":
            self.images.append(values)
        if tag == "main":
            self.main = values


def parsed(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def test_every_kind_of_page_is_there(site_built):
    out = site(site_built)
    expected = ["index.html", "contributions/regards-2024/index.html",
                "contributions/regards-2024/regards-2024.pdf",
                "contributions/regards-2024/regards-2024.docx",
                "contributions/regards-2025/index.html", "themes/index.html",
                "themes/residences/index.html", "centres/centre-est/index.html",
                "territoires/index.html", "territoires/44-grand-est/index.html",
                "territoires/44-grand-est/67-bas-rhin/index.html",
                "territoires/44-grand-est/67-bas-rhin/67482-strasbourg/index.html",
                "annees/2024/index.html", "annees/2025/index.html", "flux/notes.xml",
                "flux/themes/residences.xml", "flux/centres/centre-nord.xml", "style.css",
                "logo.svg", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"]
    expected += [f"notes/{key}/index.html" for key in NOTES]
    expected += [f"notes/{key}/citation.json" for key in NOTES]
    assert [p for p in expected if not (out / p).is_file()] == []
    assert sorted(p.name for p in (out / "notes").iterdir()) == sorted(NOTES)
    assert not (out / "contributions" / "interne-2025").exists()  # not published


def test_every_internal_link_resolves_and_every_image_has_its_text(site_built):
    out = site(site_built)
    broken = []
    for page in sorted(out.rglob("*.html")):
        if "pagefind" in page.relative_to(out).parts:
            continue
        links = parsed(page)
        assert all(image.get("alt") for image in links.images), page
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#"):
                continue
            assert not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() and not link.endswith("recherche/index.html"):
                broken.append(f"{page.relative_to(out)} → {link}")
    assert broken == []


def test_only_note_pages_give_their_main_content_to_the_search_index(site_built):
    out = site(site_built)
    for page in sorted(out.rglob("*.html")):
        if "pagefind" in page.relative_to(out).parts:
            continue
        main = parsed(page).main
        assert main is not None, page
        is_note = page.relative_to(out).parts[0] == "notes"
        assert ("data-pagefind-body" in main) == is_note, page
    text = (out / "notes/est-2024-neuhof/index.html").read_text(encoding="utf-8")
    for name in ("annee", "centre", "theme", "region"):
        assert f'data-pagefind-filter="{name}"' in text
    for name in ("title", "centre", "territoire", "date"):
        assert f'data-pagefind-meta="{name}"' in text
    assert ">Grand Est</a>" in text and "12\u00a0mars 2024" in text


def test_a_note_links_to_the_same_territory_in_another_year(site_built):
    page = (site(site_built) / "notes/est-2024-neuhof/index.html").read_text(encoding="utf-8")
    same_place = page.split('id="meme-territoire"')[1].split("</section>")[0]
    assert 'href="../../notes/est-2025-neuhof/index.html"' in same_place
    same_theme = page.split('id="meme-theme"')[1].split("</section>")[0]
    assert "nord-2025-roubaix" in same_theme  # another centre, another year
    assert "Citer cette note" in page


def test_the_contribution_page_has_its_chapters_and_its_final_files(site_built):
    page = (site(site_built) / "contributions/regards-2025/index.html").read_text("utf-8")
    assert 'href="regards-2025.pdf"' in page and 'href="regards-2025.docx"' in page
    assert "Que sont devenues les résidences" in page
    assert page.index("Les résidences d’artistes") < page.index("La participation des habitants")
    assert (site(site_built) / "contributions/regards-2025/regards-2025.pdf").read_bytes(
        ).startswith(b"%PDF")


def test_nothing_unpublished_and_no_resident_name_anywhere(site_built):
    """Every file, the search index's compressed ones included."""
    forbidden = ["Fatima", "Benali", "motbrouillon", "motrelecture", "mothorssite",
                 "motinterne", "sources/", "build/", "PROJET", "brouillon", "a-relire",
                 "hors_site", str(site_built)]
    found = []
    for path in sorted(site(site_built).rglob("*")):
        if not path.is_file() or path.suffix in (".pdf", ".docx"):
            continue
        data = path.read_bytes()
        if path.suffix.startswith(".pf_"):
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        found += [f"{path.name}: {word}" for word in forbidden if word in text]
    assert found == []
    page = (site(site_built) / "notes/est-2024-neuhof/index.html").read_text("utf-8")
    assert re.search(r"F\.\s?B\., habitante", page)  # one group a person (« F.B. »)


def test_the_feeds_are_atom_with_permanent_ids(site_built):
    out = site(site_built)
    for feed_path in sorted((out / "flux").rglob("*.xml")):
        feed = ET.parse(feed_path).getroot()
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{required}") is not None
        for entry in feed.findall(f"{ATOM}entry"):
            for required in ("id", "title", "updated", "published", "link"):
                assert entry.find(f"{ATOM}{required}") is not None, feed_path
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}updated"))
    feed = ET.parse(out / "flux/themes/residences.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 3 and titles[0] != titles[-1]
    ids = [e.findtext(f"{ATOM}id") for e in ET.parse(out / "flux/notes.xml").getroot()
           .findall(f"{ATOM}entry")]
    assert len(set(ids)) == 3
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert (out / "flux/themes" / link).resolve().is_file()


def test_the_citation_record_is_csl_json(site_built):
    record = json.loads((site(site_built) / "notes/est-2025-neuhof/citation.json").read_text())
    assert record[0]["title"] == "Le Neuhof, un an après la résidence"
    assert record[0]["author"][1] == {"family": "Bernard", "given": "Louis"}
    assert record[0]["issued"] == {"date-parts": [[2025, 4, 2]]}
