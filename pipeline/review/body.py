"""One walk through the draft's body: each paragraph (its text as the pipeline wrote
it, its style, the bookmarks around it), where each comment starts and what it
covers, and every tracked change."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from pipeline.outputs.contract import anchor_level
from pipeline.outputs.docx.anchors import comparable

INSERTED = {qn("w:ins"), qn("w:moveTo")}
CHANGES = {qn("w:ins"): "insertion", qn("w:del"): "suppression",
           qn("w:moveFrom"): "déplacement (départ)", qn("w:moveTo"): "déplacement (arrivée)"}
TEXT = {qn("w:t"), qn("w:delText")}


@dataclass
class Paragraph:
    element: etree._Element
    style: str
    level: int | None
    anchors: list[str]
    pieces: list[str] = field(default_factory=list)  # text as written by the pipeline

    @property
    def text(self) -> str:
        return " ".join("".join(self.pieces).split())

    def offset(self) -> int:
        return len(comparable("".join(self.pieces)))


@dataclass
class Mark:
    """Where a comment or a change starts: its paragraph and offset in it."""

    paragraph: int | None
    offset: int


@dataclass
class Change:
    kind: str
    author: str
    date: str
    text: str
    mark: Mark
    last: etree._Element


@dataclass
class Walk:
    paragraphs: list[Paragraph] = field(default_factory=list)
    comment_starts: dict[str, Mark] = field(default_factory=dict)
    comment_texts: dict[str, list[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


def walk_body(body: etree._Element, levels: dict[str, int]) -> Walk:
    state = _State(levels)
    for element in body.iter():
        if isinstance(element.tag, str):
            state.visit(element)
    return state.result


class _State:
    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.result = Walk()
        self.open: dict[str, int] = {}  # bookmark name → paragraph count when opened
        self.names: dict[str, str] = {}  # bookmark id → name
        self.active: set[str] = set()  # comments whose range is open
        self.pending: list[str] = []  # comment starts between paragraphs

    @property
    def current(self) -> Paragraph | None:
        return self.result.paragraphs[-1] if self.result.paragraphs else None

    def visit(self, element: etree._Element) -> None:
        tag = element.tag
        if tag == qn("w:p"):
            self._paragraph(element)
        elif tag == qn("w:bookmarkStart"):
            self._bookmark_start(element)
        elif tag == qn("w:bookmarkEnd"):
            self.open.pop(self.names.get(element.get(qn("w:id"), ""), ""), None)
        elif tag == qn("w:commentRangeStart"):
            self._comment_start(element.get(qn("w:id"), ""), element)
        elif tag == qn("w:commentRangeEnd"):
            self.active.discard(element.get(qn("w:id"), ""))
        elif tag == qn("w:commentReference"):
            self.result.comment_starts.setdefault(element.get(qn("w:id"), ""), self._mark())
        elif tag in CHANGES and element.find(f".//{qn('w:r')}") is not None:
            self._change(element)
        elif tag in TEXT or tag in (qn("w:tab"), qn("w:br")):
            self._text(element)

    def _mark(self) -> Mark:
        paragraph = self.current
        if paragraph is None:
            return Mark(None, 0)
        return Mark(len(self.result.paragraphs) - 1, paragraph.offset())

    def _paragraph(self, element: etree._Element) -> None:
        for comment_id in self.active:  # a range over several paragraphs
            self.result.comment_texts[comment_id].append(" ")
        style_element = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = "" if style_element is None else style_element.get(qn("w:val"), "")
        outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        level = self.levels.get(style)
        if level is None and outline is not None and outline.get(qn("w:val"), "").isdigit():
            level = int(outline.get(qn("w:val"))) + 1
        count = len(self.result.paragraphs)
        if level is not None:  # a heading ends our bookmarks as high, whatever their end
            for name, opened in list(self.open.items()):
                if opened < count and (anchor_level(name) or 0) >= level:
                    del self.open[name]
        self.result.paragraphs.append(Paragraph(element, style, level, list(self.open)))
        for comment_id in self.pending:
            self.result.comment_starts[comment_id] = Mark(count, 0)
        self.pending = []

    def _bookmark_start(self, element: etree._Element) -> None:
        name = element.get(qn("w:name"), "")
        self.names[element.get(qn("w:id"), "")] = name
        if anchor_level(name) is None or name in self.open:
            return  # not ours, or LibreOffice's second start for the same bookmark
        self.open[name] = len(self.result.paragraphs)
        if self.current is not None and self.current.element in element.iterancestors():
            self.current.anchors.append(name)

    def _comment_start(self, comment_id: str, element: etree._Element) -> None:
        self.active.add(comment_id)
        self.result.comment_texts.setdefault(comment_id, [])
        inside = self.current is not None and self.current.element in element.iterancestors()
        if inside:
            self.result.comment_starts[comment_id] = self._mark()
        else:
            self.pending.append(comment_id)

    def _text(self, element: etree._Element) -> None:
        text = (element.text or "") if element.tag in TEXT else " "
        for comment_id in self.active:
            self.result.comment_texts[comment_id].append(text)
        paragraph = self.current
        if paragraph is None or paragraph.element not in element.iterancestors():
            return
        if not any(a.tag in INSERTED for a in element.iterancestors()):
            paragraph.pieces.append(text)

    def _change(self, element: etree._Element) -> None:
        kind = CHANGES[element.tag]
        author, date = element.get(qn("w:author"), ""), element.get(qn("w:date"), "")
        text = "".join(t.text or "" for t in element.iter(*TEXT))
        last = self.result.changes[-1] if self.result.changes else None
        if last is not None and last.last is element.getprevious() and \
                (last.kind, last.author, last.date) == (kind, author, date):
            last.text += text  # Word splits one change into runs of different formats
            last.last = element
            return
        self.result.changes.append(Change(kind, author, date, text, self._mark(), element))
