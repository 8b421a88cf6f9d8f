"""A note's Markdown as plain-text blocks for the model, each with its file line.

Headings, list items and paragraphs go to the model one by one: fed as one text,
the entity recogniser runs across them (« Acteurs\\n\\nLa Ville de Rennes »).
Markup is removed line by line, so that a token's line in its block gives its
line in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_STARTS_BLOCK = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\|)")  # | : a table row
_CLEAN: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^\s*#{1,6}\s+|\s+#+\s*$", ""),  # heading marks
    (r"^\s*(?:>\s*)+", ""),  # quotes
    (r"^\s*(?:[-*+]|\d+[.)])\s+", ""),  # list items
    (r"!\[([^\]]*)\]\([^)]*\)", r"\1"),  # images: their caption
    (r"\[([^\]]*)\]\([^)]*\)", r"\1"),  # links: their text
    (r"<[^>\n]*>", " "),  # HTML tags, autolinks
    (r"https?://\S+", " "),
    (r"[*`]+|(?<!\w)_+|_+(?!\w)", ""),  # emphasis, code
    (r"\\(?=[^\w\s])", ""),  # escapes
    (r"\|", " "),  # table cells
))


@dataclass(frozen=True)
class Block:
    line: int  # file line of its first line
    text: str


def markdown_blocks(body: str, first_line: int) -> tuple[Block, ...]:
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    fenced = False

    def flush() -> None:
        if current:
            blocks.append(Block(start, "\n".join(current)))
        current.clear()

    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(line):
            fenced = not fenced
            flush()
            continue
        if fenced:
            continue
        if not line.strip() or _STARTS_BLOCK.match(line):
            flush()
        if not line.strip():
            continue
        if not current:
            start = number
        current.append(clean_line(line))
    flush()
    return tuple(blocks)


def clean_line(line: str) -> str:
    for pattern, replacement in _CLEAN:
        line = pattern.sub(replacement, line)
    return line
