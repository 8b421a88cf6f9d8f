"""Word's XML (WordprocessingML), where python-docx has no API for it: elements made
with their attributes, children put at their schema position (Word rejects a
document whose elements are misordered), bookmarks and paragraph borders. Used by
the reference document (``reference.py``), the finishing pass (``finish.py``) and the
note bookmarks (``anchors.py``)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Schema order of children.
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


def element(tag: str, children=(), **attributes: str):
    """``<w:tag w:name="value"…>children</w:tag>``."""
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    for child in children:
        made.append(child)
    return made


def child(parent, tag: str, order: tuple[str, ...]):
    """Return parent's ``w:tag`` child, creating it at its schema position."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    made = OxmlElement(f"w:{tag}")
    later = {qn(f"w:{name}") for name in order[order.index(tag) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(made)
            return made
    parent.append(made)
    return made


def set_border(ppr, side: str, rgb: str, *, size: int, space: int) -> None:
    """A paragraph's border on ``side`` (``rgb``: RRGGBB), ``size`` in eighths of a
    point, ``space`` (to the text) in points."""
    border = child(child(ppr, "pBdr", PPR_ORDER), side, PBDR_ORDER)
    border.attrib.clear()
    for name, value in (("val", "single"), ("sz", str(size)), ("space", str(space)),
                        ("color", rgb)):
        border.set(qn(f"w:{name}"), value)


def add_bookmark(first, name: str, bookmark_id: int, last=None) -> None:
    """A bookmark from the start of paragraph ``first`` to the end of ``last`` (by
    default, ``first`` itself)."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    properties = first.find(qn("w:pPr"))
    if properties is None:
        first.insert(0, start)
    else:
        properties.addnext(start)
    (first if last is None else last).append(element("w:bookmarkEnd", id=str(bookmark_id)))
