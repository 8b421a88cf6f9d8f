"""The finished DOCX: cover with the logo, a table of contents already filled, headers,
custom properties, reproducible bytes; and how LibreOffice renders it.

Real pandoc, python-docx, Pillow and LibreOffice: no mocks.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from pipeline.charter import CHARTER_PATH, load_charter
from pipeline.outputs.docx.pages import libreoffice
from pipeline.outputs.logo import logo_png, logo_svg
from tests.conftest import run

CONTRIBUTION = "vie-locale"
FIRST_THEME = "Les jardins partagés"
NETWORK_LINE = "Contribution du Réseau national des centres de ressources politique de la ville"
DRAFT = "PROJET — version du"
CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def _build(workspace, capsys, *options: str) -> Path:
    root = workspace("petit")
    code, _, err = run(capsys, "build", "--format", "docx", *options, "--workspace", str(root))
    assert code == 0, err
    folder = root / "build" / CONTRIBUTION / ("final" if "--final" in options else "")
    return folder / f"{CONTRIBUTION}.docx"


@pytest.fixture
def draft(built_petit: Path) -> Path:
    """The small sample's draft, from the session's build of it (read, never changed)."""
    return built_petit / "build" / CONTRIBUTION / f"{CONTRIBUTION}.docx"


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def _cover(document) -> list:
    """The body's paragraphs before the first chapter (the table of contents, inside a
    content control, is not among python-docx's paragraphs)."""
    paragraphs = document.paragraphs
    first_chapter = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    return paragraphs[:first_chapter]


def _body_headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style.name in ("Heading 1", "Heading 2")]


def _field_result(body, instruction_word: str) -> list[tuple]:
    """The paragraphs holding the result of the first ``instruction_word`` field, each
    as (paragraph element, text of the result in it); nested fields' results count."""
    entries, paragraph, texts = [], None, []
    depth, in_result = 0, False
    tags = (qn("w:p"), qn("w:fldChar"), qn("w:instrText"), qn("w:t"), qn("w:tab"))
    for element in body.iter(*tags):
        if element.tag == qn("w:p"):
            if in_result:
                entries.append((paragraph, "".join(texts)))
            paragraph, texts = element, []
        elif depth == 0:
            if element.tag == qn("w:instrText") and \
                    element.text.split()[:1] == [instruction_word]:
                depth = 1
        elif element.get(qn("w:fldCharType")) == "begin":
            depth += 1
        elif element.get(qn("w:fldCharType")) == "separate" and depth == 1:
            in_result = True
        elif element.get(qn("w:fldCharType")) == "end":
            depth -= 1
            if depth == 0:
                return [*entries, (paragraph, "".join(texts))]
        elif in_result and element.tag == qn("w:t"):
            texts.append(element.text or "")
        elif in_result and element.tag == qn("w:tab") and \
                element.getparent().tag == qn("w:r"):  # not a tab stop
            texts.append("\t")
    raise AssertionError(f"no complete {instruction_word} field")


# --- cover ---------------------------------------------------------------------------


def test_the_cover_has_the_logo_the_title_and_the_recipient(draft):
    document = docx.Document(str(draft))
    cover = _cover(document)
    assert cover[0]._p.findall(f".//{qn('w:drawing')}")  # the logo comes first
    assert document.inline_shapes, "no picture in the document"
    assert 6 <= document.inline_shapes[0].width.cm <= 8
    styled = [(p.style.name, p.text) for p in cover]
    assert ("Title", "La vie locale") in styled
    assert ("Subtitle", "Un essai de contribution") in styled
    texts = [text for _, text in styled]
    assert NETWORK_LINE in texts
    assert "À l’attention de\u00a0: ANCT" in texts
    assert "2025" in texts
    assert texts.index("La vie locale") < texts.index(NETWORK_LINE)
    marks = [r for p in cover for r in p.runs if r.text.startswith(DRAFT)]
    assert len(marks) == 1
    assert marks[0].bold and str(marks[0].font.color.rgb) == "C00000"


def test_the_cover_has_no_header_or_footer_and_the_other_pages_have_them(draft):
    section = docx.Document(str(draft)).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    assert "".join(p.text for p in section.first_page_footer.paragraphs) == ""
    assert not section.first_page_footer._element.findall(f".//{qn('w:fldSimple')}")
    assert DRAFT in " ".join(p.text for p in section.header.paragraphs)
    footer = section.footer._element
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    instructions += [t.text for t in footer.iter(qn("w:instrText"))]
    assert {"PAGE", "NUMPAGES"} <= {word for i in instructions for word in i.split()}


# --- table of contents ---------------------------------------------------------------


def test_the_table_of_contents_is_a_field_already_listing_the_headings(draft):
    document = docx.Document(str(draft))
    body = document.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert r'TOC \o "1-2" \h \z \u' in instructions
    entries = _field_result(body, "TOC")
    headings = _body_headings(document)
    assert len(headings) > 10
    assert [text.split("\t")[0] for _, text in entries] == [text for _, text in headings]
    if libreoffice() is None:  # no page number is invented: left to Word (F9)
        assert all(text.endswith("\t") for _, text in entries)
    else:  # the page numbers LibreOffice laid out (pipeline/outputs/docx/pages.py), in order
        pages = [int(text.rsplit("\t", 1)[1]) for _, text in entries]
        assert pages == sorted(pages) and pages[0] >= 2
    styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p, _ in entries]
    assert styles == [f"TOC{style[-1]}" for style, _ in headings]


def test_each_entry_links_to_its_heading_with_a_page_reference(draft):
    body = docx.Document(str(draft)).element.body
    bookmarks = {b.get(qn("w:name")): b for b in body.iter(qn("w:bookmarkStart"))}
    entries = _field_result(body, "TOC")
    for paragraph, text in entries:
        link = paragraph.find(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert anchor in bookmarks
        target = bookmarks[anchor].getparent()  # a bookmark of its own, in the heading
        assert "".join(t.text for t in target.iter(qn("w:t"))) == text.rsplit("\t", 1)[0]
        pageref = [t.text.split() for t in link.iter(qn("w:instrText"))]
        assert pageref == [["PAGEREF", anchor, r"\h"]]


def test_the_table_has_its_title_on_a_new_page_and_its_styles(draft):
    document = docx.Document(str(draft))
    body = document.element.body
    headings = [p for p in body.iter(qn("w:p"))
                if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
                and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "TOCHeading"]
    assert len(headings) == 1
    assert "".join(t.text for t in headings[0].iter(qn("w:t"))) == "Sommaire"
    assert headings[0].find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    ids = {style.style_id for style in document.styles}
    assert {"TOC1", "TOC2", "TOCHeading"} <= ids


def test_word_is_not_asked_to_update_fields(draft):
    assert "updateFields" not in _part(draft, "word/settings.xml")
    assert "w:dirty" not in _part(draft, "word/document.xml")


# --- properties and bytes ------------------------------------------------------------


def _custom_properties(path: Path) -> dict[str, str]:
    root = ElementTree.fromstring(_part(path, "docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(f"{CUSTOM_NS}property")}


def test_custom_properties_hold_the_contribution_and_the_build(draft):
    markdown = draft.with_suffix(".md").read_text(encoding="utf-8")
    build_id = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:12]
    assert _custom_properties(draft) == {"contribution": CONTRIBUTION, "build": build_id,
                                         "version": "projet"}
    assert "application/vnd.openxmlformats-officedocument.custom-properties+xml" in \
        _part(draft, "[Content_Types].xml")
    assert "relationships/custom-properties" in _part(draft, "_rels/.rels")
    document = docx.Document(str(draft))
    assert document.core_properties.title == "La vie locale"  # kept


def test_a_final_build_has_no_draft_mark_anywhere(built_petit_final):
    assert built_petit_final.code == 0, built_petit_final.err
    path = built_petit_final.root / "build" / CONTRIBUTION / "final" / f"{CONTRIBUTION}.docx"
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                assert "PROJET" not in package.read(name).decode("utf-8"), name
    assert _custom_properties(path)["version"] == "finale"
    section = docx.Document(str(path)).sections[0]
    assert "".join(p.text for p in section.header.paragraphs) == ""


def test_two_builds_of_the_same_inputs_are_byte_identical(workspace, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714564800")  # the build date is in the DOCX
    first = _build(workspace, capsys)
    second = _build(workspace, capsys)
    assert first != second
    assert first.read_bytes() == second.read_bytes()


# --- the logo ------------------------------------------------------------------------


def test_the_logo_svg_stands_alone():
    charter = load_charter(CHARTER_PATH)
    svg = logo_svg(charter)
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and len(root.get("viewBox").split()) == 4
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert charter.network_acronym in title.text and charter.network_name in title.text
    assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert charter.colors["primaire"] in svg and charter.colors["secondaire"] in svg


def test_the_logo_png_is_the_same_on_every_run():
    charter = load_charter(CHARTER_PATH)
    data = logo_png(charter, width_px=600)
    assert data == logo_png(charter, width_px=600)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.width == 600 and image.height < 300
    assert not image.info  # no date, no software name


# --- LibreOffice ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: cannot render the DOCX")
def test_libreoffice_renders_the_docx_with_its_table_of_contents(draft, tmp_path):
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: runs beside others
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out), str(draft)],
                          capture_output=True, text=True, timeout=300, check=False)
    pdf = out / f"{CONTRIBUTION}.pdf"
    assert pdf.is_file(), done.stdout + done.stderr
    assert len(PdfReader(pdf).pages) >= 5

    def text(*pages: str) -> str:
        return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout

    assert FIRST_THEME in text()
    cover, contents = text("-f", "1", "-l", "1"), text("-f", "2", "-l", "2")
    assert "La vie locale" in cover and "ANCT" in cover
    assert cover.count(DRAFT) == 1  # on the cover itself, not in a header
    assert "page 1 /" not in cover  # no footer either
    assert contents.count(DRAFT) == 1 and "page 2 /" in contents  # header and footer
    assert "Sommaire" in contents and "Un jardin au pied des tours" in contents
