"""Group: one contribution's document as data — its chapters, the notes under
each (once, under their first theme; « voir aussi » elsewhere) and the figures
of the method chapter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.diagnostics import Report
from pipeline.document import (
    UNCLASSIFIED,
    Chapter,
    Document,
    Entry,
    Excluded,
    exclusion_reason,
)
from pipeline.language.analysis import Analyses
from pipeline.language.distinctive import distinctive_words
from pipeline.language.index import build_index
from pipeline.model import Centre, Contribution, Note, Placement, Registry, Theme


def group(contribution: Contribution, placements: tuple[Placement, ...], registry: Registry,
          report: Report, *, final: bool, build_date: date,
          language: Analyses | None = None) -> Document:
    mine = tuple(p for p in placements if p.contribution_id == contribution.id)
    kept, excluded = _select(mine, final, contribution, report)
    themes = {t.id: t for t in contribution.themes}
    entries = [Entry(p.note, _centre(p.note, registry),
                     tuple(themes[t] for t in p.themes) or (UNCLASSIFIED,)) for p in kept]
    entries.sort(key=lambda e: (e.note.date, e.note.title, e.note.note_id))
    chapters = [_chapter(theme, entries) for theme in contribution.themes]
    unclassified = _chapter(UNCLASSIFIED, entries)
    if unclassified.entries:
        chapters.append(unclassified)
    document = Document(contribution, tuple(chapters), tuple(excluded), mine, final, build_date)
    return _with_language(document, language, registry) if language else document


def _with_language(document: Document, language: Analyses, registry: Registry) -> Document:
    notes = [e.note for e in document.entries]
    chapters = tuple(replace(c, distinctive=distinctive_words([e.note for e in c.entries], notes,
                                                                language))
                     for c in document.chapters)
    index = build_index(notes, language, _centre_names(registry))
    return replace(document, chapters=chapters, index=index)


def _centre_names(registry: Registry) -> tuple[str, ...]:
    """The network's centres, by name and id: the index leaves them out."""
    return tuple(name for c in registry.centres for name in (c.name, c.id))


def _select(placements: tuple[Placement, ...], final: bool, contribution: Contribution,
            report: Report) -> tuple[list[Placement], list[Excluded]]:
    kept, excluded = [], []
    for placement in placements:
        note = placement.note
        reason = exclusion_reason(note.status, final)
        if reason is None:
            kept.append(placement)
            continue
        excluded.append(Excluded(note, reason))
        report.info(note.path, note.lines.get("statut"), f"« {contribution.id} » : note laissée "
                    f"de côté ({reason})", "note.exclue")
    return kept, excluded


def _centre(note: Note, registry: Registry) -> Centre:
    centre = registry.get(note.crpv)
    assert centre is not None, "validated notes name a known CRPV"
    return centre


def _chapter(theme: Theme, entries: list[Entry]) -> Chapter:
    first = tuple(e for e in entries if e.themes[0] == theme)
    also = tuple(e for e in entries if theme in e.themes[1:])
    return Chapter(theme, first, also)
