"""Build pandoc's DOCX reference document (``--reference-doc``) from the charter.

We start from pandoc's own default ``reference.docx`` so that every style pandoc
emits already exists, then restyle it from ``templates/charte/charte.yaml``.
The output is byte-reproducible: fixed core dates, fixed zip timestamps and order.

Usage: ``python -m pipeline.outputs.docx.reference OUT.docx``
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pypandoc
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle

from pipeline.charter import CHARTER_PATH, Charter, load_charter
from pipeline.files import normalized_zip
from pipeline.outputs import contract as draft_contract
from pipeline.outputs.contract import style_id

LANGUAGE = "fr-FR"
# Fixed so that two runs give the same bytes (python-docx and zip would use "now").
FIXED_DATE = datetime(2000, 1, 1)
PAGE_SIZES_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}
HEADER_FOOTER_DISTANCE_MM = 10

# Schema order of children: Word rejects a document whose elements are misordered.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
    "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
    "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath",
)  # fmt: skip
PBDR_ORDER = ("top", "left", "bottom", "right", "between", "bar")

BODY_STYLES = (
    "Normal", "Body Text", "First Paragraph", "Compact", "Block Text", "Footnote Text",
    "Abstract", "Bibliography", "Definition Term", "Definition", "Caption",
)  # fmt: skip


# --- low-level XML helpers -------------------------------------------------------


def _child(parent, tag: str, order: tuple[str, ...]):
    """Return parent's ``w:tag`` child, creating it at its schema position."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{tag}")
    later = {qn(f"w:{name}") for name in order[order.index(tag) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(element)
            return element
    parent.append(element)
    return element


def _rgb(hex_color: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", hex_color):
        raise ValueError(f"colour must be #RRGGBB, got {hex_color!r}")
    return hex_color[1:].upper()


def _set_font(rpr, name: str) -> None:
    fonts = _child(rpr, "rFonts", RPR_ORDER)
    fonts.attrib.clear()  # theme attributes (asciiTheme...) would win over names
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _set_size(rpr, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    for tag in ("sz", "szCs"):
        _child(rpr, tag, RPR_ORDER).set(qn("w:val"), half_points)


def _set_color(rpr, hex_color: str) -> None:
    color = _child(rpr, "color", RPR_ORDER)
    color.attrib.clear()  # themeColor/themeShade would win over w:val
    color.set(qn("w:val"), _rgb(hex_color))


def _set_italic(rpr) -> None:
    for tag in ("i", "iCs"):
        _child(rpr, tag, RPR_ORDER).attrib.clear()  # no w:val means "on"


def _set_lang(rpr) -> None:
    _child(rpr, "lang", RPR_ORDER).set(qn("w:val"), LANGUAGE)


def _set_border(ppr, side: str, hex_color: str) -> None:
    borders = _child(ppr, "pBdr", PPR_ORDER)
    border = _child(borders, side, PBDR_ORDER)
    border.attrib.clear()
    # sz in eighths of a point (3 pt rule), space in points (gap to the text).
    for attr, value in (("val", "single"), ("sz", "24"), ("space", "8")):
        border.set(qn(f"w:{attr}"), value)
    border.set(qn("w:color"), _rgb(hex_color))


def _set_shading(ppr, hex_color: str) -> None:
    shading = _child(ppr, "shd", PPR_ORDER)
    shading.attrib.clear()
    for attr, value in (("val", "clear"), ("color", "auto"), ("fill", _rgb(hex_color))):
        shading.set(qn(f"w:{attr}"), value)


# --- style helpers -------------------------------------------------------------


def _rpr(style: BaseStyle):
    return style.element.get_or_add_rPr()


def _ppr(style: BaseStyle):
    return style.element.get_or_add_pPr()


def _find_style(doc: DocxDocument, name: str) -> BaseStyle | None:
    # Not doc.styles[name]: it maps "Caption" to Word's built-in "caption", while
    # pandoc names it "Caption", and then falls back to a deprecated id lookup.
    return next((style for style in doc.styles if style.name == name), None)


def _style(doc: DocxDocument, name: str) -> BaseStyle:
    style = _find_style(doc, name)
    if style is None:
        raise KeyError(f"no style named {name!r} in the reference document")
    return style


def _with_linked(doc: DocxDocument, name: str) -> list[BaseStyle]:
    """The style plus its linked "<name> Char" style, so both look the same in Word."""
    found = (_find_style(doc, n) for n in (name, f"{name} Char"))
    return [style for style in found if style is not None]


def _ensure_style(doc: DocxDocument, name: str, style_id: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    existing = _find_style(doc, name)
    if existing is not None:
        return existing
    style = doc.styles.add_style(name, kind)
    style.style_id = style_id  # ASCII ids; header/footer templates expect "Header"/"Footer"
    style.base_style = _style(doc, "Normal")
    style.quick_style = True
    return style


def _small_size(charter: Charter) -> float:
    return max(charter.sizes_pt["texte"] - 1.5, 7.0)


# --- charter application -----------------------------------------------------------


def _apply_defaults(doc: DocxDocument, charter: Charter) -> None:
    """docDefaults and Normal: body font, size, colour and French language."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = _child(_child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ("rPr",))
    _set_font(rpr, charter.fonts["texte"])
    _set_size(rpr, charter.sizes_pt["texte"])
    _set_lang(rpr)
    normal = _rpr(_style(doc, "Normal"))
    _set_size(normal, charter.sizes_pt["texte"])
    _set_color(normal, charter.colors["texte"])
    _set_lang(normal)
    for name in BODY_STYLES:
        _set_font(_rpr(_style(doc, name)), charter.fonts["texte"])
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _apply_titles(doc: DocxDocument, charter: Charter) -> None:
    for name in ("Title", "Subtitle"):
        _no_hyphenation(_style(doc, name))
    for name, size, color in (
        ("Title", "titre_document", "primaire"),
        ("Subtitle", "sous_titre_document", "secondaire"),
    ):
        for style in _with_linked(doc, name):
            _set_font(_rpr(style), charter.fonts["titres"])
            _set_size(_rpr(style), charter.sizes_pt[size])
            _set_color(_rpr(style), charter.colors[color])
    toc = _rpr(_style(doc, "TOC Heading"))
    _set_font(toc, charter.fonts["titres"])
    _set_color(toc, charter.colors["primaire"])


def _apply_headings(doc: DocxDocument, charter: Charter) -> None:
    for level in range(1, 10):
        size = charter.sizes_pt.get(f"titre_{level}")
        for style in _with_linked(doc, f"Heading {level}"):
            _set_font(_rpr(style), charter.fonts["titres"])
            _set_color(_rpr(style), charter.colors["primaire"])
            if size is not None:
                _set_size(_rpr(style), size)
        _keep(_style(doc, f"Heading {level}"), with_next=True)
    h1 = _style(doc, "Heading 1").paragraph_format
    h1.page_break_before = True  # each top-level section starts a page
    h1.space_before = Pt(0)
    h1.space_after = Pt(12)


def _apply_code(doc: DocxDocument, charter: Charter) -> None:
    source = _ensure_style(doc, "Source Code", "SourceCode")
    for style in (_style(doc, "Verbatim Char"), source):
        _set_font(_rpr(style), charter.fonts["chasse_fixe"])
        _set_size(_rpr(style), _small_size(charter))


def _apply_accents(doc: DocxDocument, charter: Charter) -> None:
    """Quotes, captions, links, footnotes."""
    quote = _style(doc, "Block Text")
    _set_border(_ppr(quote), "left", charter.colors["secondaire"])
    _set_italic(_rpr(quote))
    caption = _rpr(_style(doc, "Caption"))
    _set_color(caption, charter.colors["discret"])
    _set_size(caption, _small_size(charter))
    _set_color(_rpr(_style(doc, "Hyperlink")), charter.colors["primaire"])
    _set_size(_rpr(_style(doc, "Footnote Text")), _small_size(charter))


def _apply_custom_styles(doc: DocxDocument, charter: Charter) -> None:
    """Styles the pipeline uses through pandoc's ``custom-style``."""
    names = draft_contract.current()
    meta = _ensure_style(doc, names.note_meta, style_id(names.note_meta))
    _set_size(_rpr(meta), _small_size(charter))
    _set_color(_rpr(meta), charter.colors["discret"])
    _set_shading(_ppr(meta), charter.colors["fond_encadre"])
    _keep(meta, with_next=True)  # a note's information stays with its text
    callout = _ensure_style(doc, "Encadré", "Encadre")
    _set_shading(_ppr(callout), charter.colors["fond_encadre"])
    _set_border(_ppr(callout), "left", charter.colors["primaire"])
    _keep(callout, with_next=True)  # the box's paragraphs stay on one page
    description = _ensure_style(doc, "Theme Description", "ThemeDescription")
    _set_italic(_rpr(description))
    _set_color(_rpr(description), charter.colors["discret"])
    _keep(description, with_next=True)
    missing = _ensure_style(doc, "Image manquante", "ImageManquante")
    _set_color(_rpr(missing), "#B00020")
    _set_border(_ppr(missing), "left", "#B00020")
    _keep(missing, with_next=False)
    _apply_index_styles(doc, charter)
    see_also = _ensure_style(doc, names.see_also, style_id(names.see_also))
    _set_size(_rpr(see_also), _small_size(charter))
    _set_border(_ppr(see_also), "top", charter.colors["secondaire"])
    apply_toc_styles(doc, charter)


def _keep(style: BaseStyle, *, with_next: bool) -> None:
    """Keep the paragraph's lines together (and with the next paragraph), unhyphenated."""
    style.paragraph_format.keep_together = True
    if with_next:
        style.paragraph_format.keep_with_next = True
    _no_hyphenation(style)


def _no_hyphenation(style: BaseStyle) -> None:
    _child(_ppr(style), "suppressAutoHyphens", PPR_ORDER)


def _apply_index_styles(doc: DocxDocument, charter: Charter) -> None:
    """Word's built-in index styles, for the index of places and organisations
    (pipeline/outputs/docx/index.py): an entry, then its notes with a dotted tab to
    their page number."""
    for level in (1, 2):
        style = _ensure_style(doc, f"index {level}", f"Index{level}")
        style.element.attrib.pop(qn("w:customStyle"), None)
        style.quick_style = False
        _set_font(_rpr(style), charter.fonts["texte"])
        paragraph = style.paragraph_format
        paragraph.tab_stops.clear_all()
        paragraph.tab_stops.add_tab_stop(Mm(_text_width_mm(charter)), WD_TAB_ALIGNMENT.RIGHT,
                                         WD_TAB_LEADER.DOTS)
        paragraph.left_indent = Mm(0 if level == 1 else 6)
        paragraph.space_before = Pt(5 if level == 1 else 0)
        paragraph.space_after = Pt(1)
        _keep(style, with_next=level == 1)
        if level == 2:
            _set_size(_rpr(style), _small_size(charter))


def _text_width_mm(charter: Charter) -> float:
    width = _page_size_mm(charter)[0]
    return width - charter.margins_mm["gauche"] - charter.margins_mm["droite"]


def apply_toc_styles(doc: DocxDocument, charter: Charter) -> None:
    """Entries of the table of contents that ``docx_finish`` fills: level 1 bold in the
    primary colour, level 2 indented, both with a dotted right tab at the text width."""
    for level in (1, 2):
        # Word's built-in names are lower case ("toc 1"); Word shows them as "TOC 1".
        style = _ensure_style(doc, f"toc {level}", f"TOC{level}")
        style.element.attrib.pop(qn("w:customStyle"), None)
        style.quick_style = False
        style.next_paragraph_style = _style(doc, "Normal")
        style.base_style = _style(doc, "Normal")
        _set_font(_rpr(style), charter.fonts["texte"])
        paragraph = style.paragraph_format
        paragraph.tab_stops.clear_all()
        paragraph.tab_stops.add_tab_stop(Mm(_text_width_mm(charter)), WD_TAB_ALIGNMENT.RIGHT,
                                         WD_TAB_LEADER.DOTS)
        paragraph.right_indent = Mm(0)
        if level == 1:
            style.font.bold = True
            _set_color(_rpr(style), charter.colors["primaire"])
            paragraph.space_before = Pt(9)
            paragraph.space_after = Pt(3)
            paragraph.keep_with_next = True
        else:
            paragraph.left_indent = Mm(6)
            paragraph.space_before = Pt(0)
            paragraph.space_after = Pt(2)


def _apply_header_footer_styles(doc: DocxDocument, charter: Charter) -> None:
    for name in ("Header", "Footer"):
        style = _ensure_style(doc, name, name)
        style.element.attrib.pop(qn("w:customStyle"), None)  # built-in Word styles
        _set_size(_rpr(style), _small_size(charter))
        _set_color(_rpr(style), charter.colors["discret"])
    _style(doc, "Footer").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _append_field(paragraph, instruction: str) -> None:
    """A real Word field; "1" is only the cached value shown before update."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_size_mm(charter: Charter) -> tuple[float, float]:
    try:
        return PAGE_SIZES_MM[charter.page_size.upper()]
    except KeyError:
        raise ValueError(f"unsupported page size {charter.page_size!r}") from None


def _apply_sections(doc: DocxDocument, charter: Charter) -> None:
    width, height = _page_size_mm(charter)
    margins = charter.margins_mm
    for section in doc.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(margins["haut"]), Mm(margins["bas"])
        section.left_margin, section.right_margin = Mm(margins["gauche"]), Mm(margins["droite"])
        section.header_distance = section.footer_distance = Mm(HEADER_FOOTER_DISTANCE_MM)
        section.gutter = Mm(0)
        _fill_header_footer(section)


def _fill_header_footer(section) -> None:
    # Unlinking creates the parts from python-docx templates: one empty paragraph
    # styled "Header" / "Footer". The header stays empty for the pipeline to fill.
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.add_run("page ")
    _append_field(footer, "PAGE")
    footer.add_run(" / ")
    _append_field(footer, "NUMPAGES")


def _apply_core_properties(doc: DocxDocument, charter: Charter) -> None:
    props = doc.core_properties
    props.title = ""
    props.author = charter.network_name
    props.last_modified_by = charter.network_name
    props.language = LANGUAGE
    props.created = props.modified = FIXED_DATE


# --- I/O -------------------------------------------------------------------------


def _pandoc_default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    command = [pandoc, "--print-default-data-file", "reference.docx"]
    return subprocess.run(command, check=True, capture_output=True).stdout


def write_reference_docx(charter: Charter, out_path: Path) -> None:
    """Write pandoc's reference DOCX styled from ``charter`` to ``out_path``."""
    doc = Document(io.BytesIO(_pandoc_default_reference()))
    for apply in (
        _apply_defaults,
        _apply_titles,
        _apply_headings,
        _apply_code,
        _apply_accents,
        _apply_custom_styles,
        _apply_header_footer_styles,
        _apply_sections,
        _apply_core_properties,
    ):
        apply(doc, charter)
    buffer = io.BytesIO()
    doc.save(buffer)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(normalized_zip(buffer.getvalue()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="DOCX file to write")
    args = parser.parse_args(argv)
    write_reference_docx(load_charter(CHARTER_PATH), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
