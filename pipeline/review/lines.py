"""The line of the writer's Markdown file that a paragraph of the draft comes from:
the paragraph's text is looked for in the note's body as it was sent, compared
without typography (letters and digits only), and the remark's offset in it gives the
line; that line is then carried over to the note's current text (a line diff)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.outputs.docx.anchors import comparable
from pipeline.stages.load import split_front_matter
from pipeline.textfile import read_text
from pipeline.yamlread import YamlReadError, read_yaml

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKER = re.compile(r"^\s*(?:#+|[-*+>]|\d+[.)])\s+")
PREFIX = 24  # comparable characters enough to recognise a paragraph whose end changed


@dataclass(frozen=True)
class Source:
    title_line: int
    body_line: int
    flat: str  # the body, comparable
    owners: tuple[int, ...]  # the line of each character of ``flat``

    def line_of(self, paragraph: str, offset: int) -> int:
        """The line of ``paragraph``'s character at ``offset`` (the body's first line
        when the paragraph is not found: the note changed since the draft)."""
        wanted = comparable(paragraph)
        start = self.flat.find(wanted) if wanted else -1
        if start < 0 and len(wanted) > PREFIX:
            start = self.flat.find(wanted[:PREFIX])
        if start < 0 or not self.owners:
            return self.body_line
        inside = min(offset, max(len(wanted) - 1, 0))  # an insertion at its very end
        return self.owners[min(start + inside, len(self.owners) - 1)]


def markdown_source(path: Path) -> Source | None:
    """A Markdown note as lines to match, or None (an Office note, or unreadable)."""
    if path.suffix.lower() != ".md" or not path.is_file():
        return None
    try:
        return source_of_text(read_text(path).text)
    except OSError:
        return None


def source_of_text(text: str) -> Source | None:
    """A Markdown note's text as lines to match, or None when its front matter is broken."""
    try:
        front, body, body_line = split_front_matter(text)
        fields = read_yaml(front, first_line=2).value
    except YamlReadError:
        return None
    title = fields.get("titre") if isinstance(fields, dict) else None
    flat, owners = [], []
    for number, line in enumerate(body.split("\n"), start=body_line):
        text = comparable(MARKER.sub("", LINK.sub(r"\1", line)))
        flat.append(text)
        owners += [number] * len(text)
    return Source(title.line if title is not None else 2, body_line, "".join(flat),
                  tuple(owners))


@dataclass(frozen=True)
class Carried:
    line: int | None  # in the current text; None: the passage is gone
    changed: bool  # the line itself was rewritten since


def carry(sent: str, now: str, line: int) -> Carried:
    """Line ``line`` of the text as sent, in the text as it is now."""
    if sent == now:
        return Carried(line, False)
    matcher = difflib.SequenceMatcher(None, sent.split("\n"), now.split("\n"), autojunk=False)
    index = line - 1
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if not i1 <= index < i2:
            continue
        if tag == "equal":
            return Carried(j1 + index - i1 + 1, False)
        if tag == "replace":
            return Carried(j1 + min(index - i1, j2 - j1 - 1) + 1, True)
        return Carried(None, True)  # "delete"
    return Carried(None, True)  # beyond the text as sent
