"""A tiny observation site made by hand for the search page's tests: a few note pages
marked up as the site's generator marks them (``data-pagefind-body``, filters
``annee``, ``centre``, ``theme``, ``region``, metas), the real search page
(pipeline/site/search_page.py) and a real Pagefind index (its Python package, French
forced, by the site's own indexing code). It lets the search page be tested on an index
whose every word is known; bench/site.py makes a large one the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.charter import CHARTER_PATH, load_charter
from pipeline.site.search_index import index_files
from pipeline.site.search_page import PAGE, TEMPLATE, search_assets
from pipeline.templating import environment
from pipeline.workspace import Workspace

BASE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} — Observatoire</title>
{% block head %}{% endblock %}</head>
<body><header><a href="{{ root }}index.html">Accueil</a></header>
<main id="contenu">{% block content %}{% endblock %}</main></body></html>
"""


@dataclass(frozen=True)
class Page:
    url: str  # under the site's root
    title: str
    centre: str
    territoire: str
    date: str
    region: str
    theme: str
    body: str  # HTML

    @property
    def year(self) -> str:
        return self.date[-4:]


PAGES = (
    Page("notes/oriv-residence-neuhof/", "Une résidence d’artistes au Neuhof", "ORIV",
         "Strasbourg (Neuhof)", "12 mars 2024", "Grand Est", "Accès à la culture",
         "<p>Une compagnie s’installe pour une résidence de deux ans dans le quartier.</p>"),
    Page("notes/labo-cites-jardin-mermoz/", "Un jardin partagé à Mermoz", "Labo Cités",
         "Lyon (Mermoz)", "4 avril 2024", "Auvergne-Rhône-Alpes", "Participation",
         "<p>Les habitants cultivent ensemble un jardin au pied des tours.</p>"),
    Page("notes/oriv-fresque-hautepierre/", "Une fresque à Hautepierre", "ORIV",
         "Strasbourg (Hautepierre)", "2 février 2025", "Grand Est", "Participation",
         "<p>Des jeunes peignent une fresque avec un collectif de graffeurs.</p>"),
    Page("notes/irev-chantier-roubaix/", "Un chantier d’insertion à Roubaix", "IREV",
         "Roubaix", "9 mai 2025", "Hauts-de-France", "Participation",
         "<p>Un chantier d’insertion forme des jeunes aux métiers du bâtiment et de la "
         "peinture, avec un collectif d’habitants.</p>"),
)
NOTE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{p.title}</title></head>
<body><main data-pagefind-body>
<h1 data-pagefind-meta="title">{p.title}</h1>
<p><span data-pagefind-meta="centre" data-pagefind-filter="centre">{p.centre}</span> ·
<span data-pagefind-meta="territoire">{p.territoire}</span> ·
<span data-pagefind-meta="date">{p.date}</span></p>
<span hidden data-pagefind-filter="annee">{p.year}</span>
<span hidden data-pagefind-filter="region">{p.region}</span>
<span hidden data-pagefind-filter="theme">{p.theme}</span>
{p.body}
</main></body></html>
"""


def build_minisite(root: Path, pages: Iterable[Page] = PAGES) -> Path:
    """Writes the site of ``pages`` into ``root / "site"`` (its base layout in ``root``'s
    own templates, as a workspace may bring); returns the site's folder."""
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/base.html.j2").write_text(BASE, encoding="utf-8")
    site = root / "site"
    notes = {f"{page.url}index.html": NOTE.format(p=page) for page in pages}
    for path, html in notes.items():
        (site / path).parent.mkdir(parents=True)
        (site / path).write_text(html, encoding="utf-8")
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>Accueil</title></head><body><main>'
        '<h1>Accueil</h1></main></body></html>', encoding="utf-8")
    workspace = Workspace(root)
    page = environment(workspace, html=True).get_template(TEMPLATE).render(root="../")
    (site / PAGE).parent.mkdir()
    (site / PAGE).write_text(page, encoding="utf-8")
    for path, data in search_assets(workspace, load_charter(CHARTER_PATH)).items():
        (site / path).write_bytes(data)
    for path, data in index_files(notes, root / "scratch").items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    return site
