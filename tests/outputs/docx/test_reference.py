"""The DOCX reference document follows the charter and is reproducible.

Real pandoc (through pypandoc) and real python-docx: no mocks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypandoc
import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.charter import CHARTER_PATH, Charter, load_charter
from pipeline.outputs.docx.reference import write_reference_docx

SAMPLE_MARKDOWN = """\
# Premier chapitre

Un paragraphe de texte.

> Une citation.

- un
- deux

| A | B |
|---|---|
| 1 | 2 |
"""


def _rgb(hex_color: str) -> str:
    return hex_color.lstrip("#").upper()


@pytest.fixture(scope="module")
def charter() -> Charter:
    return load_charter(CHARTER_PATH)


@pytest.fixture(scope="module")
def reference(charter: Charter, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ref") / "reference.docx"
    write_reference_docx(charter, path)
    return path


def test_heading_colour_is_primary(reference: Path, charter: Charter) -> None:
    styles = Document(str(reference)).styles
    assert str(styles["Heading 1"].font.color.rgb) == _rgb(charter.colors["primaire"])
    assert styles["Heading 1"].font.name == charter.fonts["titres"]


def test_changed_primary_colour_changes_document(charter: Charter, tmp_path: Path) -> None:
    modified = replace(charter, colors={**charter.colors, "primaire": "#123456"})
    path = tmp_path / "modified.docx"
    write_reference_docx(modified, path)
    styles = Document(str(path)).styles
    assert str(styles["Heading 1"].font.color.rgb) == "123456"
    assert str(styles["Title"].font.color.rgb) == "123456"


def test_footer_has_page_field(reference: Path) -> None:
    footer = Document(str(reference)).sections[0].footer
    assert not footer.is_linked_to_previous
    element = footer._element
    instructions = [f.get(qn("w:instr")) for f in element.iter(qn("w:fldSimple"))]
    instructions += [t.text for t in element.iter(qn("w:instrText"))]
    words = {word for instruction in instructions for word in instruction.split()}
    assert {"PAGE", "NUMPAGES"} <= words


def test_custom_styles_and_language(reference: Path, charter: Charter) -> None:
    doc = Document(str(reference))
    names = {style.name for style in doc.styles}
    assert {"Note Meta", "Encadré"} <= names
    assert doc.core_properties.language == "fr-FR"
    assert doc.core_properties.author == charter.network_name


def test_two_generations_are_byte_identical(charter: Charter, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_reference_docx(charter, first)
    write_reference_docx(charter, second)
    assert first.read_bytes() == second.read_bytes()


def test_pandoc_applies_reference_styles(reference: Path, charter: Charter, tmp_path: Path) -> None:
    out = tmp_path / "sample.docx"
    pypandoc.convert_text(
        SAMPLE_MARKDOWN,
        "docx",
        format="markdown",
        outputfile=str(out),
        extra_args=["--reference-doc", str(reference)],
    )
    doc = Document(str(out))
    by_style = {p.style.name: p for p in doc.paragraphs}
    heading = by_style["Heading 1"].style
    assert heading.font.name == charter.fonts["titres"]
    assert str(heading.font.color.rgb) == _rgb(charter.colors["primaire"])
    assert "Block Text" in by_style
    assert len(doc.tables) == 1
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.top_margin.mm) == round(charter.margins_mm["haut"])
