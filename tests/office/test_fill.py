"""Filling the Word and LibreOffice templates' metadata table (``new-note --format``):
the value cell of each named field, nothing else."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

from pipeline.office.fill import TABLE_NS, filled_template
from pipeline.office.template import table_value
from pipeline.schema import NOTE_FIELDS
from tests.conftest import REPOSITORY

TEMPLATES = REPOSITORY / "templates"
VALUES = {"titre": "Un atelier vidéo", "crpv": "alpha", "date": "12/03/2024"}


def _table(rows: list[list[str]]) -> dict[str, str]:
    return {" ".join(cells[0].split()): " ".join(cells[1].split()) for cells in rows
            if len(cells) >= 2}


def _expected() -> dict[str, str]:
    labels = {spec.name: spec.label or spec.name for spec in NOTE_FIELDS}
    table = {labels[spec.name]: table_value(spec) for spec in NOTE_FIELDS}
    return {**table, **{labels[name]: value for name, value in VALUES.items()}}


def test_the_word_template_gets_its_values_and_keeps_the_rest():
    data = filled_template(TEMPLATES / "note-modele.docx", VALUES)
    document = docx.Document(io.BytesIO(data))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    found = _table(rows[1:])
    assert found == _expected()
    assert next(p.text for p in document.paragraphs if p.style.name == "Heading 2") == "Contexte"


def test_the_libreoffice_template_gets_its_values_and_stays_an_opendocument():
    data = filled_template(TEMPLATES / "note-modele.odt", VALUES)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        first = package.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        content = etree.fromstring(package.read("content.xml"))
    table = next(content.iter(f"{{{TABLE_NS}}}table"))
    rows = [["".join(cell.itertext()) for cell in row.iter(f"{{{TABLE_NS}}}table-cell")]
            for row in table.iter(f"{{{TABLE_NS}}}table-row")]
    assert _table(rows[1:]) == _expected()
