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
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")  # what the notes filter accepts
RESAVE_DOCX = "enregistrez-le au format « Document Word (.docx) »"
RESAVE_ODT = "enregistrez-le au format « Texte OpenDocument (.odt) »"
# Files a writer may drop in sources/ that are not read, and what to do about each.
UNREADABLE = {
    ".doc": f"ancien format Word (.doc) : ouvrez-le dans Word ou LibreOffice et {RESAVE_DOCX}",
    ".docm": f"document Word avec macros (.docm) : {RESAVE_DOCX}, sans macros",
    ".dotx": "modèle Word (.dotx), pas une note : ouvrez-le, remplissez-le et "
             + RESAVE_DOCX,
    ".dotm": f"modèle Word avec macros (.dotm), pas une note : {RESAVE_DOCX}",
    ".dot": f"modèle Word (.dot), pas une note : {RESAVE_DOCX}",
    ".ott": f"modèle LibreOffice (.ott), pas une note : ouvrez-le, remplissez-le et {RESAVE_ODT}",
    ".fodt": f"document LibreOffice « à plat » (.fodt) : {RESAVE_ODT}",
    ".rtf": f"format RTF : ouvrez-le dans Word ou LibreOffice et {RESAVE_DOCX}",
    ".pages": "document Pages : exportez-le au format Word (.docx) depuis Pages",
    ".pdf": "un PDF ne se relit pas comme une note : placez ici le document d'origine (.docx, "
            ".odt) ou recopiez son texte dans une note .md (voir templates/note-modele.md)",
    ".txt": "fichier texte (.txt) : une note en Markdown porte l'extension .md ; renommez-le "
            "et ajoutez-lui l'en-tête de templates/note-modele.md",
    ".markdown": "une note en Markdown porte l'extension .md : renommez le fichier",
    ".odm": f"document maître LibreOffice (.odm) : {RESAVE_ODT}",
}
OTHER_IMAGES = (".svg", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".avif")
UNREADABLE_SUFFIXES = tuple(UNREADABLE)


@dataclass(frozen=True)
class Inputs:
    registry: Registry
    contributions: tuple[Contribution, ...]
    notes: tuple[RawNote, ...]
    configuration_ok: bool
    files: tuple[str, ...] = ()  # every note-like file found, read or not
    images: tuple[str, ...] = ()  # the PNG/JPEG/GIF files under sources/


@dataclass(frozen=True)
class Sources:
    """What ``sources/`` holds: the notes read, every note-like file, the images."""

    notes: tuple[RawNote, ...]
    files: tuple[str, ...]
    images: tuple[str, ...]


def load(workspace: Workspace, report: Report) -> Inputs:
    registry, registry_ok = load_registry(workspace, report)
    contributions, contributions_ok = load_contributions(workspace, report)
    sources = load_sources(workspace, report)
    return Inputs(registry, contributions, sources.notes, registry_ok and contributions_ok,
                  sources.files, sources.images)


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


# Said with every unknown centre: where centres are declared, and how one is added.
NEW_CENTRE = ("pour ajouter un centre, inscrivez-le dans contributions/reseau.yaml, sous "
              "« centres: », avec son identifiant et son nom (« - id: mon-centre », "
              "« nom: Mon centre »)")


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
        published=v.get("publication"), off_site=bool(v.get("hors_site", False)),
        lines=dict(fields.lines),
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
    return load_sources(workspace, report).notes


def load_sources(workspace: Workspace, report: Report) -> Sources:
    """Every file under ``sources/`` is read as a note, counted as an image, or named
    with what to do about it."""
    notes, files, images = [], [], []
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
        if suffix in IMAGE_SUFFIXES:
            images.append(shown)
            continue
        if suffix in OTHER_IMAGES:
            report.warning(shown, None, f"image au format {suffix[1:].upper()}, que les notes "
                           "n'acceptent pas : enregistrez-la en PNG ou en JPEG",
                           "source.image")
            continue
        if suffix not in (*OFFICE_SUFFIXES, *NOTE_SUFFIXES, *UNREADABLE_SUFFIXES):
            report.warning(shown, None, "fichier ignoré : ni une note (.md, .docx, .odt) ni "
                           "une image (PNG, JPEG, GIF) ; rangez-le hors de sources/",
                           "source.inconnu")
            continue
        files.append(shown)
        if suffix in OFFICE_SUFFIXES:
            note = read_office_note(path, workspace, report)
        elif suffix in UNREADABLE_SUFFIXES:
            report.error(shown, None, f"format non pris en charge : {UNREADABLE[suffix]}",
                         "source.format")
            note = None
        else:
            note = read_note(path, workspace, report)
        if note is not None:
            notes.append(note)
    return Sources(tuple(notes), tuple(files), tuple(images))


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
