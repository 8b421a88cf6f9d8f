"""The line of the writer's Markdown file that a paragraph of the draft comes from:
the paragraph's text is looked for in the note's body, compared without typography
(letters and digits only), and the remark's offset in it gives the line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.outputs.docx.anchors import comparable
from pipeline.textfile import read_text
from pipeline.yamlread import YamlReadError, read_yaml, split_front_matter

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
        front, body, body_line = split_front_matter(read_text(path).text)
        fields = read_yaml(front, first_line=2).value
    except (YamlReadError, OSError):
        return None
    title = fields.get("titre") if isinstance(fields, dict) else None
    flat, owners = [], []
    for number, line in enumerate(body.split("\n"), start=body_line):
        text = comparable(MARKER.sub("", LINK.sub(r"\1", line)))
        flat.append(text)
        owners += [number] * len(text)
    return Source(title.line if title is not None else 2, body_line, "".join(flat),
                  tuple(owners))
