"""Writing the site: a file is written only when its bytes changed (an unchanged page
keeps its modification time: a no-op build writes nothing), each one atomically, and
every file the site no longer has is removed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.files import TEMPORARY_PREFIX, write_atomic


@dataclass(frozen=True)
class Synced:
    written: tuple[str, ...]  # paths under the site's folder
    removed: tuple[str, ...]
    kept: int


def sync(folder: Path, files: dict[str, bytes]) -> Synced:
    written, kept = [], 0
    for path, data in sorted(files.items()):
        target = folder / path
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            kept += 1
            continue
        if target.is_dir():  # a page became a folder's index, or the reverse
            _remove_tree(target)
        write_atomic(target, data)
        written.append(path)
    removed = []
    for target in sorted(folder.rglob("*"), reverse=True):
        relative = target.relative_to(folder).as_posix()
        if target.is_file() and (relative not in files or target.name.startswith(TEMPORARY_PREFIX)):
            target.unlink()
            removed.append(relative)
        elif target.is_dir() and not any(target.iterdir()):
            target.rmdir()
    return Synced(tuple(written), tuple(sorted(removed)), kept)


def _remove_tree(folder: Path) -> None:
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names:
            Path(root, name).unlink()
        for name in dirs:
            Path(root, name).rmdir()
    folder.rmdir()
