"""Every page of the site, as text, from the collected ``Site``: jinja2 templates under
``templates/site/`` (one layout, ``base.html.j2``), links relative to each page (the
site works from any folder of any static host, and from the disk)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import jinja2
from markupsafe import Markup

from pipeline.charter import Charter
from pipeline.geography import Commune
from pipeline.site.bodies import Text, to_html
from pipeline.site.cite import citation_line
from pipeline.site.model import Site, SiteNote, slug
from pipeline.templating import environment
from pipeline.typography import french_date, french_text, plural
from pipeline.workspace import Workspace

RELATED = 8  # « Sur le même territoire / thème »: at most so many links each
LATEST = 6  # contributions on the home page


@dataclass(frozen=True)
class Link:
    href: str  # from the site's root
    label: str
    detail: str = ""


def theme_path(theme_id: str) -> str:
    return f"themes/{theme_id}/index.html"


def centre_path(centre_id: str) -> str:
    return f"centres/{centre_id}/index.html"


def contribution_path(contribution_id: str) -> str:
    return f"contributions/{contribution_id}/index.html"


def year_path(year: int) -> str:
    return f"annees/{year}/index.html"


def region_folder(commune: Commune) -> str:
    return f"territoires/{commune.region}-{slug(commune.region_nom)}"


def departement_folder(commune: Commune) -> str:
    return f"{region_folder(commune)}/{commune.departement}-{slug(commune.departement_nom)}"


def commune_path(commune: Commune) -> str:
    return f"{departement_folder(commune)}/{commune.code}-{slug(commune.nom)}/index.html"


class Pages:
    """Renders pages; each call gives the page's path and its text."""

    def __init__(self, site: Site, workspace: Workspace, charter: Charter) -> None:
        self.site = site
        self.charter = charter
        self.env = environment(workspace, html=True, filters={
            "typo": lru_cache(maxsize=None)(french_text), "date_fr": french_date})
        self.env.globals.update(charter=charter, site=site, plural=plural,
                                theme_path=theme_path, centre_path=centre_path,
                                contribution_path=contribution_path, year_path=year_path,
                                commune_path=commune_path, region_folder=region_folder,
                                departement_folder=departement_folder)
        self.workspace = workspace

    def render(self, template: str, path: str, **context: object) -> tuple[str, str]:
        root = "../" * path.count("/")
        try:
            page = self.env.get_template(template)
        except jinja2.TemplateNotFound:
            raise
        return path, page.render(root=root, here=path, **context)

    def has(self, template: str) -> bool:
        try:
            self.env.get_template(template)
        except jinja2.TemplateNotFound:
            return False
        return True


def all_pages(site: Site, workspace: Workspace, charter: Charter) -> dict[str, str]:
    """Every HTML page: its path under build/site/ → its text."""
    pages = Pages(site, workspace, charter)
    out: dict[str, str] = {}

    def add(item: tuple[str, str]) -> None:
        out[item[0]] = item[1]

    bodies = _bodies(site, workspace)
    add(pages.render("site/accueil.html.j2", "index.html", latest=site.contributions[:LATEST],
                     recent=site.notes[:LATEST]))
    if pages.has("site/recherche.html.j2"):
        add(pages.render("site/recherche.html.j2", "recherche/index.html"))
    for contribution in site.contributions:
        notes = [n for n in site.notes if contribution in n.contributions]
        add(pages.render("site/contribution.html.j2", contribution_path(contribution.id),
                         contribution=contribution, chapters=_chapters(contribution, notes),
                         introduction=bodies.get(f"intro:{contribution.id}"),
                         lessons=bodies.get(f"lessons:{contribution.id}"),
                         final=site.finals[contribution.id]))
    by_commune: dict[str, list[SiteNote]] = defaultdict(list)
    by_theme: dict[str, list[SiteNote]] = defaultdict(list)
    for note in site.notes:
        if note.commune is not None:
            by_commune[note.commune.code].append(note)
        for theme in note.themes:
            by_theme[theme.id].append(note)
    for note in site.notes:
        add(pages.render("site/note.html.j2", note.path, item=note,
                         body=bodies[f"note:{note.key}"], citation=citation_line(note, site),
                         same_place=_same_place(note, by_commune),
                         same_theme=_same_theme(note, by_theme)))
    _lists(site, pages, add)
    return out


def _bodies(site: Site, workspace: Workspace) -> dict[str, Markup]:
    keys, texts = [], []
    for contribution in site.contributions:
        folder = contribution.path.rpartition("/")[0]
        for name, text in (("intro", contribution.introduction),
                           ("lessons", contribution.lessons)):
            if text:
                file = "introduction.md" if name == "intro" else "enseignements.md"
                keys.append(f"{name}:{contribution.id}")
                texts.append(Text(text, folder, f"{folder}/{file}", shift=2))
    for note in site.notes:
        keys.append(f"note:{note.key}")
        texts.append(Text(note.note.body, note.note.image_base, note.note.path, shift=2))
    return {k: Markup(html) for k, html in zip(keys, to_html(texts, workspace), strict=True)}


def _chapters(contribution, notes: list[SiteNote]) -> list[tuple[object, list[SiteNote]]]:
    """The contribution's themes in its order, each with the notes whose first theme
    there it is; the notes of no theme last."""
    chapters: dict[str, list[SiteNote]] = {t.id: [] for t in contribution.themes}
    other = []
    for note in sorted(notes, key=lambda n: (n.note.date, n.key)):
        first = next((t.id for t in note.themes if t.id in chapters), None)
        (chapters[first] if first else other).append(note)
    result = [(t, chapters[t.id]) for t in contribution.themes if chapters[t.id]]
    return result + ([(None, other)] if other else [])


def _others_first(note: SiteNote, candidates: Iterable[SiteNote]) -> list[SiteNote]:
    """Other years and other centres first (the cross-reading), then the newest."""
    found = (n for n in candidates if n.key != note.key)
    return heapq.nsmallest(RELATED, found, key=lambda n: (
        n.years == note.years and n.centre == note.centre, -n.note.date.toordinal(), n.key))


def _same_place(note: SiteNote, by_commune: dict[str, list[SiteNote]]) -> list[SiteNote]:
    if note.commune is None:
        return []
    return _others_first(note, by_commune[note.commune.code])


def _same_theme(note: SiteNote, by_theme: dict[str, list[SiteNote]]) -> list[SiteNote]:
    found = {n.key: n for theme in note.themes for n in by_theme[theme.id]}
    return _others_first(note, found.values())


def _lists(site: Site, pages: Pages, add) -> None:
    by_theme: dict[str, list[SiteNote]] = defaultdict(list)
    by_centre: dict[str, list[SiteNote]] = defaultdict(list)
    by_year: dict[int, list[SiteNote]] = defaultdict(list)
    for note in site.notes:
        for theme in note.themes:
            by_theme[theme.id].append(note)
        by_centre[note.centre.id].append(note)
        for year in note.years:
            by_year[year].append(note)
    themes = [(site.themes[t], by_theme[t]) for t in sorted(by_theme, key=lambda t: slug(
        site.themes[t].title))]
    add(pages.render("site/index-themes.html.j2", "themes/index.html", themes=themes))
    for theme, notes in themes:
        add(pages.render("site/liste.html.j2", theme_path(theme.id), title=theme.title,
                         kind="Thème", intro=theme.description, notes=notes,
                         feed=f"flux/themes/{theme.id}.xml"))
    centres = [(c, by_centre[c.id]) for c in site.registry.centres if by_centre[c.id]]
    add(pages.render("site/index-centres.html.j2", "centres/index.html", centres=centres))
    for centre, notes in centres:
        add(pages.render("site/liste.html.j2", centre_path(centre.id), title=centre.name,
                         kind="Centre de ressources", intro=centre.region or "", notes=notes,
                         feed=f"flux/centres/{centre.id}.xml", external=centre.site))
    years = sorted(by_year, reverse=True)
    add(pages.render("site/index-annees.html.j2", "annees/index.html",
                     years=[(y, by_year[y]) for y in years]))
    for year in years:
        add(pages.render("site/liste.html.j2", year_path(year), title=f"Année {year}",
                         kind="Archive", intro="", notes=by_year[year],
                         contributions=[c for c in site.contributions if c.year == year]))
    _territories(site, pages, add)


def _territories(site: Site, pages: Pages, add) -> None:
    placed = [n for n in site.notes if n.commune is not None]
    regions: dict[str, list[SiteNote]] = defaultdict(list)
    for note in placed:
        regions[region_folder(note.commune)].append(note)
    tree = []
    for folder, notes in sorted(regions.items(), key=lambda i: slug(i[1][0].commune.region_nom)):
        departements: dict[str, list[SiteNote]] = defaultdict(list)
        for note in notes:
            departements[departement_folder(note.commune)].append(note)
        children = []
        for dep_folder, dep_notes in sorted(departements.items()):
            communes: dict[str, list[SiteNote]] = defaultdict(list)
            for note in dep_notes:
                communes[commune_path(note.commune)].append(note)
            for path, commune_notes in sorted(communes.items()):
                commune = commune_notes[0].commune
                add(pages.render("site/liste.html.j2", path, title=commune.nom,
                                 kind=f"Commune ({commune.departement_nom}, {commune.region_nom})",
                                 intro="", notes=commune_notes,
                                 up=[Link(f"{region_folder(commune)}/index.html",
                                          commune.region_nom),
                                     Link(f"{dep_folder}/index.html", commune.departement_nom)]))
            commune = dep_notes[0].commune
            links = [Link(p, n[0].commune.nom, plural(len(n), "note"))
                     for p, n in sorted(communes.items(), key=lambda i: slug(i[1][0].commune.nom))]
            add(pages.render("site/liste.html.j2", f"{dep_folder}/index.html",
                             title=f"{commune.departement_nom} ({commune.departement})",
                             kind=f"Département ({commune.region_nom})", intro="",
                             notes=dep_notes, children=links,
                             up=[Link(f"{folder}/index.html", commune.region_nom)]))
            children.append(Link(f"{dep_folder}/index.html",
                                 f"{commune.departement_nom} ({commune.departement})",
                                 plural(len(dep_notes), "note")))
        region = notes[0].commune
        add(pages.render("site/liste.html.j2", f"{folder}/index.html", title=region.region_nom,
                         kind="Région", intro="", notes=notes, children=children))
        tree.append((Link(f"{folder}/index.html", region.region_nom,
                          plural(len(notes), "note")), children))
    elsewhere = [n for n in site.notes if n.commune is None]
    add(pages.render("site/index-territoires.html.j2", "territoires/index.html", tree=tree,
                     elsewhere=elsewhere))
