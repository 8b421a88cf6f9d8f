"""Which note a remark falls in (by the bookmarks around it, else by the heading
text above it), and which line of the note's source it concerns."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from pipeline.model import RawNote, Registry
from pipeline.outputs.docx.anchors import (
    CHAPTER_STYLES,
    LESSONS_PREFIX,
    Anchor,
    bookmark_name,
    comparable,
)
from pipeline.review.lines import Source, markdown_source
from pipeline.review.model import Place, Remark
from pipeline.workspace import Workspace

CROSS_READING = comparable("Regards croisés")
META_STYLES = {"NoteMeta"}  # the note's centre, authors, date: from its front matter


@dataclass(frozen=True)
class Target:
    """Where a remark is reported: a note (path, line) or a chapter."""

    path: str | None
    crpv: str | None
    centre: str | None
    title: str | None
    line: int | None
    chapter: str


@dataclass(frozen=True)
class Attributed:
    remark: Remark
    target: Target


class Attributor:
    def __init__(self, workspace: Workspace, anchors: tuple[Anchor, ...]) -> None:
        self.workspace = workspace
        self.by_name = {a.name: a for a in anchors}
        self.by_name.update({a.pandoc_id: a for a in anchors if a.level == 2})
        self.by_heading = {(a.level, comparable(a.heading)): a for a in anchors}
        self.sources: dict[str, Source | None] = {}

    def attribute(self, remark: Remark) -> Attributed:
        place = remark.place
        anchor = self._anchor(place) if place is not None else None
        if anchor is None or place is None:
            chapter = place.chapter if place is not None else ""
            return Attributed(remark, Target(None, None, None, None, None, chapter))
        line = self._line(anchor, place, remark.offset)
        return Attributed(remark, Target(anchor.path, anchor.crpv, anchor.centre, anchor.title,
                                         line, place.chapter))

    def _anchor(self, place: Place) -> Anchor | None:
        for name in reversed(place.anchors):
            if name in self.by_name:
                return self.by_name[name]
        # the bookmarks were lost (deleted, or a copy-paste): the heading above says
        if place.style in CHAPTER_STYLES:
            return None
        if comparable(place.chapter) == CROSS_READING:
            return self.by_heading.get((3, comparable(place.headings[1])))
        return self.by_heading.get((2, comparable(place.headings[0])))

    def _line(self, anchor: Anchor, place: Place, offset: int) -> int | None:
        if anchor.path not in self.sources:
            self.sources[anchor.path] = markdown_source(self.workspace.root / anchor.path)
        source = self.sources[anchor.path]
        if source is None:
            return None  # a Word or LibreOffice note has no lines
        if place.style in META_STYLES or (place.level == anchor.level and
                                          comparable(place.text) == comparable(anchor.heading)):
            return source.title_line
        return source.line_of(place.text, offset)


# --- the anchors of a contribution ---------------------------------------------------

Sources = Callable[[], tuple[Registry, tuple[RawNote, ...]]]  # read when first needed


def load_anchors(workspace: Workspace, contribution: str | None,
                 sources: Sources) -> tuple[Anchor, ...]:
    """The map the build wrote beside the draft, else one made from the current sources."""
    if contribution:
        saved = workspace.build / contribution / f"{contribution}.ancres.json"
        anchors = _saved_anchors(saved)
        if anchors is not None:
            return anchors
    return anchors_from_sources(*sources())


def _saved_anchors(path: Path) -> tuple[Anchor, ...] | None:
    names = {f.name for f in fields(Anchor)}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Anchor(**{k: v for k, v in item.items() if k in names})
                     for item in data["ancres"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def anchors_from_sources(registry: Registry, notes: tuple[RawNote, ...]) -> tuple[Anchor, ...]:
    anchors = []
    for raw in notes:
        values = raw.front_matter.value if isinstance(raw.front_matter.value, dict) else {}
        title = _scalar(values.get("titre")) or raw.note_id
        crpv = _scalar(values.get("crpv")) or raw.folder
        centre = registry.get(crpv)
        name = centre.name if centre else crpv
        common = dict(path=raw.path, note_id=raw.note_id, crpv=crpv, centre=name, title=title,
                      pandoc_id="note-" + raw.note_id.replace("/", "-"))
        anchors.append(Anchor(bookmark_name(raw.path), level=2, heading=title, **common))
        anchors.append(Anchor(bookmark_name(raw.path, LESSONS_PREFIX), level=3,
                              heading=f"{title} — {name}", **common))
    return tuple(anchors)


def _scalar(located) -> str | None:
    value = getattr(located, "value", None)
    return " ".join(value.split()) if isinstance(value, str) else None
