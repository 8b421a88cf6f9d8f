"""Load: notes discovered in a fixed order, front matter split from the body, Word and
LibreOffice notes handed to the office reader, unreadable files reported."""

from __future__ import annotations

import os

import pytest

from pipeline.diagnostics import Report
from pipeline.office.fill import filled_template
from pipeline.stages.load import load, load_notes, split_front_matter
from pipeline.workspace import Workspace
from pipeline.yamlread import YamlReadError
from tests.conftest import REPOSITORY, write_note

HEAD = "titre: T\ncrpv: alpha\nauteurs: [A]\ncontribution: vie-locale\ndate: 2024-01-02"


def _notes(root):
    report = Report()
    return load_notes(Workspace(root), report), report


def test_notes_are_discovered_in_sorted_order_whatever_the_creation_order(workspace):
    root = workspace("petit")
    for relative in ("zeta/b.md", "alpha/zz.md", "alpha/aa.md", "alpha/sous/m.md"):
        write_note(root, relative, HEAD)
    (root / "sources/alpha/.cachee.md").write_text("---\n---\n", encoding="utf-8")
    (root / "sources/alpha/~$verrou.docx").write_bytes(b"lock")
    notes, report = _notes(root)
    ids = [n.note_id for n in notes]
    assert ids == sorted(ids)
    assert ids[:2] == ["alpha/aa", "alpha/deux-contributions"]
    assert "alpha/sous/m" in ids and ids[-1] == "zeta/b"
    assert not any(".cachee" in i or "verrou" in i for i in ids)
    assert report.diagnostics == []


def test_front_matter_is_split_from_the_body_with_the_body_line():
    front, body, body_line = split_front_matter("---\ntitre: T\ncrpv: a\n---\n\nTexte.\n")
    assert (front, body, body_line) == ("titre: T\ncrpv: a", "\nTexte.\n", 5)
    assert split_front_matter("---\ntitre: T\n...\nTexte")[1:] == ("Texte", 4)


@pytest.mark.parametrize("text, line, words", [
    ("", 1, "note vide"),
    ("titre: T\n", 1, "doit commencer par un en-tête"),
    ("---\ntitre: T\n\nTexte\n", 1, "en-tête non fermé"),
])
def test_a_front_matter_that_cannot_be_split_is_an_error_at_its_line(text, line, words):
    with pytest.raises(YamlReadError) as raised:
        split_front_matter(text)
    assert raised.value.line == line and words in raised.value.message


def test_a_loaded_note_keeps_each_fields_line_and_its_body(workspace):
    notes, _ = _notes(workspace("petit"))
    note = next(n for n in notes if n.note_id == "alpha/jardin-maurepas")
    fields = note.front_matter.value
    assert (fields["titre"].value, fields["titre"].line) == ("Un jardin au pied des tours", 2)
    assert fields["date"].line == 8 and fields["date"].value == "2024-04-10"  # a string still
    assert note.body_line == 11 and note.body.lstrip().startswith("## Contexte")
    assert note.path == "sources/alpha/jardin-maurepas.md" and note.folder == "alpha"
    assert len(note.content_hash) == 64


def test_word_and_libreoffice_notes_go_to_the_office_reader(workspace):
    root = workspace("petit")
    values = {"titre": "Une note Word", "crpv": "alpha", "auteurs": "A B",
              "contribution": "vie-locale", "date": "12/03/2024", "statut": "a-relire"}
    for suffix in (".docx", ".odt"):
        (root / f"sources/alpha/bureau{suffix}").write_bytes(
            filled_template(REPOSITORY / f"templates/note-modele{suffix}", values))
    notes, report = _notes(root)
    office = {n.path: n for n in notes if n.body_line == 0}
    assert sorted(office) == ["sources/alpha/bureau.docx", "sources/alpha/bureau.odt"]
    for note in office.values():
        assert note.front_matter.value["titre"].value == "Une note Word"
        assert note.front_matter.value["date"].value == "2024-03-12"
        assert note.media_base.startswith("build/_office/")
    assert report.diagnostics == []


def test_unreadable_files_are_reported_and_the_others_loaded(workspace):
    root = workspace("petit")
    sources = root / "sources/alpha"
    (sources / "ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (sources / "image.md").write_bytes(b"---\ntitre: T\n---\n\x00\x01\x02PNG")
    (sources / "latin.md").write_bytes(f"---\n{HEAD}\n---\n\nL'été à Neuhof.\n"
                                       .encode("cp1252"))
    (sources / "casse.docx").write_bytes(b"PK\x03\x04 pas un zip")
    outside = root.parent / "ailleurs.md"
    outside.write_text(f"---\n{HEAD}\n---\n", encoding="utf-8")
    os.symlink(outside, sources / "lien.md")
    notes, report = _notes(root)
    found = {(d.path, d.severity, d.code) for d in report.diagnostics}
    assert found == {
        ("sources/alpha/ancien.doc", "erreur", "source.format"),
        ("sources/alpha/image.md", "erreur", "note.binaire"),
        ("sources/alpha/latin.md", "attention", "source.encodage"),
        ("sources/alpha/casse.docx", "erreur", "note.fichier"),
        ("sources/alpha/lien.md", "erreur", "source.lien"),
    }
    ids = {n.note_id for n in notes}
    assert "alpha/latin" in ids and "alpha/jardin-maurepas" in ids
    assert not ids & {"alpha/image", "alpha/ancien", "alpha/casse", "alpha/lien"}
    latin = next(n for n in notes if n.note_id == "alpha/latin")
    assert "L'été à Neuhof." in latin.body


def test_load_types_the_configuration_and_keeps_the_notes_raw(workspace):
    report = Report()
    inputs = load(Workspace(workspace("petit")), report)
    assert inputs.configuration_ok and report.diagnostics == []
    assert [c.id for c in inputs.contributions] == ["autre", "vie-locale"]
    assert [t.id for t in inputs.contributions[1].themes][:2] == ["jardins", "fetes"]
    assert inputs.registry.get("alpha") is not None
    assert len(inputs.notes) == 6
