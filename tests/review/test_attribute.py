"""Which note a remark falls in — by the bookmarks of the draft it was made on, never
by a title — and which line of the note's current text it concerns; a remark that
cannot be placed says why."""

from __future__ import annotations

import json

import pytest

from pipeline.outputs.contract import note_anchor
from pipeline.outputs.docx.anchors import read_anchors
from pipeline.review.attribute import Attributor
from pipeline.review.drafts import Draft
from pipeline.review.model import Place, Remark
from pipeline.workspace import Workspace

NOTE = "sources/alpha/jardin-maurepas.md"
TITLE = "Un jardin au pied des tours"


def _draft(root) -> Draft:
    data = json.loads((root / "build/vie-locale/vie-locale.ancres.json")
                      .read_text(encoding="utf-8"))
    return Draft("brouillon actuel", data["build"], root / "build/vie-locale/vie-locale.docx",
                 read_anchors(data), None)


@pytest.fixture(scope="module")
def attributor(built_petit) -> Attributor:
    return Attributor(Workspace(built_petit), _draft(built_petit), bookmarks_found=True)


def _remark(text: str, *, anchors=(), style="Normal", level=None, chapter="Les jardins partagés",
            headings=("", ""), offset=0) -> Remark:
    place = Place(4, text, style, level, tuple(anchors), chapter, tuple(headings))
    return Remark("commentaire", "A", "", "Une remarque.", text, place, offset, "a.docx")


def test_the_bookmark_around_the_paragraph_gives_the_note_and_the_line(attributor):
    target = attributor.attribute(_remark("Un potager partagé de douze parcelles.",
                                          anchors=[note_anchor(NOTE)])).target
    assert (target.path, target.crpv, target.centre, target.title, target.line,
            target.chapter, target.placement) == (NOTE, "alpha", "Centre Alpha", TITLE, 14,
                                                  "Les jardins partagés", "")


def test_the_innermost_known_bookmark_wins(attributor):
    other = note_anchor("sources/beta/ecole-ouverte.md")
    found = attributor.attribute(_remark("x", anchors=[other, note_anchor(NOTE), "_Toc1"]))
    assert found.target.path == NOTE


def test_lessons_in_the_cross_reading_are_placed_by_their_own_bookmark(attributor):
    target = attributor.attribute(_remark(
        "Le jardin crée des liens durables.", chapter="Regards croisés",
        anchors=[note_anchor(NOTE, lessons=True)])).target
    assert (target.path, target.line) == (NOTE, 18)


def test_the_heading_and_the_meta_paragraph_give_the_title_line(attributor):
    heading = _remark(TITLE, anchors=[note_anchor(NOTE)], style="Heading2", level=2)
    meta = _remark("Centre de ressources : Centre Alpha", anchors=[note_anchor(NOTE)],
                   style="NoteMeta")
    assert [attributor.attribute(r).target.line for r in (heading, meta)] == [2, 2]


def test_a_title_alone_never_places_a_remark(attributor):
    found = attributor.attribute(_remark("Un potager partagé de douze parcelles.",
                                         headings=(TITLE, ""))).target
    assert found.path is None
    assert found.placement.startswith("hors des notes (chapitre") and "jardins" in found.placement


def test_each_remark_not_placed_says_why(attributor, built_petit):
    see_also = attributor.attribute(_remark("Voir aussi : x", style="VoirAussi",
                                            anchors=[note_anchor(NOTE)])).target
    assert see_also.path is None and see_also.chapter == "Les jardins partagés"
    outside = Remark("commentaire", "A", "", "En-tête ?", "", None, 0, "a.docx")
    assert "hors du texte" in attributor.attribute(outside).target.placement
    unknown = attributor.attribute(_remark("x", anchors=[note_anchor("sources/a/autre.md")]))
    assert "inconnu du brouillon actuel" in unknown.target.placement
    stripped = Attributor(Workspace(built_petit), _draft(built_petit), bookmarks_found=False)
    assert "plus les repères" in stripped.attribute(_remark("x")).target.placement
