"""Enrich: decide, for each contribution a note names, under which themes it goes.

Declared themes are kept when that contribution has them, and never overridden.
A note left without any is given the theme its text points to, when the evidence
is clear (the rule: ``pipeline/language/themes.py``), and otherwise goes to
« À classer » with the reason. A declared note whose text points strongly
elsewhere gets an information line.
"""

from __future__ import annotations

from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses
from pipeline.language.themes import HINT_RATIO, Suggestion, decimal, suggest
from pipeline.model import Contribution, Note, Placement


def enrich(notes: tuple[Note, ...], contributions: tuple[Contribution, ...],
           report: Report, language: Analyses | None = None) -> tuple[Placement, ...]:
    by_id = {c.id: c for c in contributions}
    return tuple(
        place(note, by_id[contribution_id], report, language)
        for note in notes
        for contribution_id in note.contributions
        if contribution_id in by_id
    )


def place(note: Note, contribution: Contribution, report: Report,
          language: Analyses | None = None) -> Placement:
    analysis = language.get(note) if language else None
    suggestion = suggest(analysis, contribution, language.keywords) if analysis else None
    themes = tuple(t for t in note.themes if t in contribution.theme_ids())
    if themes:
        return _declared(note, contribution, themes, suggestion, report)
    if suggestion and suggestion.best and suggestion.clear:
        best = suggestion.best
        report.info(note.path, note.lines.get("titre"), f"« {contribution.id} » : thème "
                    f"« {best.theme.title} » proposé d'après le texte (score "
                    f"{decimal(best.score)} ; mots : {best.words()})", "theme.propose")
        return Placement(note, contribution.id, (best.theme.id,), "proposé", "", best.score,
                         best.words())
    reason = ("aucun thème déclaré" if not note.themes
              else "aucun des thèmes déclarés n'appartient à cette contribution")
    if suggestion:
        reason += f" ; {suggestion.reason}"
    line = note.lines.get("themes") or note.lines.get("titre")
    report.info(note.path, line, f"« {contribution.id} » : note placée dans "
                f"« À classer » ({reason})", "theme.a-classer")
    best = suggestion.best if suggestion else None
    return Placement(note, contribution.id, (), "à classer", reason,
                     best.score if best else 0.0, best.words() if best else "")


def _declared(note: Note, contribution: Contribution, themes: tuple[str, ...],
              suggestion: Suggestion | None, report: Report) -> Placement:
    if suggestion is None:
        return Placement(note, contribution.id, themes, "déclarés")
    declared = [s for s in suggestion.scores if s.theme.id in themes]
    best, hint = suggestion.best, ""
    if (best and suggestion.clear and best.theme.id not in themes
            and best.score >= HINT_RATIO * max((s.score for s in declared), default=0.0)):
        by_id = {t.id: t for t in contribution.themes}
        titles = ", ".join(f"« {by_id[t].title} »" for t in themes)
        hint = f"le texte évoque surtout le thème « {best.theme.title} » (mots : {best.words()})"
        report.info(note.path, note.lines.get("themes"), f"« {contribution.id} » : {hint} ; "
                    f"thèmes déclarés : {titles}", "theme.indice")
    first = suggestion.score_of(themes[0])
    return Placement(note, contribution.id, themes, "déclarés", hint,
                     first.score if first else 0.0, first.words() if first else "")
