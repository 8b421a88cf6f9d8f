"""The index of places and organisations in the DOCX: pandoc writes it as a list, an
entry per item (its name, then a link to each note citing it); here each entry takes
Word's « index 1 » style and each link becomes a PAGEREF field to its note's bookmark,
so that the entry reads as in a book: « Rennes : 12, 15, 31 ». The fields' page numbers
are written by ``pages.py`` where LibreOffice is installed, else by Word when the
reader updates the fields (F9)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

INDEX_BOOKMARK = "index-lieux"  # the heading's id in templates/document.md.j2
HEADINGS = {f"Heading{level}" for level in range(1, 10)}
STYLES = {0: "Index1", 1: "Index2"}


def index_pagerefs(body, headings: dict[str, str] | None = None) -> int:
    """Restyles the index's paragraphs and turns their links into PAGEREF fields;
    returns how many. ``headings`` maps a link's target (pandoc's bookmark) to its
    heading's own bookmark, which the PAGEREF names when there is one."""
    headings = headings or {}
    added = 0
    for paragraph in _index_paragraphs(body):
        properties = paragraph.find(qn("w:pPr"))
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is None:
            continue
        properties.remove(numbering)
        properties.find(qn("w:pStyle")).set(qn("w:val"), STYLES[0])
        for link in list(paragraph.iter(qn("w:hyperlink"))):
            anchor = link.get(qn("w:anchor"))
            if not anchor:
                continue
            parent = link.getparent()
            at = parent.index(link)
            parent.remove(link)  # the note's title goes: its page number stands for it
            for offset, run in enumerate(pageref(headings.get(anchor, anchor))):
                parent.insert(at + offset, run)
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
