"""The observation site's search page: its template (``site/recherche.html.j2``, rendered
among the site's pages as ``recherche/index.html``) drives Pagefind's JavaScript API
(the index the site's build writes into ``pagefind/``) with French labels, filters and
messages; without JavaScript, or opened from ``file://``, it says so and links to the
site's lists. This module gives the page's own script and stylesheet, written beside
it; the page carries no ``data-pagefind-body``, so Pagefind leaves it out of the index."""

from __future__ import annotations

from pipeline.charter import Charter
from pipeline.templating import environment
from pipeline.workspace import Workspace

PAGE = "recherche/index.html"
TEMPLATE = "site/recherche.html.j2"
SCRIPT = "site/recherche.js"
STYLESHEET = "site/recherche.css.j2"


def search_assets(workspace: Workspace, charter: Charter) -> dict[str, bytes]:
    """The search page's script and stylesheet (the charter's colours), by path under
    the site's root; the workspace's own templates first, as for every template."""
    env = environment(workspace, html=False)
    css = env.get_template(STYLESHEET).render(colors=charter.colors)
    script, _, _ = env.loader.get_source(env, SCRIPT)  # as it is: no template syntax
    return {"recherche/recherche.css": css.encode("utf-8"),
            "recherche/recherche.js": script.encode("utf-8")}
