"""The document's properties as rows, for a note without the metadata table: the
standard title, author and keywords, and custom properties named like fields."""

from __future__ import annotations

import zipfile

import docx

from pipeline.office.package import open_package
from pipeline.office.properties import property_rows
from tests.conftest import REPOSITORY

ODF_META = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
            "<dc:title>Un bal sur la dalle</dc:title><dc:creator>Qui a enregistré</dc:creator>"
            "<meta:initial-creator>Léa Roux</meta:initial-creator>"
            "<meta:keyword>fetes</meta:keyword><meta:keyword>ecoles</meta:keyword>"
            '<meta:user-defined meta:name="CRPV">alpha</meta:user-defined>'
            '<meta:user-defined meta:name="Budget">12</meta:user-defined>'
            "</office:meta></office:document-meta>")
CUSTOM = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
          'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
          'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-'
          '08002B2CF9AE}" pid="2" name="Titre"><vt:lpwstr>Le titre personnalisé</vt:lpwstr>'
          '</property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" '
          'name="contribution"><vt:lpwstr>vie-locale</vt:lpwstr></property></Properties>')


def _replace(source, target, name: str, blob: str) -> None:
    """A copy of the package with one part replaced."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for info in original.infolist():
            out.writestr(info, blob if info.filename == name else original.read(info.filename))


def _rows(path, kind):
    return {row.label: row.value for row in property_rows(open_package(path, kind))}


def test_a_word_files_standard_properties(tmp_path):
    document = docx.Document(str(REPOSITORY / "templates/note-modele.docx"))
    document.core_properties.title = "Un atelier vidéo"
    document.core_properties.author = "Léa Roux"
    document.core_properties.keywords = "ecoles"
    document.core_properties.subject = "pas un champ"
    path = tmp_path / "n.docx"
    document.save(str(path))
    assert _rows(path, "docx") == {"titre": "Un atelier vidéo", "auteurs": "Léa Roux",
                                   "themes": "ecoles"}


def test_a_custom_property_named_like_a_field_wins_over_the_standard_one(tmp_path):
    document = docx.Document(str(REPOSITORY / "templates/note-modele.docx"))
    document.core_properties.title = "Le titre standard"
    document.save(str(tmp_path / "n.docx"))
    path = tmp_path / "p.docx"
    _replace(tmp_path / "n.docx", path, "docProps/custom.xml", CUSTOM)
    rows = property_rows(open_package(path, "docx"))
    titles = [r.value for r in rows if r.label.lower() == "titre"]
    assert titles == ["Le titre personnalisé"]
    assert ("contribution", "vie-locale") in {(r.label, r.value) for r in rows}


def test_a_libreoffice_files_properties_take_the_initial_author(tmp_path):
    path = tmp_path / "n.odt"
    _replace(REPOSITORY / "templates/note-modele.odt", path, "meta.xml", ODF_META)
    assert _rows(path, "odt") == {"CRPV": "alpha", "titre": "Un bal sur la dalle",
                                  "auteurs": "Léa Roux", "themes": "fetes, ecoles"}
