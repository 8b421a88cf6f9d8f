"""What changed since the last draft sent, as tracked changes: the new draft's AST
with, inside each note's Div, the words deleted and inserted since the draft as sent,
as spans of class ``deletion``/``insertion`` with an author and a date, which pandoc's
DOCX writer turns into Word's ``w:del``/``w:ins``. A new note is inserted whole, a
removed one deleted whole (where it was), an unchanged note left untouched."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

from pipeline.outputs.contract import current
from pipeline.rounds.sent import Sent

INLINE_BLOCKS = ("Para", "Plain")


@dataclass(frozen=True)
class Changes:
    tree: dict
    added: tuple[str, ...]  # Div ids (note anchors)
    removed: tuple[str, ...]
    modified: tuple[str, ...]


@dataclass(frozen=True)
class SinceSent:
    """The last draft sent, and what changed in the notes since."""

    sent: Sent
    changes: Changes
    notes: dict[str, str]  # note anchor → path, for the notes of both drafts
    built: str | None = None  # the day the draft sent was built (AAAA-MM-JJ), if known

    def paths(self, anchors: tuple[str, ...]) -> list[str]:
        return sorted(self.notes.get(a, a) for a in anchors)


def mark_changes(sent: dict, now: dict, date: str) -> Changes:
    """``now`` with the differences from ``sent`` marked: the whole document, block by
    block (what is outside the notes too: a chapter gone, an annex's line), the notes
    matched by their Div's id, word by word inside the blocks that changed; Accept All
    gives ``now``, Reject All ``sent``."""
    prefix = current().note_prefix
    old = {d["c"][0][0]: d for d in _divs(sent["blocks"], (prefix,))}
    new = {d["c"][0][0]: d for d in _divs(now["blocks"], (prefix,))}
    blocks = _Marks(date).blocks(sent["blocks"], now["blocks"])
    return Changes({**now, "blocks": blocks},
                   tuple(a for a in new if a not in old),
                   tuple(a for a in old if a not in new),
                   tuple(a for a in new if a in old and _key(old[a]) != _key(new[a])))


def _divs(blocks: list, prefixes: tuple[str, ...]) -> list[dict]:
    found = []
    for block in blocks:
        if block["t"] == "Div":
            if block["c"][0][0].startswith(prefixes):
                found.append(block)
            found += _divs(block["c"][1], prefixes)
    return found


def _key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class _Marks:
    def __init__(self, date: str) -> None:
        self.attributes = [["author", current().changes_author], ["date", date]]

    def span(self, kind: str, inlines: list) -> list:
        if not inlines:
            return []
        return [{"t": "Span", "c": [["", [kind], self.attributes], inlines]}]

    def whole(self, block: dict, kind: str) -> dict:
        """A block inserted or deleted whole: every text in it marked. What is deleted
        loses its id (a second bookmark of the same name would be wrong)."""
        if block["t"] in INLINE_BLOCKS:
            return {"t": block["t"], "c": self.span(kind, block["c"])}
        if block["t"] == "Header":
            level, attr, inlines = block["c"]
            attr = _without_id(attr) if kind == "deletion" else attr
            return {"t": "Header", "c": [level, attr, self.span(kind, inlines)]}
        if block["t"] == "Div" and kind == "deletion":
            block = {"t": "Div", "c": [_without_id(block["c"][0]), block["c"][1]]}
        return _map_blocks(block, lambda inner: self.whole(inner, kind))

    def blocks(self, old: list, new: list) -> list:
        """``new`` with the differences from ``old``, block by block, word by word; a
        Div with an id (a note) matched with the Div of the same id."""
        matcher = difflib.SequenceMatcher(None, [_aligned(b) for b in old],
                                          [_aligned(b) for b in new], autojunk=False)
        out = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                    out += [after] if _key(before) == _key(after) else self.block(before, after)
                continue
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for before, after in zip(old[i1:i1 + pairs], new[j1:j1 + pairs], strict=True):
                out += self.block(before, after)
            out += [self.whole(b, "deletion") for b in old[i1 + pairs:i2]]
            out += [self.whole(b, "insertion") for b in new[j1 + pairs:j2]]
        return out

    def block(self, before: dict, after: dict) -> list:
        if before["t"] == after["t"] == "Div" and before["c"][0][:2] == after["c"][0][:2]:
            return [{"t": "Div", "c": [after["c"][0], self.blocks(before["c"][1],
                                                                  after["c"][1])]}]
        if before["t"] == after["t"] and before["t"] in INLINE_BLOCKS:
            return [{"t": after["t"], "c": self.words(before["c"], after["c"])}]
        if before["t"] == after["t"] == "Header" and before["c"][0] == after["c"][0]:
            level, attr, inlines = after["c"]
            return [{"t": "Header", "c": [level, attr, self.words(before["c"][2], inlines)]}]
        if before["t"] == after["t"] == "BulletList" or before["t"] == after["t"] == "OrderedList":
            return [self.list(before, after)]
        return [self.whole(before, "deletion"), self.whole(after, "insertion")]

    def list(self, before: dict, after: dict) -> dict:
        old_items = before["c"] if before["t"] == "BulletList" else before["c"][1]
        new_items = after["c"] if after["t"] == "BulletList" else after["c"][1]
        items = []
        for index, item in enumerate(new_items):
            items.append(self.blocks(old_items[index], item) if index < len(old_items)
                         else [self.whole(b, "insertion") for b in item])
        for item in old_items[len(new_items):]:
            items.append([self.whole(b, "deletion") for b in item])
        if after["t"] == "BulletList":
            return {"t": "BulletList", "c": items}
        return {"t": "OrderedList", "c": [after["c"][0], items]}

    def words(self, old: list, new: list) -> list:
        """Inline lists compared inline by inline (a word, a space, a link…)."""
        matcher = difflib.SequenceMatcher(None, [_key(i) for i in old], [_key(i) for i in new],
                                          autojunk=False)
        out = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += new[j1:j2]
            elif i2 - i1 == j2 - j1 == 1 and old[i1]["t"] == new[j1]["t"] == "Note":
                # a footnote changed: its call kept, its text compared inside it
                out.append({"t": "Note", "c": self.blocks(old[i1]["c"], new[j1]["c"])})
            else:
                out += self.span("deletion", old[i1:i2]) + self.span("insertion", new[j1:j2])
        return out


def _aligned(block: dict) -> str:
    """What blocks are matched by: a Div with an id by its id, anything else by itself."""
    if block["t"] == "Div" and block["c"][0][0]:
        return "Div#" + block["c"][0][0]
    return _key(block)


def _without_id(attr: list) -> list:
    return ["", attr[1], attr[2]]


def _map_blocks(block: dict, change) -> dict:
    """``block`` with ``change`` applied to each block directly inside it (a table's
    cells and caption, a figure's caption and content too)."""
    kind, content = block["t"], block.get("c")
    if kind in ("BlockQuote",):
        return {"t": kind, "c": [change(b) for b in content]}
    if kind == "Div":
        return {"t": kind, "c": [content[0], [change(b) for b in content[1]]]}
    if kind == "BulletList":
        return {"t": kind, "c": [[change(b) for b in item] for item in content]}
    if kind == "OrderedList":
        return {"t": kind, "c": [content[0], [[change(b) for b in item] for item in content[1]]]}
    if kind == "Figure":
        attr, (short, caption), inner = content
        return {"t": kind, "c": [attr, [short, [change(b) for b in caption]],
                                 [change(b) for b in inner]]}
    if kind == "Table":
        attr, (short, caption), specs, head, bodies, foot = content

        def rows(items: list) -> list:
            return [[row_attr, [[*cell[:4], [change(b) for b in cell[4]]] for cell in cells]]
                    for row_attr, cells in items]

        return {"t": kind, "c": [
            attr, [short, [change(b) for b in caption]], specs, [head[0], rows(head[1])],
            [[b[0], b[1], rows(b[2]), rows(b[3])] for b in bodies], [foot[0], rows(foot[1])]]}
    return block  # code, a line: left as it is
