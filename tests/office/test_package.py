"""Every Office file opened in one place: size, zip, entries and unpacked size bounded,
the content type checked, macros refused; XML parsed without DTD or entities."""

from __future__ import annotations

import zipfile

import pytest

from pipeline.office import package as package_module
from pipeline.office.package import OfficeFileError, open_package, parse_xml
from tests.conftest import REPOSITORY

DOCX = REPOSITORY / "templates/note-modele.docx"
ODT = REPOSITORY / "templates/note-modele.odt"


def _zip(target, source, extra=None, skip=(), edit=None):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w",
                                                                zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            if info.filename not in skip:
                data = original.read(info.filename)
                out.writestr(info, edit(info.filename, data) if edit else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


def _refused(path, kind="docx", **options) -> str:
    with pytest.raises(OfficeFileError) as raised:
        open_package(path, kind, **options)
    return raised.value.message


def test_the_shipped_templates_open_and_their_parts_can_be_read():
    word, writer = open_package(DOCX, "docx"), open_package(ODT, "odt")
    assert (word.kind, writer.kind) == ("docx", "odt")
    assert "word/document.xml" in word.names and "content.xml" in writer.names
    assert parse_xml(word.read("word/document.xml"), "word/document.xml").tag.endswith("document")
    assert word.read("absente.xml") is None


def test_a_file_over_the_size_bound_is_refused_before_being_read(tmp_path, monkeypatch):
    monkeypatch.setattr(package_module, "MAX_FILE_BYTES", DOCX.stat().st_size - 1)
    assert _refused(DOCX).startswith("fichier trop volumineux")


def test_too_many_entries_or_a_bomb_are_refused(tmp_path, monkeypatch):
    bomb = _zip(tmp_path / "bombe.docx", DOCX, {"word/media/vide.bin": b"\0" * 5_000_000})
    assert _refused(bomb) == "document trop volumineux une fois décompressé"
    monkeypatch.setattr(package_module, "MAX_ENTRIES", 3)
    assert _refused(DOCX) == "document trop volumineux une fois décompressé"


@pytest.mark.parametrize("data, words", [(b"", "fichier vide"),
                                         (b"PK\x03\x04 tronque", "fichier endommagé")])
def test_empty_or_broken_zips_are_refused(data, words, tmp_path):
    path = tmp_path / "n.docx"
    path.write_bytes(data)
    assert _refused(path).startswith(words)


def test_member_names_leaving_the_package_are_refused(tmp_path):
    odd = _zip(tmp_path / "n.docx", DOCX, {"../evasion.xml": b"<x/>"})
    assert _refused(odd).startswith("fichier endommagé ou incomplet")


def test_the_kind_must_match_the_content(tmp_path):
    assert "n'est pas un document Word" in _refused(ODT, "docx")
    assert "n'est pas un texte LibreOffice" in _refused(DOCX, "odt")
    no_body = _zip(tmp_path / "n.docx", DOCX, skip={"word/document.xml"})
    assert "n'est pas un document Word" in _refused(no_body)


def test_macros_are_refused_unless_allowed(tmp_path):
    word = _zip(tmp_path / "m.docx", DOCX, {"word/vbaProject.bin": b"\0"})
    assert "macros" in _refused(word)
    assert open_package(word, "docx", allow_macros=True).kind == "docx"  # a reviewer's file
    writer = _zip(tmp_path / "m.odt", ODT, {"Basic/Standard/Module1.xml": b"<x/>"})
    assert "macros" in _refused(writer, "odt")


def test_xml_entities_and_dtds_are_not_expanded():
    blob = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<x>&e;</x>")
    root = parse_xml(blob, "word/document.xml")
    assert "root:" not in "".join(root.itertext())
    with pytest.raises(OfficeFileError, match="XML incorrect"):
        parse_xml(b"<x>", "word/document.xml")


def test_a_part_read_is_bounded(monkeypatch):
    word = open_package(DOCX, "docx")
    monkeypatch.setattr(package_module, "MAX_PART_BYTES", 10)
    with pytest.raises(OfficeFileError, match="trop volumineuse"):
        word.read("word/document.xml")
