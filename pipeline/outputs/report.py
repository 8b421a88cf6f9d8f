"""The build report of a contribution: what went in, what was left out and why."""

from __future__ import annotations

from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.document import Document
from pipeline.files import write_atomic
from pipeline.language.table import markdown_table
from pipeline.outcome import Outcome
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def build_report_text(document: Document, report: Report,
                      outcome: Outcome | None = None) -> str:
    contribution = document.contribution
    kind = "version finale" if document.final else "version de travail (PROJET)"
    lines = [f"# Rapport de construction — {contribution.title}", "",
             f"Construit le {french_date(document.build_date)}, {kind}.", "",
             "## Notes retenues", ""]
    for chapter in document.chapters:
        lines.append(f"### {chapter.theme.title} ({len(chapter.entries)})")
        lines.append("")
        lines += [f"- {e.note.path} — {e.note.title} ({e.centre.name}, {e.note.status})"
                  for e in chapter.entries] or ["- (aucune)"]
        lines.append("")
    lines += ["## Notes laissées de côté", ""]
    left = [f"- {x.note.path} — {x.reason}" for x in document.excluded]
    left += [f"- {x.path} — {x.reason}" for x in (outcome.failed if outcome else ())]
    lines += sorted(left) or ["- (aucune)"]
    lines += ["", "## Thèmes", ""]
    lines += markdown_table(contribution, document.placements)
    # Those of its notes, of its folder, and of the files that name no readable contribution.
    diagnostics = outcome.diagnostics if outcome else report.diagnostics
    problems = Report([d for d in diagnostics if d.severity != "info"]).lines()
    lines += ["", "## Erreurs et avertissements", ""]
    lines += [f"- {p}" for p in problems] or ["- (aucun)"]
    return "\n".join(lines) + "\n"


def write_build_report(document: Document, workspace: Workspace, report: Report,
                       outcome: Outcome | None = None) -> Path:
    target = workspace.build / document.contribution.id / "rapport.md"
    write_atomic(target, build_report_text(document, report, outcome).encode("utf-8"))
    return target
