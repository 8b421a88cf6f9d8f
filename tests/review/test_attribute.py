"""Which note a remark falls in — by the bookmark around it, else by the heading above
it — and which line of the note's current source it concerns."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from pipeline.outputs.docx.anchors import LESSONS_PREFIX, Anchor, bookmark_name
from pipeline.review.attribute import Attributor
from pipeline.review.model import Place, Remark
from pipeline.workspace import Workspace

NOTE = "sources/alpha/jardin-maurepas.md"
TITLE = "Un jardin au pied des tours"


def _saved(root) -> list[dict]:
    """The bookmark → note map the build wrote beside the draft."""
    path = root / "build/vie-locale/vie-locale.ancres.json"
    return json.loads(path.read_text(encoding="utf-8"))["ancres"]


@pytest.fixture(scope="module")
def attributor(built_petit) -> Attributor:
    names = {f.name for f in fields(Anchor)}
    anchors = tuple(Anchor(**{k: v for k, v in item.items() if k in names})
                    for item in _saved(built_petit))
    return Attributor(Workspace(built_petit), anchors)


def _remark(text: str, *, anchors=(), style="Normal", level=None, chapter="Les jardins partagés",
            headings=("", ""), offset=0) -> Remark:
    place = Place(4, text, style, level, tuple(anchors), chapter, tuple(headings))
    return Remark("commentaire", "A", "", "Une remarque.", text, place, offset, "a.docx")


def test_the_bookmark_around_the_paragraph_gives_the_note_and_the_line(attributor):
    target = attributor.attribute(_remark("Un potager partagé de douze parcelles.",
                                          anchors=[bookmark_name(NOTE)])).target
    assert (target.path, target.crpv, target.centre, target.title, target.line,
            target.chapter) == (NOTE, "alpha", "Centre Alpha", TITLE, 14,
                                "Les jardins partagés")


def test_the_innermost_known_bookmark_wins(attributor):
    other = bookmark_name("sources/beta/ecole-ouverte.md")
    found = attributor.attribute(_remark("x", anchors=[other, bookmark_name(NOTE), "_Toc1"]))
    assert found.target.path == NOTE


def test_without_bookmarks_the_heading_above_leads_to_the_note(attributor):
    target = attributor.attribute(_remark("Un potager partagé de douze parcelles.",
                                          headings=(TITLE.upper(), ""))).target
    assert (target.path, target.line) == (NOTE, 14)


def test_in_the_cross_reading_the_title_and_centre_heading_leads_to_the_note(attributor):
    target = attributor.attribute(_remark(
        "Le jardin crée des liens durables.", chapter="Regards croisés",
        headings=("Les jardins partagés", f"{TITLE} — Centre Alpha"))).target
    assert (target.path, target.line) == (NOTE, 18)


def test_the_heading_and_the_meta_paragraph_give_the_title_line(attributor):
    heading = _remark(TITLE, anchors=[bookmark_name(NOTE)], style="Heading2", level=2)
    meta = _remark("Centre de ressources : Centre Alpha", anchors=[bookmark_name(NOTE)],
                   style="NoteMeta")
    assert [attributor.attribute(r).target.line for r in (heading, meta)] == [2, 2]


def test_a_chapters_own_paragraphs_and_remarks_outside_the_body_go_to_no_note(attributor):
    see_also = attributor.attribute(_remark("Voir aussi : x", style="VoirAussi",
                                            headings=(TITLE, ""))).target
    assert (see_also.path, see_also.chapter) == (None, "Les jardins partagés")
    outside = Remark("commentaire", "A", "", "En-tête ?", "", None, 0, "a.docx")
    assert attributor.attribute(outside).target.path is None


def test_the_map_names_each_bookmark_as_the_sources_path_alone_would(built_petit):
    """So that ``review`` can place remarks without the map (a draft built elsewhere)."""
    saved = _saved(built_petit)
    for anchor in saved:
        prefix = "rc_" if anchor["level"] == 2 else LESSONS_PREFIX
        assert anchor["name"] == bookmark_name(anchor["path"], prefix)
    paths = {a["path"] for a in saved}
    assert NOTE in paths and "sources/beta/brouillon.md" not in paths  # not in the draft
