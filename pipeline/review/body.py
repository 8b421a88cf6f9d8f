"""One walk through the draft's body: each paragraph (its text as the pipeline wrote
it, its style, the bookmarks around it), where each comment starts and ends and what
it covers, and every tracked change — one per reviewer's gesture: the runs and
paragraph marks (``w:pPr/w:rPr/w:ins``: a paragraph added or split, ``w:del``: two
joined) of one kind by one author with nothing untouched between them are one change,
and the two halves of a move carry the move's name."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from pipeline.outputs.contract import anchor_level
from pipeline.outputs.docx.anchors import comparable

INSERTED = {qn("w:ins"), qn("w:moveTo")}
TRACKED = {qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")}
MOVE_RANGES = {qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")}
CHANGES = {qn("w:ins"): "insertion", qn("w:del"): "suppression",
           qn("w:moveFrom"): "déplacement (départ)", qn("w:moveTo"): "déplacement (arrivée)"}
TEXT = {qn("w:t"), qn("w:delText")}
FORMATTING = {qn("w:rPrChange"), qn("w:pPrChange")}  # a run's or paragraph's format changed
FORMATTED = "mise en forme"


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
    marks: int = 0  # paragraph marks in it: a paragraph added, split, joined, moved
    move: str = ""  # the move's name (``w:moveFromRangeStart``…), both halves the same
    drawing: bool = False


@dataclass
class Walk:
    paragraphs: list[Paragraph] = field(default_factory=list)
    comment_starts: dict[str, Mark] = field(default_factory=dict)
    comment_ends: dict[str, Mark] = field(default_factory=dict)
    comment_texts: dict[str, list[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


def walk_body(body: etree._Element, levels: dict[str, int]) -> Walk:
    state = _State(levels)
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            state.visit(element)
        elif element.tag == qn("w:p"):
            state.paragraph_end(element)  # where its mark is, after its text
    return state.result


class _State:
    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.result = Walk()
        self.open: dict[str, int] = {}  # bookmark name → paragraph count when opened
        self.names: dict[str, str] = {}  # bookmark id → name
        self.active: set[str] = set()  # comments whose range is open
        self.pending: list[str] = []  # comment starts between paragraphs
        self.gap = True  # untouched text since the last change: the next is another
        self.move = ""  # the name of the move range we are in

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
            self.result.comment_ends[element.get(qn("w:id"), "")] = self._mark()
        elif tag in MOVE_RANGES:
            self.move = element.get(qn("w:name"), "")
        elif tag == qn("w:commentReference"):
            self.result.comment_starts.setdefault(element.get(qn("w:id"), ""), self._mark())
        elif tag in CHANGES and element.find(f".//{qn('w:r')}") is not None:
            self._change(element)
        elif tag in FORMATTING:
            self._formatting(element)
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
        tracked = [a.tag for a in element.iterancestors() if a.tag in TRACKED]
        if not tracked:
            self.gap = True
        if not any(tag in INSERTED for tag in tracked):
            paragraph.pieces.append(text)

    def paragraph_end(self, element: etree._Element) -> None:
        """The paragraph's mark: tracked (added, joined, moved), it belongs to the
        change around it; untouched, it separates changes."""
        mark = next((c for c in element.iterfind(f"{qn('w:pPr')}/{qn('w:rPr')}/*")
                     if c.tag in TRACKED), None)
        if mark is None:
            self.gap = True
            return
        self._change(mark, is_mark=True)

    def _formatting(self, element: etree._Element) -> None:
        """A format changed (bold, a style…): one remark per paragraph and author."""
        author, date = element.get(qn("w:author"), ""), element.get(qn("w:date"), "")
        mark = self._mark()
        last = next((c for c in reversed(self.result.changes) if c.kind == FORMATTED), None)
        if last is not None and (last.author, last.mark.paragraph) == (author, mark.paragraph):
            return
        self.result.changes.append(Change(FORMATTED, author, date, "", mark, element))

    def _change(self, element: etree._Element, is_mark: bool = False) -> None:
        kind = CHANGES[element.tag]
        author, date = element.get(qn("w:author"), ""), element.get(qn("w:date"), "")
        text = "" if is_mark else "".join(t.text or "" for t in element.iter(*TEXT))
        drawing = not is_mark and element.find(f".//{qn('w:drawing')}") is not None
        move = self.move if element.tag in (qn("w:moveFrom"), qn("w:moveTo")) else ""
        last = self.result.changes[-1] if self.result.changes else None
        if last is not None and not self.gap and (last.kind, last.author) == (kind, author) \
                and last.move == move:
            # one gesture: Word splits a change into runs of different formats, and a
            # paragraph added or moved is its runs and its mark
            last.text += "\n" if is_mark else text
            last.marks += int(is_mark)
            last.drawing = last.drawing or drawing
            last.last = element
            return
        self.gap = False
        self.result.changes.append(Change(kind, author, date, "\n" if is_mark else text,
                                          self._mark(), element, int(is_mark), move, drawing))
