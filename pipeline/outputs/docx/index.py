"""The index of places and organisations in the DOCX: pandoc writes it as a list of
links (an entry, then the notes citing it); here each entry takes Word's « index 1 »
style, each note « index 2 » and a PAGEREF field to its note's bookmark after a dotted
tab. The fields' page numbers are written by ``pages.py`` where LibreOffice is
installed, else by Word when the reader updates the fields (F9)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

INDEX_BOOKMARK = "index-lieux"  # the heading's id in templates/document.md.j2
HEADINGS = {f"Heading{level}" for level in range(1, 10)}
STYLES = {0: "Index1", 1: "Index2"}


def index_pagerefs(body, headings: dict[str, str] | None = None) -> int:
    """Restyles the index's paragraphs and adds the PAGEREF fields; returns how many.
    ``headings`` maps a link's target (pandoc's bookmark) to its heading's own bookmark,
    which the PAGEREF names when there is one."""
    headings = headings or {}
    added = 0
    for paragraph in _index_paragraphs(body):
        properties = paragraph.find(qn("w:pPr"))
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is None:
            continue
        level_element = numbering.find(qn("w:ilvl"))
        level = int(level_element.get(qn("w:val"))) if level_element is not None else 0
        properties.remove(numbering)
        properties.find(qn("w:pStyle")).set(qn("w:val"), STYLES.get(level, "Index2"))
        link = paragraph.find(qn("w:hyperlink"))
        if level >= 1 and link is not None and link.get(qn("w:anchor")):
            paragraph.append(_run(OxmlElement("w:tab")))
            anchor = link.get(qn("w:anchor"))
            paragraph.extend(pageref(headings.get(anchor, anchor)))
            added += 1
    return added


def pageref(bookmark: str) -> list:
    """The runs of a ``PAGEREF bookmark \\h`` field, its result empty until updated."""
    instruction = OxmlElement("w:instrText")
    instruction.text = f" PAGEREF {bookmark} \\h "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [_field_char("begin"), _run(instruction), _field_char("separate"),
            _field_char("end")]


def _index_paragraphs(body) -> list:
    """The paragraphs after the index's heading, up to the next heading."""
    found, inside = [], False
    for paragraph in body.iterchildren(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = None if style is None else style.get(qn("w:val"))
        if style_id in HEADINGS:
            if inside:
                break
            names = {b.get(qn("w:name")) for b in paragraph.iter(qn("w:bookmarkStart"))}
            inside = INDEX_BOOKMARK in names
        elif inside:
            found.append(paragraph)
    return found


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return _run(element)


def _run(child):
    run = OxmlElement("w:r")
    run.append(child)
    return run
