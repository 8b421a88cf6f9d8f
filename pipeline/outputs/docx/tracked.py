"""The tracked changes of ``<id>-changements.docx`` made whole: pandoc's DOCX writer
marks the words inserted or deleted (``w:ins``/``w:del``) but neither the paragraph
mark of a paragraph added or removed whole — Accept All would leave an empty
paragraph where one was removed, Reject All one where one was added — nor ids unique
across revisions (it numbers insertions and deletions apart, from the bookmarks'
numbers). Here each paragraph whose every run is inserted (deleted) gets its mark
inserted (deleted) too (``w:pPr/w:rPr/w:ins``), and every revision a number of its
own, after the bookmarks' (Word checks one space for both; LibreOffice keeps the
first of two revisions with the same id)."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from pipeline.outputs.docx import ooxml

REVISIONS = (qn("w:ins"), qn("w:del"))
CONTENT = {qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br"), qn("w:drawing"),
           qn("w:sym"), qn("w:noBreakHyphen"), qn("w:softHyphen")}
MARK_ORDER = ("ins", "del", "moveFrom", "moveTo")  # first children of a paragraph mark's rPr


def whole_paragraphs(body: etree._Element) -> int:
    """Each paragraph inserted or deleted whole gets its paragraph mark tracked as such;
    then every revision gets an id of its own. Returns the next free id (for the
    footnotes' revisions)."""
    for paragraph in list(body.iter(qn("w:p"))):
        change = whole_change(paragraph)
        if change is not None:
            _track_mark(_mark_holder(paragraph, change), change)
    for row in body.iter(qn("w:tr")):
        _track_row(row)
    bookmarks = [int(b.get(qn("w:id"), "0")) for b in body.iter(qn("w:bookmarkStart"))
                 if b.get(qn("w:id"), "").isdigit()]
    return renumber(body, max(bookmarks, default=0) + 1)


def _track_row(row: etree._Element) -> None:
    """A table row whose every paragraph is inserted (deleted) is inserted (deleted)
    as a row: a cell's last paragraph mark cannot go, the row can."""
    changes = [whole_change(p) for p in row.iter(qn("w:p")) if _has_content(p)]
    if not changes or any(c is None for c in changes) or \
            len({c.tag for c in changes}) != 1:
        return
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = ooxml.element("w:trPr")
        before = row.find(qn("w:tblPrEx"))
        if before is not None:
            before.addnext(properties)
        else:
            row.insert(0, properties)
    kind = etree.QName(changes[0]).localname
    properties.append(ooxml.element(f"w:{kind}", author=changes[0].get(qn("w:author"), ""),
                                    date=changes[0].get(qn("w:date"), "")))


def _has_content(paragraph: etree._Element) -> bool:
    return any(child.tag in CONTENT for run in paragraph.iter(qn("w:r")) for child in run)


def whole_change(paragraph: etree._Element) -> etree._Element | None:
    """The ``w:ins`` (``w:del``) all of the paragraph's content is in, if it is."""
    found = None
    for run in paragraph.iter(qn("w:r")):
        if not any(child.tag in CONTENT for child in run):
            continue  # a field's mark, an empty run: says nothing
        change = next((a for a in run.iterancestors() if a.tag in REVISIONS or a is paragraph),
                      None)
        if change is None or change is paragraph:
            return None
        if found is not None and found.tag != change.tag:
            return None
        found = found if found is not None else change
    return found


def _mark_holder(paragraph: etree._Element, change: etree._Element) -> etree._Element:
    """The paragraph whose mark goes with it: its own, but before a table or at the end
    of its text (a document's or a cell's last paragraph mark cannot go, a paragraph
    cannot be joined to a table) the mark of the untouched paragraph before the run of
    paragraphs changed alike: joined to them, it keeps its text."""
    following = _sibling(paragraph, forward=True)
    if following is not None and following.tag not in (qn("w:sectPr"), qn("w:tbl")):
        return paragraph
    previous = _sibling(paragraph, forward=False)
    while previous is not None and previous.tag == qn("w:p"):
        other = whole_change(previous)
        if other is None:
            return previous
        if other.tag != change.tag:
            break
        previous = _sibling(previous, forward=False)
    return paragraph


def _sibling(element: etree._Element, *, forward: bool) -> etree._Element | None:
    """The next (previous) sibling that is not a bookmark's start or end."""
    sibling = element.getnext() if forward else element.getprevious()
    while sibling is not None and sibling.tag in (qn("w:bookmarkEnd"), qn("w:bookmarkStart")):
        sibling = sibling.getnext() if forward else sibling.getprevious()
    return sibling


def _track_mark(paragraph: etree._Element, change: etree._Element) -> None:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = ooxml.element("w:pPr")
        paragraph.insert(0, properties)
    run_properties = ooxml.child(properties, "rPr", ooxml.PPR_ORDER)
    if any(run_properties.find(qn(f"w:{tag}")) is not None for tag in MARK_ORDER):
        return
    kind = etree.QName(change).localname
    mark = ooxml.element(f"w:{kind}", author=change.get(qn("w:author"), ""),
                         date=change.get(qn("w:date"), ""))
    run_properties.insert(0, mark)


def renumber(root: etree._Element, number: int) -> int:
    """Revisions numbered from ``number`` on, each its own; returns the next free one."""
    for element in root.iter(*REVISIONS, qn("w:moveFrom"), qn("w:moveTo")):
        element.set(qn("w:id"), str(number))
        number += 1
    return number
