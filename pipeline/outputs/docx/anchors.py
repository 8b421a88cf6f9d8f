"""Anchors in the draft: each note wrapped in a Word bookmark named from its source,
so that a reviewer's remark can be traced back to the note it falls in.

Names are made from the note's path (``rc_<hash>_<path>`` for the note under its theme,
``rx_…`` for its lessons in the cross-reading): ``review`` can rebuild them from the
current sources when the map written beside the draft (``<id>.ancres.json``) is gone.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass

from docx.oxml.ns import qn

from pipeline.outputs.docx.ooxml import add_bookmark

NOTE_PREFIX, LESSONS_PREFIX = "rc_", "rx_"
MAX_NAME = 40  # Word's limit for a bookmark's name
HEADINGS = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
CHAPTER_STYLES = {"VoirAussi"}  # the chapter's own paragraphs, after its notes


@dataclass(frozen=True)
class Anchor:
    """What a bookmark stands for: a note, under its theme or in the cross-reading."""

    name: str
    path: str  # sources/alpha/jardin.md
    note_id: str
    crpv: str
    centre: str
    title: str
    level: int  # the heading level that ends its range (2: a note, 3: its lessons)
    heading: str  # the heading's text in the draft
    pandoc_id: str  # the id pandoc gives the note's heading (note-alpha-jardin)


def bookmark_name(path: str, prefix: str = NOTE_PREFIX) -> str:
    """``rc_`` + a hash of the path + the path in letters, digits and underscores."""
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    stem = path.removeprefix("sources/").rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^A-Za-z0-9]+", "_", ascii_stem).strip("_")
    return f"{prefix}{digest}_{readable}"[:MAX_NAME].rstrip("_")


def document_anchors(document) -> tuple[Anchor, ...]:
    """The anchors of a built document (``stages.group.Document``)."""
    anchors = []
    for entry in document.entries:
        note = entry.note
        common = dict(path=note.path, note_id=note.note_id, crpv=note.crpv,
                      centre=entry.centre.name, title=note.title, pandoc_id=note.anchor)
        anchors.append(Anchor(bookmark_name(note.path), level=2, heading=note.title, **common))
        anchors.append(Anchor(bookmark_name(note.path, LESSONS_PREFIX), level=3,
                              heading=f"{note.title} — {entry.centre.name}", **common))
    return tuple(anchors)


def anchors_json(document, build_id: str) -> bytes:
    """The map written beside the draft: bookmark → note, for ``review`` (a note's
    ``rx_`` bookmark is in the draft only when the note has lessons)."""
    data = {"contribution": document.contribution.id, "build": build_id,
            "ancres": [asdict(anchor) for anchor in document_anchors(document)]}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


# --- in the DOCX ---------------------------------------------------------------------

def comparable(text: str) -> str:
    """Text compared across typography: letters and digits only, lower case."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain.lower() if c.isalnum() and c.isascii())


def add_bookmarks(body, document) -> int:
    """Wrap each note (its heading to just before the next heading as high) in its
    bookmark; returns how many were placed."""
    blocks = [p for p in body.iterchildren() if p.tag in (qn("w:p"), qn("w:tbl"))]
    next_id = max((int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))),
                  default=0) + 1
    headings = _Headings(blocks)
    used: set[int] = set()
    for anchor in document_anchors(document):
        index = headings.find(anchor, used)
        if index is not None:
            used.add(index)
            add_bookmark(blocks[index], anchor.name, next_id,
                         _last_paragraph(blocks, index, anchor.level))
            next_id += 1
    return len(used)


class _Headings:
    """Where each note's heading is: by pandoc's id for a note (level 2), by its text
    in the cross-reading (level 3 under « Regards croisés »). Read once: looking
    through the whole document for each note made a 1000-note draft take minutes."""

    def __init__(self, blocks: list) -> None:
        self.by_id: dict[str, list[int]] = {}
        self.by_lesson: dict[str, list[int]] = {}
        in_lessons = False
        for index, block in enumerate(blocks):
            level = _level(block)
            if level == 1:
                in_lessons = comparable(_text(block)) == comparable("Regards croisés")
            elif level == 2:
                for name in _pandoc_names(block):
                    self.by_id.setdefault(name, []).append(index)
            elif level == 3 and in_lessons:
                self.by_lesson.setdefault(comparable(_text(block)), []).append(index)

    def find(self, anchor: Anchor, used: set[int]) -> int | None:
        """The first such heading not taken yet."""
        if anchor.level == 2:
            candidates = self.by_id.get(anchor.pandoc_id, [])
        elif anchor.level == 3:
            candidates = self.by_lesson.get(comparable(anchor.heading), [])
        else:
            candidates = []
        return next((i for i in candidates if i not in used), None)


def _style(block) -> str | None:
    style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _level(block) -> int | None:
    return HEADINGS.get(_style(block) or "")


def _text(block) -> str:
    return "".join(t.text or "" for t in block.iter(qn("w:t")))


def _pandoc_names(block) -> set[str]:
    """The bookmarks pandoc puts at (or just before) a heading."""
    names = {b.get(qn("w:name")) for b in block.iter(qn("w:bookmarkStart"))}
    sibling = block.getprevious()
    while sibling is not None and sibling.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        names.add(sibling.get(qn("w:name")))
        sibling = sibling.getprevious()
    return names


def _last_paragraph(blocks: list, index: int, level: int):
    end = index + 1
    while end < len(blocks) and (_level(blocks[end]) or 9) > level and \
            _style(blocks[end]) not in CHAPTER_STYLES:
        end += 1
    for block in reversed(blocks[index:end]):
        paragraphs = [block] if block.tag == qn("w:p") else list(block.iter(qn("w:p")))
        if paragraphs:
            return paragraphs[-1]
    return blocks[index]


def anchor_level(name: str) -> int | None:
    """The heading level that ends a bookmark of ours (or pandoc's note bookmark)."""
    if name.startswith((NOTE_PREFIX, "note-")):
        return 2
    if name.startswith(LESSONS_PREFIX):
        return 3
    return None
