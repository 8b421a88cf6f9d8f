"""The document of one contribution, as the group stage makes it and every output
reads it: its chapters, the notes under each, what was left out, the index."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from pipeline.model import Centre, Contribution, Note, Placement, Theme

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


def exclusion_reason(status: str, final: bool) -> str | None:
    """Why a valid note stays out of a contribution's document (None: it goes in)."""
    if status == "brouillon":
        return "brouillon"
    if final and status != "valide":
        return f"statut « {status} » : seules les notes validées entrent dans la version finale"
    return None


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


@dataclass(frozen=True)
class IndexEntry:
    name: str
    notes: tuple[Note, ...]  # in the order given
