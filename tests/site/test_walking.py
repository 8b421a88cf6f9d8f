"""The site's walkers can fail: a link to a missing page and a word inside Pagefind's
compressed index are both found (on the tiny site of tests/site/minisite.py)."""

from __future__ import annotations

from tests.site.walking import broken_links, leaks


def test_a_link_to_a_missing_page_is_found(minisite):
    assert broken_links(minisite) == [
        f"recherche/index.html: ../{page}/index.html"
        for page in ("themes", "centres", "territoires", "annees") * 2]


def test_a_word_of_a_note_is_found_in_the_index_fragments(minisite):
    found = leaks(minisite, {"jardin": "jardin au pied des tours", "mark": "PROJET"})
    assert "mark" not in found
    assert "notes/labo-cites-jardin-mermoz/index.html" in found["jardin"]
    assert any(path.endswith(".pf_fragment") for path in found["jardin"])
