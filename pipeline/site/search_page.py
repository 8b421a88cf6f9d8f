"""The observation site's search page, ``recherche/index.html``, and its own script and
stylesheet. The page drives Pagefind's JavaScript API (the index the site's build
writes into ``pagefind/``) with French labels, filters and messages; without
JavaScript, or opened from ``file://``, it says so and links to the site's lists.

The site's build calls :func:`write_search_page` once, before indexing: the page
carries no ``data-pagefind-body``, so Pagefind leaves it out of the index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import jinja2

from pipeline.files import write_atomic

FOLDER = "recherche"
PAGE_TEMPLATE = "site/recherche.html.j2"
SCRIPT = "site/recherche.js"
STYLESHEET_TEMPLATE = "site/recherche.css.j2"
# Pagefind's filter names (the note pages' data-pagefind-filter), their French labels
# and the choice that keeps every value; the order is the form's.
FILTERS = (
    ("annee", "Année", "Toutes les années"),
    ("centre", "Centre", "Tous les centres"),
    ("theme", "Thème", "Tous les thèmes"),
    ("region", "Région", "Toutes les régions"),
)


def search_page_files(env: jinja2.Environment, colors: Mapping[str, str],
                      lists: Sequence[tuple[str, str]],
                      page: Mapping[str, object]) -> dict[str, bytes]:
    """The search page's files, by path under the site's root. ``lists``: (French label,
    address under the site's root) of the lists a reader falls back on (themes,
    centres, territories, years); ``page``: what the site's base layout needs."""
    html = env.get_template(PAGE_TEMPLATE).render(
        **page, lists=lists, filters=FILTERS)
    css = env.get_template(STYLESHEET_TEMPLATE).render(colors=colors)
    script, _, _ = env.loader.get_source(env, SCRIPT)  # as it is: no template syntax
    return {f"{FOLDER}/index.html": html.encode("utf-8"),
            f"{FOLDER}/recherche.css": css.encode("utf-8"),
            f"{FOLDER}/recherche.js": script.encode("utf-8")}


def write_search_page(site: Path, env: jinja2.Environment, colors: Mapping[str, str],
                      lists: Sequence[tuple[str, str]],
                      page: Mapping[str, object]) -> tuple[Path, ...]:
    """Write the search page's files into ``site``; only those whose bytes changed are
    written (a no-op build touches none), and they are returned."""
    written = []
    for relative, data in search_page_files(env, colors, lists, page).items():
        target = site / relative
        if not (target.is_file() and target.read_bytes() == data):
            write_atomic(target, data)
            written.append(target)
    return tuple(written)
