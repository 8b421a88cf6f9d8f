"""Group: one contribution's document as data — its chapters, the notes under
each (once, under their first theme; « voir aussi » elsewhere) and the figures
of the method chapter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses
from pipeline.language.distinctive import distinctive_words
from pipeline.language.index import IndexEntry, build_index
from pipeline.model import Centre, Contribution, Note, Placement, Registry, Theme

UNCLASSIFIED = Theme("a-classer", "À classer",
                     "Notes dont le thème n'a pas encore été déterminé.")


@dataclass(frozen=True)
class Entry:
    note: Note
    centre: Centre
    themes: tuple[Theme, ...]  # the first is the chapter it appears in


@dataclass(frozen=True)
class Chapter:
    theme: Theme
    entries: tuple[Entry, ...]
    see_also: tuple[Entry, ...]
    distinctive: tuple[str, ...] = ()  # the lemmas that set its notes apart

    @property
    def anchor(self) -> str:
        return "theme-" + self.theme.id


@dataclass(frozen=True)
class Excluded:
    note: Note
    reason: str


@dataclass(frozen=True)
class Document:
    contribution: Contribution
    chapters: tuple[Chapter, ...]
    excluded: tuple[Excluded, ...]
    placements: tuple[Placement, ...]
    final: bool
    build_date: date
    index: tuple[IndexEntry, ...] = ()  # places and organisations, with the notes citing them

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for chapter in self.chapters for e in chapter.entries)

    def notes_per_centre(self) -> tuple[tuple[Centre, int], ...]:
        counts = Counter(e.centre for e in self.entries)
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0].name)))

    def territories(self) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
        places: dict[str, list[Entry]] = {}
        for entry in self.entries:
            label = entry.note.territory.label()
            if label:
                places.setdefault(label, []).append(entry)
        return tuple((label, tuple(places[label])) for label in sorted(places))


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
    return _with_language(document, language) if language else document


def _with_language(document: Document, language: Analyses) -> Document:
    notes = [e.note for e in document.entries]
    chapters = tuple(replace(c, distinctive=distinctive_words([e.note for e in c.entries], notes,
                                                                language))
                     for c in document.chapters)
    return replace(document, chapters=chapters, index=build_index(notes, language))


def _select(placements: tuple[Placement, ...], final: bool, contribution: Contribution,
            report: Report) -> tuple[list[Placement], list[Excluded]]:
    kept, excluded = [], []
    for placement in placements:
        note = placement.note
        if note.status == "brouillon":
            reason = "brouillon"
        elif final and note.status != "valide":
            reason = f"statut « {note.status} » : seules les notes validées entrent dans la " \
                     "version finale"
        else:
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
