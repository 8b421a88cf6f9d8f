"""Enrich: decide, for each contribution a note names, under which themes it goes.

Declared themes are kept when that contribution has them; a note left without
any goes to « À classer » (the text-based suggestion comes in a later stage of
the product's development).
"""

from __future__ import annotations

from pipeline.diagnostics import Report
from pipeline.model import Contribution, Note, Placement


def enrich(notes: tuple[Note, ...], contributions: tuple[Contribution, ...],
           report: Report) -> tuple[Placement, ...]:
    by_id = {c.id: c for c in contributions}
    return tuple(
        place(note, by_id[contribution_id], report)
        for note in notes
        for contribution_id in note.contributions
        if contribution_id in by_id
    )


def place(note: Note, contribution: Contribution, report: Report) -> Placement:
    themes = tuple(t for t in note.themes if t in contribution.theme_ids())
    if themes:
        return Placement(note, contribution.id, themes, "déclarés")
    reason = ("aucun thème déclaré" if not note.themes
              else "aucun des thèmes déclarés n'appartient à cette contribution")
    report.info(note.path, note.lines.get("themes"), f"« {contribution.id} » : note placée dans "
                f"« À classer » ({reason})", "theme.a-classer")
    return Placement(note, contribution.id, (), "à classer", reason)
