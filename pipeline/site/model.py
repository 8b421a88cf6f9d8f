"""What the site shows: the published notes and contributions, collected from the
checked records (``SiteInputs``) under the final edition's rules.

Published: a contribution with a ``publication`` date, not ``hors_site``, whose final
edition was made; its ``valide`` notes that are not ``hors_site``, with residents'
names as initials exactly as in the final edition (``language/redact.py``). A note's
address is its ``identifiant`` (``notes/<identifiant>/``): its identity, never its
title, file name or position."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.geography import Commune
from pipeline.language.analysis import Analyses
from pipeline.language.privacy import PossibleName
from pipeline.language.redact import protect_residents
from pipeline.model import Centre, Contribution, Note, Placement, Registry, Theme


@dataclass(frozen=True)
class Final:
    """A contribution's final edition, as ``build --final`` wrote it."""

    pdf: Path
    docx: Path


@dataclass(frozen=True)
class SiteInputs:
    """What the orchestration hands the site: the checked workspace and the finals made."""

    registry: Registry
    contributions: tuple[Contribution, ...]
    placements: tuple[Placement, ...]
    language: Analyses
    people: tuple[PossibleName, ...]
    finals: dict[str, Final] = field(default_factory=dict)  # contribution id → its files
    base_url: str | None = None  # the site's public address, when known (feeds, citations)


@dataclass(frozen=True)
class SiteNote:
    note: Note  # residents' names as initials
    key: str  # its permanent identifier: notes/<key>/
    centre: Centre
    contributions: tuple[Contribution, ...]  # the published ones it belongs to
    themes: tuple[Theme, ...]  # its themes there, the main one first
    commune: Commune | None  # its territory in the official geography
    published: date  # the first publication of a contribution holding it

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({c.year for c in self.contributions}))

    @property
    def path(self) -> str:
        return f"notes/{self.key}/index.html"


@dataclass(frozen=True)
class Site:
    contributions: tuple[Contribution, ...]  # published, newest first
    notes: tuple[SiteNote, ...]  # newest first
    registry: Registry
    themes: dict[str, Theme]  # by id, the newest contribution's wording
    finals: dict[str, Final]
    base_url: str | None


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


def collect(inputs: SiteInputs, report: Report) -> Site:
    """The published contributions and notes; each problem reported with its line."""
    published = [c for c in inputs.contributions if c.published and not c.off_site]
    for contribution in published:
        if contribution.id not in inputs.finals:
            report.error(contribution.path, contribution.lines.get("publication"),
                         "contribution à publier sur le site sans version finale : sa version "
                         "finale n'a pas pu être faite (voir les messages ci-dessus)",
                         "site.finale")
    published = sorted((c for c in published if c.id in inputs.finals),
                       key=lambda c: (-c.year, c.published, c.id))
    by_id = {c.id: c for c in published}
    placements, _, _ = protect_residents(
        [p for p in inputs.placements if p.contribution_id in by_id
         and p.note.status == "valide" and not p.note.off_site],
        inputs.language, inputs.people, final=True)
    themes: dict[str, Theme] = {}
    for contribution in reversed(published):  # the newest wording wins
        themes.update({t.id: t for t in contribution.themes})
    notes = _notes(placements, by_id, inputs.registry, report)
    return Site(tuple(published), notes, inputs.registry, themes, dict(inputs.finals),
                inputs.base_url)


def _notes(placements: list[Placement], contributions: dict[str, Contribution],
           registry: Registry, report: Report) -> tuple[SiteNote, ...]:
    by_path: dict[str, list[Placement]] = {}
    for placement in placements:
        by_path.setdefault(placement.note.path, []).append(placement)
    taken = {p[0].note.permanent_id: path for path, p in by_path.items()
             if p[0].note.permanent_id}
    notes = []
    for _path, own in sorted(by_path.items()):
        note = own[0].note
        key = note.permanent_id or _fallback_key(note, taken, report)
        if key is None:
            continue
        centre = registry.get(note.crpv) or Centre(note.crpv, note.crpv)
        held = tuple(sorted((contributions[p.contribution_id] for p in own),
                            key=lambda c: (c.year, c.id)))
        themes = []
        for placement in own:
            known = {t.id: t for t in contributions[placement.contribution_id].themes}
            themes += [known[t] for t in placement.themes if t in known and known[t] not in themes]
        commune = note.territory.official  # matched by validate (pipeline/geography.py)
        first = min(c.published for c in held if c.published)
        notes.append(SiteNote(note, key, centre, held, tuple(themes), commune, first))
    return tuple(sorted(notes, key=lambda n: (n.published, n.note.date, n.key), reverse=True))


def _fallback_key(note: Note, taken: dict[str, str], report: Report) -> str | None:
    """A note without ``identifiant``: its address from its path, said so (a renamed file
    would move it)."""
    key = slug(note.note_id)
    if key in taken:
        report.error(note.path, note.lines.get("titre"), f"note sans identifiant, dont "
                     f"l'adresse sur le site (notes/{key}/) est l'identifiant de {taken[key]} : "
                     "ajoutez-lui un identifiant", "site.identifiant")
        return None
    report.warning(note.path, note.lines.get("titre"), f"note sans identifiant : son adresse "
                   f"sur le site (notes/{key}/) dépend du nom de son fichier ; ajoutez "
                   f"« identifiant: {key} » à son en-tête pour la garder", "site.identifiant")
    return key
