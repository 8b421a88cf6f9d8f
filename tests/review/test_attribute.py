"""Which note a remark falls in — by the bookmark around it, else by the heading above
it — and which line of the note's current source it concerns."""

from __future__ import annotations

import shutil

import pytest

from pipeline.outputs.docx.anchors import LESSONS_PREFIX, bookmark_name
from pipeline.review.attribute import Attributor, anchors_from_sources, load_anchors
from pipeline.review.model import Place, Remark
from pipeline.workspace import Workspace
from tests.conftest import SAMPLES, copy_workspace

NOTE = "sources/alpha/jardin-maurepas.md"
TITLE = "Un jardin au pied des tours"


@pytest.fixture(scope="module")
def attributor(tmp_path_factory) -> Attributor:
    workspace = Workspace(copy_workspace("petit", tmp_path_factory.mktemp("attribute")))
    return Attributor(workspace, anchors_from_sources(workspace))


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


def test_anchors_come_from_the_build_map_else_from_the_sources(built_petit, tmp_path):
    workspace = Workspace(built_petit)
    saved = load_anchors(workspace, "vie-locale")
    from_sources = anchors_from_sources(workspace)
    assert {a.name for a in saved} <= {a.name for a in from_sources}
    assert bookmark_name(NOTE, LESSONS_PREFIX) in {a.name for a in saved}
    assert "sources/beta/brouillon.md" not in {a.path for a in saved}  # not in the draft
    root = tmp_path / "petit"
    shutil.copytree(SAMPLES / "petit", root)
    (root / "build/vie-locale").mkdir(parents=True)
    (root / "build/vie-locale/vie-locale.ancres.json").write_text("{pas du json",
                                                                   encoding="utf-8")
    fallback = load_anchors(Workspace(root), "vie-locale")
    assert {a.name for a in fallback} == {a.name for a in anchors_from_sources(Workspace(root))}
