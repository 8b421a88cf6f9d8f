"""One contract between the draft and the review (``pipeline/outputs/contract.py``):
rename a fixed heading, the bookmark prefixes, a style and a custom property there,
and both the DOCX writer and the review follow — a remark is still placed."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.outputs import contract
from tests.conftest import run
from tests.review.reviewing import comment, csv_rows, paragraph

RENAMED = dict(cross_reading="Lectures croisées", note_prefix="nb_", lessons_prefix="ln_",
               note_meta="Note Entete", property_build="empreinte")


def test_the_note_anchor_is_made_once_from_the_path():
    name = contract.note_anchor("sources/alpha/une-note-au-titre-tres-long-et-accentue-ete.md")
    assert len(name) == contract.MAX_BOOKMARK and name.startswith("rc_")
    assert contract.note_anchor("sources/alpha/x.md", lessons=True).startswith("rx_")
    assert contract.anchor_level(name) == 2 and contract.anchor_level("_Toc123") is None


def test_renaming_in_the_contract_moves_both_sides(workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(contract, "CONTRACT", replace(contract.CONTRACT, **RENAMED))
    root = workspace("petit")
    code, _, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code == 0, err
    draft = root / "build/vie-locale/vie-locale.docx"
    document = docx.Document(str(draft))
    # the writer followed: heading, bookmarks, style, property
    assert "Lectures croisées" in [p.text for p in document.paragraphs
                                   if p.style.name.startswith("Heading 1")]
    names = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    assert any(n.startswith("nb_") for n in names) and any(n.startswith("ln_") for n in names)
    assert not any(n.startswith(("rc_", "rx_")) for n in names)
    meta = paragraph(document, "Centre de ressources")
    assert meta.style.style_id == "NoteEntete"
    with zipfile.ZipFile(draft) as package:
        assert b'name="empreinte"' in package.read("docProps/custom.xml")
    # the reader followed: the remarks are placed, the title line found by the style
    comment(document, paragraph(document, "Un potager partagé"), "Combien ?", "Relectrice")
    comment(document, meta, "Les auteurs sont-ils à jour ?", "Relectrice")
    comment(document, paragraph(document, "Le jardin crée", after="Lectures croisées"),
            "Enseignement à préciser.", "Relectrice")
    reviewed = tmp_path / "relecture.docx"
    document.save(str(reviewed))
    code, _, err = run(capsys, "review", str(reviewed), "--workspace", str(root))
    assert code == 0, err
    assert "reconnu d'après son contenu" not in err  # found by its build property
    rows = {r["remarque"]: (r["note"], r["ligne"]) for r in
            csv_rows(root / "build/vie-locale/revue.csv")}
    note = "sources/alpha/jardin-maurepas.md"
    assert rows == {"Combien ?": (note, "14"), "Les auteurs sont-ils à jour ?": (note, "2"),
                    "Enseignement à préciser.": (note, "18")}


@pytest.fixture(autouse=True)
def _contract_restored():
    yield
    assert contract.current() == contract.DraftContract()
