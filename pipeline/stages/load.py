"""Load: read the registry, the contributions and the notes' files.

Configuration (registry, contributions) is typed here; a note keeps its front
matter untyped until the validate stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.coerce import SLUG, coerce
from pipeline.diagnostics import Report
from pipeline.model import Centre, Contribution, RawNote, Registry, Theme
from pipeline.office.reader import read_office_note
from pipeline.schema import CENTRE_FIELDS, CONTRIBUTION_FIELDS, THEME_FIELDS
from pipeline.textfile import decode, read_text
from pipeline.workspace import Workspace
from pipeline.yamlread import Located, YamlReadError, read_yaml, split_front_matter

NOTE_SUFFIXES = (".md",)
MAX_NOTE_BYTES = 5_000_000  # a few MB of text is legitimate; images sit beside the note
OFFICE_SUFFIXES = (".docx", ".odt")  # read by pipeline/office/reader.py
UNREADABLE_SUFFIXES = (".doc", ".rtf", ".txt", ".pages", ".docm")


@dataclass(frozen=True)
class Inputs:
    registry: Registry
    contributions: tuple[Contribution, ...]
    notes: tuple[RawNote, ...]
    configuration_ok: bool


def load(workspace: Workspace, report: Report) -> Inputs:
    registry, registry_ok = load_registry(workspace, report)
    contributions, contributions_ok = load_contributions(workspace, report)
    notes = load_notes(workspace, report)
    return Inputs(registry, contributions, notes, registry_ok and contributions_ok)


# --- configuration --------------------------------------------------------------

def _read_config(path: Path, workspace: Workspace, report: Report) -> Located | None:
    shown = workspace.relative(path)
    if not path.is_file():
        report.error(shown, None, "fichier introuvable", "config.absent")
        return None
    try:
        return read_yaml(read_text(path).text)
    except YamlReadError as exc:
        report.error(shown, exc.line, exc.message, "config.yaml")
        return None


def load_registry(workspace: Workspace, report: Report) -> tuple[Registry, bool]:
    path = workspace.contributions / "reseau.yaml"
    shown = workspace.relative(path)
    data = _read_config(path, workspace, report)
    if data is None:
        return Registry(()), False
    entries = data.value.get("centres") if isinstance(data.value, dict) else None
    if entries is None or not isinstance(entries.value, list):
        report.error(shown, data.line, "« centres » : la liste des centres de ressources "
                     "est attendue", "config.centres")
        return Registry(()), False
    centres, ok = [], True
    for entry in entries.value:
        fields = coerce(CENTRE_FIELDS, entry, shown, report, what="un centre")
        if not fields.ok:
            ok = False
            continue
        v = fields.values
        centres.append(Centre(str(v["id"]), str(v["nom"]), _opt(v, "region"), _opt(v, "site")))
    return Registry(tuple(centres)), ok


def load_contributions(workspace: Workspace, report: Report) -> tuple[tuple[Contribution, ...],
                                                                     bool]:
    folders = sorted(p for p in workspace.contributions.glob("*/") if p.is_dir())
    results, ok = [], True
    for folder in folders:
        contribution = load_contribution(folder, workspace, report)
        if contribution is None:
            ok = False
        else:
            results.append(contribution)
    return tuple(results), ok


def load_contribution(folder: Path, workspace: Workspace, report: Report) -> Contribution | None:
    path = folder / "contribution.yaml"
    shown = workspace.relative(path)
    if not SLUG.match(folder.name):
        report.error(workspace.relative(folder), None, "nom de dossier incorrect pour une "
                     "contribution (minuscules sans accents, chiffres et tirets)", "config.id")
        return None
    data = _read_config(path, workspace, report)
    if data is None:
        return None
    fields = coerce(CONTRIBUTION_FIELDS, data, shown, report, what="la contribution")
    themes = _themes(fields.values.get("themes", []), shown, report)
    if not fields.ok or themes is None:
        return None
    v = fields.values
    return Contribution(
        id=folder.name, path=shown, title=str(v["titre"]), subtitle=_opt(v, "sous_titre"),
        year=int(v["annee"]), recipient=str(v["destinataire"]),
        questions=tuple(v["questions"]), themes=themes,
        introduction=_optional_text(folder / "introduction.md"),
        lessons=_optional_text(folder / "enseignements.md"),
    )


def _themes(entries: list[Located], shown: str, report: Report) -> tuple[Theme, ...] | None:
    themes, seen, ok = [], set(), True
    for entry in entries:
        fields = coerce(THEME_FIELDS, entry, shown, report, what="un thème")
        if not fields.ok:
            ok = False
            continue
        v = fields.values
        if v["id"] in seen:
            report.error(shown, fields.lines["id"], f"thème « {v['id']} » en double",
                         "config.theme")
            ok = False
        seen.add(v["id"])
        themes.append(Theme(str(v["id"]), str(v["titre"]), str(v.get("description", "")),
                            tuple(v.get("mots_cles", ()))))
    return tuple(themes) if ok else None


def _opt(values: dict[str, object], key: str) -> str | None:
    value = values.get(key)
    return None if value is None else str(value)


def _optional_text(path: Path) -> str | None:
    return read_text(path).text if path.is_file() else None


# --- notes ----------------------------------------------------------------------

def load_notes(workspace: Workspace, report: Report) -> tuple[RawNote, ...]:
    notes = []
    root = workspace.sources.resolve()
    for path in sorted(workspace.sources.rglob("*")):
        shown = workspace.relative(path)
        suffix = path.suffix.lower()
        if not path.is_file() or path.name.startswith((".", "~$")):
            continue
        if not path.resolve().is_relative_to(root):
            report.error(workspace.relative_link(path), None, "lien symbolique vers un "
                         "fichier hors de sources/ : ignoré", "source.lien")
            continue
        if suffix in OFFICE_SUFFIXES:
            note = read_office_note(path, workspace, report)
            if note is not None:
                notes.append(note)
        elif suffix in UNREADABLE_SUFFIXES:
            report.error(shown, None, "format non pris en charge : une note s'écrit en Markdown "
                         "(.md), en Word (.docx) ou en LibreOffice (.odt)", "source.format")
        elif suffix in NOTE_SUFFIXES:
            note = read_note(path, workspace, report)
            if note is not None:
                notes.append(note)
    return tuple(notes)


def read_note(path: Path, workspace: Workspace, report: Report) -> RawNote | None:
    shown = workspace.relative(path)
    size = path.stat().st_size
    if size > MAX_NOTE_BYTES:
        report.error(shown, None, f"note trop volumineuse ({size / 1e6:.1f} Mo ; au plus "
                     f"{MAX_NOTE_BYTES // 1_000_000} Mo de texte) : placez les images à côté "
                     "de la note", "note.taille")
        return None
    data = path.read_bytes()
    decoded = decode(data)
    if "\x00" in decoded.text:
        report.error(shown, None, "fichier binaire : une note est un texte au format Markdown "
                     "(.md)", "note.binaire")
        return None
    if decoded.guessed:
        report.warning(shown, None, f"fichier non enregistré en UTF-8 ; lu comme "
                       f"{decoded.encoding}", "source.encodage")
    try:
        front, body, body_line = split_front_matter(decoded.text)
        front_matter = read_yaml(front, first_line=2)
    except YamlReadError as exc:
        report.error(shown, exc.line, exc.message, "note.entete")
        return None
    relative = path.relative_to(workspace.sources)
    return RawNote(
        path=shown, note_id=relative.with_suffix("").as_posix(),
        folder=relative.parts[0] if len(relative.parts) > 1 else "",
        front_matter=front_matter, body=body, body_line=body_line,
        content_hash=hashlib.sha256(data).hexdigest(),
    )
