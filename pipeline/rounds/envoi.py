"""``python -m pipeline envoi``: record the current draft as sent, in
``envois/<id>/<AAAA-MM-JJ>[-n]/`` — the DOCX as sent, its anchors, its Markdown, the
notes' files as they were, and ``manifest.json``."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.outputs.edition import draft_files
from pipeline.rounds.sent import (
    MANIFEST,
    SentNote,
    contribution_folder,
    latest,
    manifest_json,
)
from pipeline.run import COMMAND
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def contributions_with_draft(workspace: Workspace) -> list[str]:
    return sorted(p.name for p in workspace.contributions.iterdir()
                  if (p / "contribution.yaml").is_file() and
                  draft_files(workspace, p.name)["docx"].is_file()) \
        if workspace.contributions.is_dir() else []


def record_envoi(workspace: Workspace, contribution: str, when: date,
                 report: Report) -> Path | None:
    """The folder the draft was recorded in (a new one, or the one that already holds
    this very draft), or None when there is no sendable draft (the report says why)."""
    files = draft_files(workspace, contribution)
    where = workspace.relative(files["docx"])
    if not all(path.is_file() for path in files.values()):
        report.error(where, None, "aucun brouillon construit pour cette contribution : lancez "
                     f"« make » (ou {COMMAND} build) avant « make envoi »", "envoi.absent")
        return None
    data = json.loads(files["anchors"].read_text(encoding="utf-8"))
    build = data["build"]
    if hashlib.sha256(files["markdown"].read_bytes()).hexdigest()[:12] != build:
        report.error(where, None, "le brouillon et ses fichiers ne se correspondent pas "
                     "(construction interrompue ?) : relancez « make »", "envoi.incomplet")
        return None
    notes = _notes(data)
    stale = [n.path for n in notes if _hash(workspace.root / n.path) != n.content_hash]
    for path in stale:
        report.error(path, None, "note modifiée (ou supprimée) depuis la construction du "
                     "brouillon : relancez « make » avant « make envoi »", "envoi.perime")
    if stale:
        return None
    previous = latest(workspace, contribution)
    if previous is not None and previous.build == build:
        report.info(where, None, f"ce brouillon est déjà enregistré comme envoyé "
                    f"({previous.label}/)", "envoi.deja")
        return previous.folder
    target = _new_folder(contribution_folder(workspace, contribution), when)
    _write(target, contribution, when, build, files, notes, workspace)
    report.info(where, None, f"brouillon du {french_date(date.fromisoformat(data['date']))} "
                f"enregistré comme envoyé le {french_date(when)} : "
                f"{workspace.relative(target)}/", "envoi.enregistre")
    return target


def _notes(data: dict) -> list[SentNote]:
    seen: dict[str, SentNote] = {}
    for anchor in data["ancres"]:
        seen.setdefault(anchor["path"], SentNote(anchor["path"], anchor["title"], anchor["crpv"],
                                                 anchor.get("status", ""),
                                                 anchor.get("content_hash", "")))
    return list(seen.values())


def _hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _new_folder(parent: Path, when: date) -> Path:
    name, number = when.isoformat(), 1
    while (parent / name).exists():
        number += 1
        name = f"{when.isoformat()}-{number}"
    return parent / name


def _write(target: Path, contribution: str, when: date, build: str, files: dict[str, Path],
           notes: list[SentNote], workspace: Workspace) -> None:
    """Everything in a temporary folder beside the target, then renamed: an interrupted
    envoi leaves no half-written folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".envoi-", dir=target.parent))
    try:
        for path in files.values():
            shutil.copyfile(path, staging / path.name)
        for note in notes:
            copy = staging / "notes" / note.path.removeprefix("sources/")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workspace.root / note.path, copy)
        (staging / MANIFEST).write_bytes(
            manifest_json(contribution, when.isoformat(), build, notes))
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run_envoi(contribution: str | None, workspace: Workspace, when: date,
              report: Report) -> list[Path]:
    """The command: one contribution, or every contribution that has a draft."""
    if contribution:
        if not (workspace.contributions / contribution / "contribution.yaml").is_file():
            report.error("contributions", None, f"contribution « {contribution} » introuvable",
                         "option.contribution")
            return []
        chosen = [contribution]
    else:
        chosen = contributions_with_draft(workspace)
        if not chosen:
            report.error("build", None, "aucun brouillon construit : lancez « make » avant "
                         "« make envoi »", "envoi.absent")
    recorded = [record_envoi(workspace, c, when, report) for c in chosen]
    return [folder for folder in recorded if folder is not None]
