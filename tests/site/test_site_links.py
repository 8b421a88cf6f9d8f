"""Every internal link and every ``src`` of every page of build/site/ names a file of
build/site/ (the site works from any folder of a static host, and from the disk)."""

from __future__ import annotations

from tests.site.walking import broken_links, links_of


def test_every_internal_link_resolves(site_built):
    site = site_built / "build" / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15 and sum(len(links_of(p)) for p in pages) > 200  # a real walk
    assert (site / "recherche" / "index.html") in pages
    assert broken_links(site) == []
