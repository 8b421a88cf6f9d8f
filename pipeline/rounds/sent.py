"""The drafts as sent: ``envois/<contribution>/<AAAA-MM-JJ>[-n]/``, outside ``build/``
and kept in git. Each holds the DOCX as sent, its anchors (bookmark → note), the
intermediate Markdown it was made from, the notes' files as they were, and
``manifest.json`` (date, build id, notes with their status)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.workspace import Workspace

ENVOIS = "envois"
MANIFEST = "manifest.json"
NOTES = "notes"
FOLDER = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


@dataclass(frozen=True)
class SentNote:
    path: str  # sources/alpha/jardin.md
    title: str
    crpv: str
    status: str
    content_hash: str


@dataclass(frozen=True)
class Sent:
    """One draft as sent."""

    folder: Path
    contribution: str
    date: str  # AAAA-MM-JJ
    build: str
    notes: tuple[SentNote, ...]

    @property
    def docx(self) -> Path:
        return self.folder / f"{self.contribution}.docx"

    @property
    def anchors(self) -> Path:
        return self.folder / f"{self.contribution}.ancres.json"

    @property
    def markdown(self) -> Path:
        return self.folder / f"{self.contribution}.md"

    @property
    def label(self) -> str:
        return f"{ENVOIS}/{self.contribution}/{self.folder.name}"

    def note_file(self, path: str) -> Path:
        """Where the note's file as sent is kept (``sources/`` left out)."""
        return self.folder / NOTES / path.removeprefix("sources/")

    def note_text(self, path: str) -> str | None:
        try:
            return self.note_file(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


def contribution_folder(workspace: Workspace, contribution: str) -> Path:
    return workspace.root / ENVOIS / contribution


def sent_drafts(workspace: Workspace, contribution: str) -> list[Sent]:
    """The drafts sent for ``contribution``, oldest first."""
    found = []
    folder = contribution_folder(workspace, contribution)
    for child in folder.iterdir() if folder.is_dir() else ():
        match = FOLDER.match(child.name)
        sent = read_sent(child, contribution) if match and child.is_dir() else None
        if sent is not None:
            found.append(((match.group(1), int(match.group(2) or 1)), sent))
    return [sent for _, sent in sorted(found, key=lambda item: item[0])]


def sent_manifests(workspace: Workspace, contribution: str) -> list[Path]:
    """The manifests of the drafts sent: a new envoi makes the next build over."""
    return sorted(contribution_folder(workspace, contribution).glob(f"*/{MANIFEST}"))


def compared_with(workspace: Workspace, contribution: str, build: str) -> Sent | None:
    """The draft sent that the draft ``build`` is compared with (its changes DOCX): the
    last one sent that is not this very draft. So sending a draft changes nothing of
    what is built from it: the build right after ``envoi`` has nothing to do, and the
    draft sent keeps showing what changed since the draft sent before it."""
    drafts = [s for s in sent_drafts(workspace, contribution) if s.build != build]
    return drafts[-1] if drafts else None


def compared_manifests(workspace: Workspace, contribution: str,
                       build: str | None) -> list[Path]:
    """The manifests of the drafts sent that the draft ``build`` may be compared with
    (``compared_with``): what of ``envois/`` the draft's outputs depend on."""
    return [s.folder / MANIFEST for s in sent_drafts(workspace, contribution)
            if s.build != build]


def contributions_sent(workspace: Workspace) -> list[str]:
    """The contributions that have a folder in ``envois/``."""
    folder = workspace.root / ENVOIS
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def latest(workspace: Workspace, contribution: str) -> Sent | None:
    drafts = sent_drafts(workspace, contribution)
    return drafts[-1] if drafts else None


def by_build(workspace: Workspace, contribution: str, build: str) -> Sent | None:
    return next((s for s in sent_drafts(workspace, contribution) if s.build == build), None)


def read_sent(folder: Path, contribution: str) -> Sent | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        notes = tuple(SentNote(n["chemin"], n["titre"], n["crpv"], n["statut"], n["empreinte"])
                      for n in data["notes"])
        return Sent(folder, contribution, data["date"], data["build"], notes)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def manifest_json(contribution: str, date: str, build: str, notes: list[SentNote]) -> bytes:
    data = {"contribution": contribution, "date": date, "build": build,
            "notes": [{"chemin": n.path, "titre": n.title, "crpv": n.crpv, "statut": n.status,
                       "empreinte": n.content_hash} for n in notes]}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
