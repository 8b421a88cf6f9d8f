"""The PDF as an accessible publication, checked on the real file: the pdfua
package's machine checks, then what it does not cover (structure tree read with
pikepdf, fonts with poppler's pdffonts, the TOC against the PDF's own outline)."""

import re
import shutil
import subprocess
from itertools import pairwise

import pdfua
import pikepdf
import pytest
from pypdf import PdfReader

from pipeline.outputs.pdf import struct_elements


@pytest.fixture(scope="module")
def pdf_path(built_petit):
    return built_petit / "build/vie-locale/vie-locale.pdf"


@pytest.fixture(scope="module")
def structure(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        yield pdf, list(struct_elements(pdf.Root.StructTreeRoot))


def test_pdfua_machine_checks_find_nothing(pdf_path):
    report = pdfua.validate(str(pdf_path))
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []


def test_language_title_and_tagging(structure):
    pdf, _ = structure
    assert str(pdf.Root.Lang) == "fr"
    assert pdf.Root.MarkInfo.Marked
    assert pdf.Root.ViewerPreferences.DisplayDocTitle
    assert str(pdf.open_metadata().get("dc:title")).startswith("La vie locale")


def test_headings_nest_without_gaps_and_are_not_empty(structure):
    _, elements = structure
    headings = [e for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
    levels = [int(str(e.S)[2]) for e in headings]
    assert levels[0] == 1
    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert jumps == []
    assert all(e.get("/K") is not None for e in headings)


def test_every_figure_has_alternative_text(structure):
    _, elements = structure
    figures = [e for e in elements if str(e.S) == "/Figure"]
    assert figures, "the method chapter has charts"
    assert all(str(e.get("/Alt", "")).strip() for e in figures)
    assert any("Centre Alpha, 3" in str(e.Alt) for e in figures)


def test_table_headers_are_tagged_and_associated(structure):
    _, elements = structure
    headers = [e for e in elements if str(e.S) == "/TH"]
    cells = [e for e in elements if str(e.S) == "/TD"]
    assert headers and cells
    ids = {str(h.ID) for h in headers}
    assert all(h.A.Scope == pikepdf.Name.Column for h in headers)
    assert all({str(x) for x in c.A.Headers} <= ids and len(c.A.Headers) for c in cells)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) absent")
def test_fonts_are_embedded(pdf_path):
    lines = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    assert all(line.split()[-5] == "yes" for line in lines), lines


def test_toc_page_numbers_match_the_pages_of_the_headings(pdf_path):
    """Each TOC line's number is the page WeasyPrint's outline gives that heading (the
    same title may head a chapter and a cross-reading section: matched in order)."""
    reader = PdfReader(pdf_path)
    bookmarks = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                bookmarks.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    printed = re.findall(r"^(.+?) ?\.{3,} ?(\d+)$", reader.pages[1].extract_text(), re.M)
    assert len(printed) >= 10
    position = 0
    for title, page in printed:
        titles = [t for t, _ in bookmarks[position:]]
        position += titles.index(title.strip())
        assert bookmarks[position] == (title.strip(), int(page))
        position += 1
