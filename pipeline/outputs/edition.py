"""Where each edition of a contribution is written: the draft in ``build/<id>/``, the
final edition in ``build/<id>/final/``, each with its own report and anchors, so
that neither ever overwrites the other."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.workspace import Workspace

FINAL = "final"


def edition_folder(workspace: Workspace, contribution_id: str, final: bool) -> Path:
    folder = workspace.build / contribution_id
    return folder / FINAL if final else folder


def edition_key(contribution_id: str, final: bool) -> str:
    """The build state's name for one edition (``culture-2024``, ``culture-2024/final``)."""
    return f"{contribution_id}/{FINAL}" if final else contribution_id


def build_id(markdown: bytes) -> str:
    """A draft's build id: its Markdown's hash (a reviewed draft says which build it is)."""
    return hashlib.sha256(markdown).hexdigest()[:12]


def draft_build(workspace: Workspace, contribution_id: str) -> str | None:
    """The build id of the draft in ``build/``, if there is one."""
    try:
        return build_id(draft_files(workspace, contribution_id)["markdown"].read_bytes())
    except OSError:
        return None


def draft_files(workspace: Workspace, contribution_id: str) -> dict[str, Path]:
    """The draft's DOCX, its anchors and its intermediate Markdown."""
    stem = edition_folder(workspace, contribution_id, False) / contribution_id
    return {"docx": stem.with_suffix(".docx"), "anchors": stem.with_suffix(".ancres.json"),
            "markdown": stem.with_suffix(".md")}
