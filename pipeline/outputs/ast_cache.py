"""Each writer's text parsed once, and the document around them parsed once per
version of it.

A contribution's document is the template's text (the skeleton) with the writers'
blocks in it. The skeleton is parsed by pandoc with a placeholder for each block, and
that parse is kept (``skeleton-<hash>.json``): an edit to a note's text leaves the
skeleton as it was. Each block is parsed by ``notes.lua`` on its own, and kept under a
key (``<key>.json``, with the filter's warnings about it). The document's AST is the
skeleton's with each placeholder replaced by its block's, then ``rc-if-content``
divisions left with headings only dropped — what the filter does in a single run,
which stays the way when there is nothing to keep (``convert.to_ast`` without pieces).

A block's key is made of everything the filter's result depends on: the block as the
template wrote it (text, heading shift, section, base folder, source path), the
filter's options (the links leading out of ``sources/``, the final edition) and the
files beside the note (its images, by name, size
and modification time). Entries live in ``build/_ast/<version>/``, ``<version>`` being
the filter's code and pandoc's version; older folders are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.files import write_atomic
from pipeline.outputs.document_ast import finish_blocks
from pipeline.pandoc import FILTERS, FilterWarning, filter_warnings, run_pandoc
from pipeline.workspace import Workspace

CACHE_FOLDER = "_ast"
NOTE_SUFFIXES = (".md", ".docx", ".odt")  # not images: a note's own file is its text
SLOT = "rc-slot"  # the class of a block's placeholder in the skeleton


@dataclass(frozen=True)
class NoteBlock:
    """A writer's text as ``markdown_block`` wrote it into the document."""

    markup: str  # the whole fenced block, fences included
    base: str  # the folder its images are relative to (workspace-relative)


@cache
def _pandoc_version() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_version())


def cache_folder(workspace: Workspace) -> Path:
    """This filter's and this pandoc's folder of entries."""
    digest = hashlib.sha256((FILTERS / "notes.lua").read_bytes())
    digest.update(_pandoc_version().encode("utf-8"))
    return workspace.build / CACHE_FOLDER / digest.hexdigest()[:16]


def prepare_cache(workspace: Workspace) -> Path:
    """The cache folder, made if needed; the folders of older filters removed."""
    folder = cache_folder(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    for other in folder.parent.iterdir():
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return folder


def parse(pieces: Iterable[str | NoteBlock], workspace: Workspace,
          options: tuple[str, ...]) -> Parsed | None:
    """The document's AST from the cache, the blocks and skeleton not in it parsed (and
    kept) first; None when the cache could not be written (then parse in one run).
    ``options``: the filter's metadata (links out of ``sources/``, final edition)."""
    folder = prepare_cache(workspace)
    pieces = list(pieces)
    keys = block_keys(pieces, workspace, options)
    missing = {key: piece.markup for piece, key in zip(pieces, keys, strict=True)
               if key and not (folder / f"{key}.json").is_file()}
    warnings: list[FilterWarning] = []
    messages: list[str] = []
    for text in _batches(keyed_block(markup, key) for key, markup in missing.items()):
        # parsed by the filter, which keeps each block's AST
        result = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                             str(FILTERS / "notes.lua"), f"--metadata=rc-cache={folder}",
                             *options], text.encode("utf-8"), workspace.root)
        messages += result.messages
    skeleton, skeleton_messages = _skeleton(pieces, workspace, folder)
    messages += skeleton_messages
    entries = {}
    for key in dict.fromkeys(k for k in keys if k):
        entry = _entry(folder / f"{key}.json")
        if entry is None:
            return None
        entries[key] = entry
        warnings += entry[1]
    slots = iter([entries[key][0] for key in keys if key])
    blocks = _assemble(skeleton["blocks"], slots)
    return Parsed({**skeleton, "blocks": blocks}, tuple(warnings), tuple(messages), True)


# Pandoc holds a whole run's document: 364 MB for the 1.1 M characters of a 360-note
# contribution parsed at once, beside the job that waits for it. Each block is parsed
# on its own terms (its entry is reused among other neighbours), so runs of a few
# hundred thousand characters give the same entries for a third of the memory.
BATCH_CHARACTERS = 300_000


def _batches(blocks: Iterable[str]) -> Iterator[str]:
    """The blocks joined into texts of about ``BATCH_CHARACTERS`` each."""
    batch: list[str] = []
    size = 0
    for block in blocks:
        if batch and size + len(block) > BATCH_CHARACTERS:
            yield "\n".join(batch)
            batch, size = [], 0
        batch.append(block)
        size += len(block) + 1
    if batch:
        yield "\n".join(batch)


@dataclass(frozen=True)
class Parsed:
    tree: dict
    warnings: tuple[FilterWarning, ...]  # the filter's, about the writers' texts
    messages: tuple[str, ...]  # pandoc's own
    finished: bool = False  # finish_blocks done: the headings' ids only are left to give


def block_keys(pieces: list[str | NoteBlock], workspace: Workspace,
               options: tuple[str, ...]) -> list[str]:
    """Each block's key ("" for the skeleton's pieces)."""
    stamps: dict[str, str] = {}
    salt = "\n".join(options)
    keys = []
    for piece in pieces:
        if isinstance(piece, str):
            keys.append("")
            continue
        if piece.base not in stamps:  # no base: the filter refuses every image
            stamps[piece.base] = _beside(workspace.root / piece.base) if piece.base else ""
        keys.append(hashlib.sha256("\0".join((piece.markup, stamps[piece.base], salt))
                                   .encode("utf-8")).hexdigest())
    return keys


def keyed_block(markup: str, key: str) -> str:
    """The block with its key among its attributes: the filter keeps its parse."""
    return markup.replace("{.rc-md ", f'{{.rc-md rc-key="{key}" ', 1)


def _skeleton(pieces: list[str | NoteBlock], workspace: Workspace,
              folder: Path) -> tuple[dict, list[str]]:
    """The template's text parsed with an empty placeholder for each block."""
    text = "".join(p if isinstance(p, str) else f"```{{.{SLOT}}}\n```\n" for p in pieces)
    path = folder / f"skeleton-{hashlib.sha256(text.encode('utf-8')).hexdigest()}.json"
    if path not in _READ:
        stored = _load(path)
        if stored is None:
            result = run_pandoc(["--from=markdown", "--to=json", "--sandbox"],
                                text.encode("utf-8"), workspace.root)
            stored = {"ast": json.loads(result.output), "messages": list(result.messages)}
            write_atomic(path, json.dumps(stored, ensure_ascii=False).encode("utf-8"))
        _remember(path, (finish_blocks(stored["ast"]), stored["messages"]))
    return _READ[path]  # type: ignore[return-value]


def _entry(path: Path) -> tuple[list, tuple[FilterWarning, ...]] | None:
    """A block's AST, finished as blocks (``finish_blocks``), and the filter's warnings
    about it."""
    if path not in _READ:
        data = _load(path)
        if data is None:
            return None
        lines = [item["c"] for item in data["meta"].get("rc-warnings", {}).get("c", [])
                 if item.get("t") == "MetaString"]
        blocks = finish_blocks({"t": "Div", "c": [["", [], []], data["blocks"]]})["c"][1]
        _remember(path, (blocks, filter_warnings("\n".join(lines))))
    return _READ[path]  # type: ignore[return-value]


# What this process read from the cache: a live preview parses again and again. The
# trees are shared, never changed in place (every later step makes new nodes).
_READ: dict[Path, tuple] = {}
READ_KEPT = 20_000


def _remember(path: Path, value: tuple) -> None:
    if len(_READ) >= READ_KEPT:
        _READ.clear()
    _READ[path] = value


def _assemble(blocks: list, slots: Iterator[list]) -> list:
    """The skeleton's blocks, each placeholder (in document order) replaced by its
    block's, and — as the filter's ``drop_empty`` — each ``rc-if-content`` division
    removed when it holds only headings and ``rc-aside`` divisions, else replaced by its
    content (kept whole if it has an id); inner ones first. The blocks put in are not
    walked."""
    out: list = []
    for block in blocks:
        if _has_class(block, SLOT):
            out += next(slots)
            continue
        block = _inside(block, slots)
        if block.get("t") == "Div" and _has_class(block, "rc-if-content"):
            content = block["c"][1]
            if any(b["t"] != "Header" and not _has_class(b, "rc-aside") for b in content):
                if block["c"][0][0]:  # with an id (a note's lessons: a bookmark), kept
                    out.append(block)
                else:
                    out += content
            continue
        out.append(block)
    return out


def _inside(node: object, slots: Iterator[list]) -> object:
    if isinstance(node, list):
        if node and all(isinstance(i, dict) and "t" in i for i in node):
            return _assemble(node, slots)
        return [_inside(item, slots) for item in node]
    if isinstance(node, dict):
        return {k: _inside(v, slots) for k, v in node.items()}
    return node


def _has_class(node: dict, name: str) -> bool:
    return node.get("t") in ("CodeBlock", "Div") and name in node["c"][0][1]


def _load(path: Path) -> dict | None:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _beside(folder: Path) -> str:
    """The files an image of a note in ``folder`` may be (names, sizes, times)."""
    if not folder.is_dir() or folder == folder.parent:
        return ""
    found = []
    for directory, _, files in os.walk(folder):
        for name in files:
            if not name.lower().endswith(NOTE_SUFFIXES):
                stat = os.stat(os.path.join(directory, name))
                found.append(f"{os.path.join(directory, name)} {stat.st_size} "
                             f"{stat.st_mtime_ns}")
    return "\n".join(sorted(found))
