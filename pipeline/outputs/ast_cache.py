"""Each writer's text parsed once: the AST that ``notes.lua`` makes of a note's block
is kept in ``build/_ast/<version>/<key>.json`` and read back by the filter next time.

The document handed to pandoc then carries only the blocks still to parse; every
other one is left as its key, so that pandoc's own parse of the document covers the
skeleton (headings, metadata lines, the method chapter) and the notes that changed.
A key is made of everything the filter's result depends on: the block as the
template wrote it (text, heading shift, section, base folder, source path), the
links leading out of ``sources/`` and the files beside the note (its images, by
name, size and modification time). The folder's name holds the filter's own code
and pandoc's version, so a new filter or a new pandoc starts a fresh cache; older
folders are removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.pandoc import FILTERS
from pipeline.workspace import Workspace

CACHE_FOLDER = "_ast"
NOTE_SUFFIXES = (".md", ".docx", ".odt")  # not images: a note's own file is its text


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


def pandoc_input(pieces: Iterable[str | NoteBlock], workspace: Workspace,
                 forbidden: tuple[str, ...], folder: Path) -> str:
    """The document for pandoc: each note's block keyed, and left out when cached."""
    stamps: dict[str, str] = {}
    salt = "\n".join(forbidden)
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        if piece.base not in stamps:  # no base: the filter refuses every image
            stamps[piece.base] = _beside(workspace.root / piece.base) if piece.base else ""
        key = hashlib.sha256("\0".join((piece.markup, stamps[piece.base], salt))
                             .encode("utf-8")).hexdigest()
        out.append(keyed_block(piece.markup, key, (folder / f"{key}.json").is_file()))
    return "".join(out)


def keyed_block(markup: str, key: str, cached: bool) -> str:
    """The block with its key among its attributes; only its fences when ``cached``."""
    head, _, rest = markup.partition("\n")
    fence = head[:len(head) - len(head.lstrip("`"))]
    head = head.replace("{.rc-md ", f'{{.rc-md rc-key="{key}" ', 1)
    return f"{head}\n{fence}\n" if cached else f"{head}\n{rest}"


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
