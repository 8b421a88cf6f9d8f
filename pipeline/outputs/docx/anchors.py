"""Anchors in the draft: each note is a Div whose id is a bookmark name made from the
note's path (``pipeline.outputs.contract.note_anchor``), which pandoc's DOCX writer
turns into a Word bookmark around the whole note; its lessons in the cross-reading get
one too. The map written beside the draft (``<id>.ancres.json``) says which note each
bookmark stands for, so that ``review`` can place a reviewer's remark."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, fields

from pipeline.outputs.contract import note_anchor


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
    status: str = ""  # the note's status when the draft was built
    content_hash: str = ""  # of the note's file when the draft was built


def document_anchors(document) -> tuple[Anchor, ...]:
    """The anchors of a built document (``pipeline.document.Document``)."""
    anchors = []
    for entry in document.entries:
        note = entry.note
        common = dict(path=note.path, note_id=note.note_id, crpv=note.crpv,
                      centre=entry.centre.name, title=note.title, status=note.status,
                      content_hash=note.content_hash)
        anchors.append(Anchor(note_anchor(note.path), level=2, heading=note.title, **common))
        anchors.append(Anchor(note_anchor(note.path, lessons=True), level=3,
                              heading=f"{note.title} — {entry.centre.name}", **common))
    return tuple(anchors)


def anchors_json(document, build_id: str) -> bytes:
    """The map written beside the draft: bookmark → note, for ``review`` (a note's
    lessons bookmark is in the draft only when the note has lessons)."""
    data = {"contribution": document.contribution.id, "build": build_id,
            "final": document.final, "date": document.build_date.isoformat(),
            "ancres": [asdict(anchor) for anchor in document_anchors(document)]}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def read_anchors(data: dict) -> tuple[Anchor, ...]:
    """The anchors of a map read back (``anchors_json``); unknown keys ignored."""
    names = {f.name for f in fields(Anchor)}
    return tuple(Anchor(**{k: v for k, v in item.items() if k in names})
                 for item in data["ancres"])


def comparable(text: str) -> str:
    """Text compared across typography: letters and digits only, lower case."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain.lower() if c.isalnum() and c.isascii())
