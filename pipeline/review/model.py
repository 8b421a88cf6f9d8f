"""The records of a review: where a remark sits in the draft, and the remark."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A paragraph of the reviewed draft, and the headings and bookmarks around it."""

    index: int  # in document order
    text: str  # as the pipeline wrote it: reviewers' insertions left out
    style: str  # the paragraph's style id
    level: int | None  # heading level, when it is a heading
    anchors: tuple[str, ...]  # the bookmarks it is in, innermost last
    chapter: str  # the last level-1 heading before it ("" before the first)
    headings: tuple[str, ...]  # the last heading of each level 2, 3 above it ("" if none)


@dataclass(frozen=True)
class Reply:
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class Remark:
    """A comment (with its replies) or a tracked change, as found in one file."""

    kind: str  # commentaire | insertion | suppression | déplacement
    author: str
    date: str  # ISO 8601 as Word writes it, or ""
    text: str  # the comment, or the text inserted, deleted or moved
    concerned: str  # the text it is attached to
    place: Place | None  # None: outside the body (header, footnote…)
    offset: int  # where in the paragraph it starts, in comparable characters
    file: str  # the reviewer's file it came from
    replies: tuple[Reply, ...] = ()
    resolved: bool = False
    # the other places it concerns: where a comment's range ends, where a move arrives
    also: tuple[tuple[Place, int], ...] = ()


@dataclass(frozen=True)
class ReviewedFile:
    path: str  # as given on the command line
    contribution: str | None  # the draft's custom property, if any
    build: str | None
    remarks: tuple[Remark, ...]
    texts: frozenset[str] = frozenset()  # its paragraphs as the pipeline wrote them, comparable
    bookmarks_found: bool = False  # some bookmark of ours is in it
