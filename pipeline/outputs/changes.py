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

    def paths(self, anchors: tuple[str, ...]) -> list[str]:
        return sorted(self.notes.get(a, a) for a in anchors)


def mark_changes(sent: dict, now: dict, date: str) -> Changes:
    """``now`` with the differences from ``sent`` marked, note by note."""
    prefix = current().note_prefix
    lessons = current().lessons_prefix
    old = {d["c"][0][0]: d for d in _divs(sent["blocks"], (prefix, lessons))}
    marks = _Marks(date)
    added, modified = [], []

    def visit(blocks: list) -> list:
        out = []
        for block in blocks:
            ident = block["c"][0][0] if block["t"] == "Div" else ""
            if ident.startswith((prefix, lessons)):
                attr, content = block["c"]
                if ident not in old:
                    added.append(ident)
                    content = [marks.whole(b, "insertion") for b in content]
                elif _key(old[ident]["c"][1]) != _key(content):
                    modified.append(ident)
                    content = marks.blocks(old[ident]["c"][1], content)
                out.append({"t": "Div", "c": [attr, content]})
            elif block["t"] == "Div":
                out.append({"t": "Div", "c": [block["c"][0], visit(block["c"][1])]})
            else:
                out.append(block)
        return out

    blocks = visit(now["blocks"])
    removed = _put_back_removed(sent["blocks"], blocks, prefix, marks)
    tree = {**now, "blocks": blocks}
    return Changes(tree, tuple(a for a in added if a.startswith(prefix)), removed,
                   tuple(m for m in modified if m.startswith(prefix)))


def _divs(blocks: list, prefixes: tuple[str, ...]) -> list[dict]:
    found = []
    for block in blocks:
        if block["t"] == "Div":
            if block["c"][0][0].startswith(prefixes):
                found.append(block)
            found += _divs(block["c"][1], prefixes)
    return found


def _put_back_removed(sent_blocks: list, blocks: list, prefix: str,
                      marks: _Marks) -> tuple[str, ...]:
    """Each note of the sent draft that is gone, deleted whole after the note that came
    before it (at the top level, where notes are), or before the first note."""
    order = [d["c"][0][0] for d in sent_blocks if d["t"] == "Div" and
             d["c"][0][0].startswith(prefix)]
    by_id = {d["c"][0][0]: d for d in sent_blocks if d["t"] == "Div"}
    ids = [b["c"][0][0] if b["t"] == "Div" else "" for b in blocks]  # removed ones too
    removed = []
    for index, ident in enumerate(order):
        if ident in ids:
            continue
        removed.append(ident)
        gone = by_id[ident]
        deleted = {"t": "Div", "c": [["", gone["c"][0][1], []],  # no id: no bookmark
                                     [marks.whole(b, "deletion") for b in gone["c"][1]]]}
        before = next((o for o in reversed(order[:index]) if o in ids), None)
        if before is not None:
            position = ids.index(before) + 1
        else:
            position = next((i for i, name in enumerate(ids) if name.startswith(prefix)),
                            len(ids))
        blocks.insert(position, deleted)
        ids.insert(position, ident)
    return tuple(removed)


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
        """A block inserted or deleted whole: every text in it marked."""
        if block["t"] in INLINE_BLOCKS:
            return {"t": block["t"], "c": self.span(kind, block["c"])}
        if block["t"] == "Header":
            level, attr, inlines = block["c"]
            return {"t": "Header", "c": [level, attr, self.span(kind, inlines)]}
        return _map_blocks(block, lambda inner: self.whole(inner, kind))

    def blocks(self, old: list, new: list) -> list:
        """``new`` with the differences from ``old``, block by block, word by word."""
        matcher = difflib.SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                          autojunk=False)
        out = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += new[j1:j2]
                continue
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for before, after in zip(old[i1:i1 + pairs], new[j1:j1 + pairs], strict=True):
                out += self.block(before, after)
            out += [self.whole(b, "deletion") for b in old[i1 + pairs:i2]]
            out += [self.whole(b, "insertion") for b in new[j1 + pairs:j2]]
        return out

    def block(self, before: dict, after: dict) -> list:
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
            else:
                out += self.span("deletion", old[i1:i2]) + self.span("insertion", new[j1:j2])
        return out


def _map_blocks(block: dict, change) -> dict:
    """``block`` with ``change`` applied to each block directly inside it."""
    kind, content = block["t"], block.get("c")
    if kind in ("BlockQuote",):
        return {"t": kind, "c": [change(b) for b in content]}
    if kind == "Div":
        return {"t": kind, "c": [content[0], [change(b) for b in content[1]]]}
    if kind == "BulletList":
        return {"t": kind, "c": [[change(b) for b in item] for item in content]}
    if kind == "OrderedList":
        return {"t": kind, "c": [content[0], [[change(b) for b in item] for item in content[1]]]}
    return block  # a table, a figure, code: left as it is
