"""A Word or LibreOffice note read into the same ``RawNote`` as a Markdown note (real
pandoc): fields from the table with their row, the body as Markdown without the
table, images beside the extracted media; no table and no properties reported."""

from __future__ import annotations

import hashlib
import io

import docx
from PIL import Image

from pipeline.diagnostics import Report, TableRow
from pipeline.office.fill import filled_template
from pipeline.office.reader import read_office_note
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY

VALUES = {"titre": "Un atelier vidéo", "crpv": "alpha", "auteurs": "Léa Roux, Marc Petit",
          "contribution": "vie-locale", "date": "12/03/2024", "statut": "a-relire"}


def _read(root, name):
    report = Report()
    note = read_office_note(root / "sources/alpha" / name, Workspace(root), report)
    return note, report


def _note(root, name, values=VALUES, edit=None):
    path = root / "sources/alpha" / name
    path.write_bytes(filled_template(REPOSITORY / f"templates/note-modele{path.suffix}", values))
    if edit:
        document = docx.Document(str(path))
        edit(document)
        document.save(str(path))
    return path


def test_fields_come_from_the_table_with_their_row(workspace):
    root = workspace("petit")
    path = _note(root, "atelier.odt")
    note, report = _read(root, "atelier.odt")
    fields = note.front_matter.value
    assert fields["titre"].value == "Un atelier vidéo"
    assert isinstance(fields["titre"].line, TableRow) and fields["titre"].line == 2
    assert [a.value for a in fields["auteurs"].value] == ["Léa Roux", "Marc Petit"]
    assert fields["date"].value == "2024-03-12"
    assert (note.path, note.note_id, note.folder, note.body_line) == (
        "sources/alpha/atelier.odt", "alpha/atelier", "alpha", 0)
    assert note.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert report.diagnostics == []


def test_the_body_is_markdown_without_the_table_and_with_its_images(workspace):
    root = workspace("petit")

    def body(document):
        document.add_paragraph("Les élèves *filment* leur quartier.")
        image = io.BytesIO()
        Image.new("RGB", (30, 20), "teal").save(image, format="PNG")
        document.add_picture(image)

    _note(root, "atelier.docx", edit=body)
    note, _ = _read(root, "atelier.docx")
    assert "## Contexte" in note.body and "Information" not in note.body
    assert "Les élèves \\*filment\\* leur quartier." in note.body  # text, not emphasis
    image = next(line for line in note.body.splitlines() if line.startswith("!["))
    relative = image.split("](")[1].split(")")[0]
    assert not relative.startswith(("/", "build/"))
    assert (root / note.media_base / relative).is_file()


def test_without_table_or_properties_the_missing_fields_are_listed(workspace):
    root = workspace("petit")
    document = docx.Document()
    document.add_paragraph("Juste du texte.")
    document.save(str(root / "sources/alpha/nu.docx"))
    note, report = _read(root, "nu.docx")
    assert note is None
    (diagnostic,) = report.diagnostics
    assert diagnostic.code == "note.tableau" and "« Titre »" in diagnostic.message
    assert "templates/note-modele.docx" in diagnostic.message


def test_a_field_twice_in_the_table_is_an_error_on_its_row(workspace):
    root = workspace("petit")

    def twice(document):
        row = document.tables[0].add_row()
        row.cells[0].text, row.cells[1].text = "Titre", "Un autre titre"

    _note(root, "double.docx", edit=twice)
    note, report = _read(root, "double.docx")
    assert note is None
    (diagnostic,) = report.diagnostics
    assert (diagnostic.code, diagnostic.message) == ("note.entete", "champ « titre » en double")
    assert isinstance(diagnostic.line, TableRow) and diagnostic.line > 2
