"""Word and LibreOffice notes, made from the shipped templates and read like Markdown
notes: real pandoc, python-docx and lxml, no mocks."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from pipeline.office.fill import filled_template
from pipeline.schema import NOTE_FIELDS
from pipeline.stages.content import help_texts, normalise
from tests.conftest import REPOSITORY, run

TEMPLATES = REPOSITORY / "templates"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIELDS = [spec.name for spec in NOTE_FIELDS]
GOOD = {"titre": "Un atelier vidéo au collège", "crpv": "alpha", "auteurs": "Léa Roux ; Marc Petit",
        "contribution": "vie-locale", "themes": "ecoles, fetes", "territoire": "Rennes, Villejean",
        "date": "14/02/2024", "statut": "a-relire"}


def row(field: str) -> int:
    """The row of a field in the template's table (its heading row is row 1)."""
    return FIELDS.index(field) + 2


def office_note(root: Path, name: str, values: dict[str, str]) -> Path:
    """A note from the template, its help texts replaced as a writer does."""
    target = root / "sources" / "alpha" / name
    data = filled_template(TEMPLATES / f"note-modele{target.suffix}", values)
    target.write_bytes(without_help_texts(data))
    return target


def without_help_texts(data: bytes) -> bytes:
    """The template's help paragraphs replaced by a sentence of the writer's."""
    part = "word/document.xml" if b"word/document.xml" in data else "content.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == part:
                tree = etree.fromstring(content)
                for paragraph in tree.iter("{*}p"):
                    if normalise("".join(paragraph.itertext())) in help_texts():
                        for text in list(paragraph):
                            if text.tag.endswith("}pPr"):
                                continue
                            paragraph.remove(text)
                        paragraph.text = None
                        if part == "content.xml":
                            paragraph.text = "Ce que la note observe."
                        else:
                            run = etree.SubElement(paragraph, f"{{{W}}}r")
                            etree.SubElement(run, f"{{{W}}}t").text = "Ce que la note observe."
                content = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
            new.writestr(info, content)
    return out.getvalue()


def add_body(path: Path, sentence: str, picture: bool = False) -> None:
    document = docx.Document(str(path))
    document.add_paragraph(sentence)
    if picture:
        image = io.BytesIO()
        Image.new("RGB", (90, 45), "teal").save(image, format="PNG")
        document.add_picture(image)
    document.save(str(path))


def headings(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs
            if p.style.name.startswith("Heading")]


def chapters(found: list[tuple[str, str]]) -> dict[str, str]:
    """Each level-2 heading and the level-1 heading it is under."""
    under, current = {}, ""
    for style, text in found:
        if style == "Heading 1":
            current = text
        elif style == "Heading 2":
            under.setdefault(text, current)
    return under


def test_word_and_libreoffice_notes_appear_like_markdown_notes(workspace, capsys):
    root = workspace("petit")
    word = office_note(root, "atelier.docx", GOOD)
    add_body(word, "Les élèves filment leur quartier.", picture=True)
    office_note(root, "fete.odt", {**GOOD, "titre": "Un bal sur la dalle", "themes": "fetes"})
    code, _, err = run(capsys, "build", "--workspace", str(root))
    assert code == 0, err
    built = root / "build/vie-locale/vie-locale.docx"
    found = headings(built)
    chapter = chapters(found)
    assert chapter["Un atelier vidéo au collège"] == "Les écoles ouvertes"
    assert chapter["Un bal sur la dalle"] == "Les fêtes de quartier"
    assert ("Heading 3", "Contexte") in found  # the template's sections, under the note
    text = "\n".join(p.text for p in docx.Document(str(built)).paragraphs)
    assert "Léa Roux, Marc Petit" in text and "Rennes, Villejean" in text
    assert "14\u00a0février 2024" in text
    assert "Les élèves filment leur quartier." in text
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert "Un bal sur la dalle" in html and "Les élèves filment leur quartier." in html
    assert "Information" not in html  # the metadata table is not part of the body
    pictures = [s for s in docx.Document(str(built)).inline_shapes]
    assert len(pictures) >= 3  # two figures of the method chapter and the note's picture


def test_a_wrong_field_is_reported_with_its_table_row(workspace, capsys):
    root = workspace("petit")
    office_note(root, "faux.docx", {**GOOD, "crpv": "alpah"})
    office_note(root, "fausse-date.odt", {**GOOD, "date": "2024-02-30", "statut": "a relire"})
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert (f"sources/alpha/faux.docx: ligne {row('crpv')} du tableau : crpv « alpah » inconnu "
            "(vouliez-vous dire « alpha » ?) ; pour ajouter un centre") in err
    assert (f"sources/alpha/fausse-date.odt: ligne {row('date')} du tableau : date « 2024-02-30 »"
            " invalide") in err
    assert (f"sources/alpha/fausse-date.odt: ligne {row('statut')} du tableau : statut « a relire »"
            " inconnu (vouliez-vous dire « a-relire » ?)") in err


def test_new_note_starts_a_word_or_libreoffice_note(workspace, capsys):
    root = workspace("petit")
    for fmt in ("docx", "odt"):
        code, out, _ = run(capsys, "new-note", "--crpv", "beta", "--titre", f"Essai {fmt}",
                           "--contribution", "vie-locale", "--format", fmt,
                           "--workspace", str(root))
        assert code == 0 and out.strip() == f"note créée : sources/beta/essai-{fmt}.{fmt}"
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 0, err
    assert "sources/beta/essai-docx.docx: ligne" in err  # brouillon: left out, said so
    before = (root / "sources/beta/essai-odt.odt").read_bytes()
    code, _, err = run(capsys, "new-note", "--crpv", "beta", "--titre", "Essai odt",
                       "--contribution", "vie-locale", "--format", "docx",
                       "--workspace", str(root))
    assert code == 1 and "sources/beta/essai-odt.odt: existe déjà" in err
    assert (root / "sources/beta/essai-odt.odt").read_bytes() == before
    assert not (root / "sources/beta/essai-odt.docx").exists()


def test_document_properties_stand_in_for_the_table(workspace, capsys):
    from pipeline.outputs.docx.finish import _custom_properties

    root = workspace("petit")
    document = docx.Document()
    document.core_properties.title = "Une note sans tableau"
    document.core_properties.author = "Léa Roux"
    _custom_properties(document, {"CRPV": "alpha", "contribution": "vie-locale",
                                  "date": "2024-05-05", "statut": "valide",
                                  "themes": "jardins"})
    document.add_paragraph("Un texte court.")
    document.save(str(root / "sources/alpha/proprietes.docx"))
    code, _, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 0, err
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert "Une note sans tableau" in html and "Un texte court." in html


def test_territory_on_two_rows_and_lists_on_lines():
    from pipeline.coerce import coerce
    from pipeline.diagnostics import Report, TableRow
    from pipeline.office.fields import Row, to_mapping

    rows = [Row("Titre", "T", TableRow(2)), Row("crpv", "alpha", TableRow(3)),
            Row("AUTEURS", "A B\nC D", TableRow(4)), Row("Contribution", "x", TableRow(5)),
            Row("Commune", "Lyon", TableRow(6)), Row("Quartier", "La Duchère", TableRow(7)),
            Row("Date", "2024-01-02", TableRow(8)), Row("Statut", "valide", TableRow(9))]
    report = Report()
    fields = coerce(NOTE_FIELDS, to_mapping(rows), "n.docx", report)
    assert fields.ok, report.lines()
    assert fields.values["auteurs"] == ("A B", "C D")
    assert fields.values["territoire"] == {"commune": "Lyon", "quartier": "La Duchère"}
    assert fields.lines["territoire"] == 6


BROKEN = {
    "tronque.docx": lambda: (TEMPLATES / "note-modele.docx").read_bytes()[:2000],
    "texte.docx": lambda: b"Ceci n'est pas un document Word.",
    "vide.odt": lambda: b"",
    "word.odt": lambda: (TEMPLATES / "note-modele.docx").read_bytes(),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_office_file_gives_a_clear_message(name, workspace, capsys):
    root = workspace("petit")
    (root / "sources/alpha" / name).write_bytes(BROKEN[name]())
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    line = next(line for line in err.splitlines() if line.startswith(f"sources/alpha/{name}:"))
    assert line.endswith("[note.fichier]")
    assert any(word in line for word in ("endommagé", "vide", "n'est pas un texte LibreOffice"))


def test_a_macro_enabled_document_is_refused(workspace, capsys):
    root = workspace("petit")
    source = zipfile.ZipFile(TEMPLATES / "note-modele.docx")
    target = root / "sources/alpha/macros.docx"
    with zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"ms-word.document.macroEnabled.main+xml")
            out.writestr(name, data)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/macros.docx: document Word avec macros (.docm) refusé" in err


REALWORLD = REPOSITORY.parent / "shared" / "realworld"


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="no real-world Office files beside the repo")
def test_real_world_documents_give_a_message_and_convert(workspace, capsys):
    from pipeline.office.reader import body_markdown, read_document
    from pipeline.workspace import Workspace

    root = workspace("petit")
    files = sorted(REALWORLD.glob("docx/*.docx")) + sorted(REALWORLD.glob("odt/*.odt"))
    for path in files:
        shutil.copy(path, root / "sources/alpha" / path.name)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "Traceback" not in err and "n'a pas pu aboutir" not in err
    for path in files:
        message = next(line for line in err.splitlines()
                       if line.startswith(f"sources/alpha/{path.name}:")
                       and line.endswith("[note.tableau]"))
        assert "pas de tableau d'informations en tête de la note" in message, message
        assert "« CRPV »" in message and message.endswith("[note.tableau]")
        document = read_document(root / "sources/alpha" / path.name, Workspace(root))
        body = body_markdown(document, document.ast["blocks"], Workspace(root))
        assert "<span" not in body and "<div" not in body, path.name  # no raw HTML
    # a move only (Word's w:moveFrom/w:moveTo) is a pending change as the others are
    for name in ("track_changes_insertion.docx", "track_changes_deletion.docx",
                 "track_changes_move.docx"):
        assert (f"sources/alpha/{name}: attention : 1 modification(s) suivie(s) en attente"
                in err)
