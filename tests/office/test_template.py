"""The Word and LibreOffice note templates: made from the schema by a committed
script, byte for byte, with the metadata table and the recommended sections."""

from __future__ import annotations

from pathlib import Path

import docx

from pipeline.office.template import HEADER, make_templates
from pipeline.schema import NOTE_FIELDS
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY

TEMPLATES = REPOSITORY / "templates"


def test_the_committed_templates_are_what_the_script_makes(workspace, tmp_path: Path):
    made = make_templates(Workspace(workspace("petit")), tmp_path)
    for path in made:
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), (
            f"{path.name} is out of date: run python -m pipeline.office.template")


def test_the_word_template_has_the_fields_table_and_the_sections():
    document = docx.Document(str(TEMPLATES / "note-modele.docx"))
    table = document.tables[0]
    labels = [row.cells[0].text for row in table.rows]
    assert labels == [HEADER[0], *(spec.label for spec in NOTE_FIELDS)]
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert sections == ["Contexte", "Ce qui a été observé", "Acteurs", "Enseignements"]
