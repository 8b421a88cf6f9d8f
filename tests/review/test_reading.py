"""Reading one reviewer's DOCX: the draft's custom properties, each remark with its
place (paragraph, chapter, headings, bookmarks) and its thread; foreign and broken
files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest

from pipeline.office.package import OfficeFileError
from pipeline.review.reading import _heading_levels, read_review
from tests.review.reviewing import comment, insert, paragraph, reply

REALWORLD = Path("/work/shared/realworld/docx")


@pytest.fixture(scope="module")
def reviewed(built_petit, tmp_path_factory) -> Path:
    draft = built_petit / "build/vie-locale/vie-locale.docx"
    document = docx.Document(str(draft))
    parcels = paragraph(document, "Un potager partagé")
    first = comment(document, parcels, "Combien de parcelles ?", "Relectrice A")
    reply(document, first, parcels, "Douze.", "Jeanne Leroy", resolved=True)
    insert(paragraph(document, "Une fête organisée"), " Avec un repas.", "Relecteur B", 901)
    target = tmp_path_factory.mktemp("reading") / "relu.docx"
    document.save(str(target))
    return target


def test_the_drafts_properties_say_which_contribution_and_build(reviewed, built_petit):
    found = read_review(reviewed, "relu.docx")
    anchors = json.loads((built_petit / "build/vie-locale/vie-locale.ancres.json")
                         .read_text(encoding="utf-8"))
    assert (found.path, found.contribution, found.build) == ("relu.docx", "vie-locale",
                                                             anchors["build"])


def test_a_comment_with_its_place_and_its_resolved_thread(reviewed):
    remarks = read_review(reviewed, "relu.docx").remarks
    remark = next(r for r in remarks if r.kind == "commentaire")
    assert (remark.author, remark.text, remark.file) == ("Relectrice A",
                                                         "Combien de parcelles ?", "relu.docx")
    assert remark.concerned == "Un potager partagé de douze parcelles."
    assert [(r.author, r.text) for r in remark.replies] == [("Jeanne Leroy", "Douze.")]
    assert remark.resolved
    place = remark.place
    assert (place.chapter, place.headings[0]) == ("Les jardins partagés",
                                                  "Un jardin au pied des tours")
    assert place.anchors and place.anchors[-1].startswith("rc_") and "jardin_maurepas" in \
        place.anchors[-1]


def test_a_tracked_insertion_is_a_remark_on_its_paragraph(reviewed):
    remarks = read_review(reviewed, "relu.docx").remarks
    (change,) = [r for r in remarks if r.kind != "commentaire"]
    assert (change.kind, change.author, change.text) == ("insertion", "Relecteur B",
                                                         " Avec un repas.")
    assert change.concerned.startswith("Une fête organisée")  # without the insertion
    assert "Avec un repas" not in change.place.text


def test_a_foreign_word_file_has_no_contribution_and_its_remarks_still_count():
    found = read_review(REALWORLD / "track_changes_deletion.docx", "x.docx")
    assert (found.contribution, found.build) == (None, None)
    (remark,) = found.remarks
    assert (remark.kind, remark.author, remark.text) == ("suppression", "eng-dept",
                                                         "n excessively modified")


def test_headings_are_known_by_their_style_name_or_outline_level_in_any_language():
    styles = (b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
              b'main"><w:style w:styleId="Titre2"><w:name w:val="Titre 2"/></w:style>'
              b'<w:style w:styleId="P1"><w:name w:val="Mon niveau"/><w:pPr>'
              b'<w:outlineLvl w:val="2"/></w:pPr></w:style>'
              b'<w:style w:styleId="Corps"><w:name w:val="Corps"/></w:style></w:styles>')
    levels = _heading_levels(styles)
    assert (levels["Titre2"], levels["P1"], levels["Heading1"]) == (2, 3, 1)
    assert "Corps" not in levels


@pytest.mark.parametrize("content", [b"", b"pas un zip", None])
def test_a_file_that_is_no_word_document_raises_a_french_message(content, tmp_path):
    path = tmp_path / "relu.docx"
    if content is None:  # a LibreOffice text renamed .docx
        shutil.copy(Path(__file__).resolve().parents[2] / "templates/note-modele.odt", path)
    else:
        path.write_bytes(content)
    with pytest.raises(OfficeFileError) as raised:
        read_review(path, "relu.docx")
    assert "fichier" in raised.value.message or "document" in raised.value.message
