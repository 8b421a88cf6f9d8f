"""Issue 13, point 4: every file in sources/ is read as a note, shown as an image, or
named with what to do about it."""

from __future__ import annotations

import pytest

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY, plain_spaces, run

CASES = {
    "modele.dotx": "modèle Word (.dotx), pas une note : ouvrez-le, remplissez-le et "
                   "enregistrez-le au format « Document Word (.docx) »",
    "note.fodt": "document LibreOffice « à plat » (.fodt) : enregistrez-le au format « Texte "
                 "OpenDocument (.odt) »",
    "macros.docm": "document Word avec macros (.docm) : enregistrez-le au format « Document "
                   "Word (.docx) », sans macros",
    "ancien.doc": "ancien format Word (.doc) : ouvrez-le dans Word ou LibreOffice et "
                  "enregistrez-le au format « Document Word (.docx) »",
    "texte.rtf": "format RTF : ouvrez-le dans Word ou LibreOffice et enregistrez-le au format "
                 "« Document Word (.docx) »",
    "compte-rendu.pdf": "un PDF ne se relit pas comme une note : placez ici le document "
                        "d'origine (.docx, .odt)",
    "modele.ott": "modèle LibreOffice (.ott), pas une note",
    "brouillon.txt": "fichier texte (.txt) : une note en Markdown porte l'extension .md",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_document_that_is_not_read_is_named_with_what_to_do(workspace, capsys, name):
    root = workspace("petit")
    source = REPOSITORY / "templates/note-modele.docx"
    (root / "sources/alpha" / name).write_bytes(source.read_bytes())
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert f"sources/alpha/{name}: format non pris en charge : {CASES[name]}" in err


def test_stray_files_and_images_are_named(workspace):
    root = workspace("petit")
    folder = root / "sources/beta"
    (folder / "photo.png").write_bytes((REPOSITORY / "tests/workspaces/retours/sources/alpha/"
                                        "images/vernissage.png").read_bytes())
    (folder / "schema.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "notes.bak").write_text("x", encoding="utf-8")
    (folder / ".cache").write_text("x", encoding="utf-8")  # hidden: ignored
    report = Report()
    check(Workspace(root), report)
    lines = [plain_spaces(line) for line in report.lines() if "beta/" in line and
             "[source." in line]
    assert lines == [
        "sources/beta/notes.bak: attention : fichier ignoré : ni une note (.md, .docx, .odt) "
        "ni une image (PNG, JPEG, GIF) ; rangez-le hors de sources/ [source.inconnu]",
        "sources/beta/photo.png: attention : image qu'aucune note n'affiche : ajoutez-la à une "
        "note (![légende](photo.png) dans une note Markdown) ou retirez-la de sources/ "
        "[source.image]",
        "sources/beta/schema.svg: attention : image au format SVG, que les notes n'acceptent "
        "pas : enregistrez-la en PNG ou en JPEG [source.image]"]


def test_an_image_named_by_a_note_that_cannot_be_read_is_not_called_forgotten(workspace):
    root = workspace("petit")
    folder = root / "sources/beta"
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / "cassee.md").write_text("---\ntitre: [\n---\n![x](photo.png)\n", encoding="utf-8")
    report = Report()
    check(Workspace(root), report)
    assert not [d for d in report.diagnostics if d.path == "sources/beta/photo.png"]
