"""The build report of a contribution: what went in, what was left out and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.files import write_atomic
from pipeline.language.redact import Replacement, names_section
from pipeline.language.table import markdown_table
from pipeline.stages.group import Document
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def build_report_text(document: Document, report: Report,
                      names: Sequence[Replacement] = ()) -> str:
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
    lines += [f"- {x.note.path} — {x.reason}" for x in document.excluded] or ["- (aucune)"]
    lines += ["", "## Thèmes", ""]
    lines += markdown_table(contribution, document.placements)
    lines += ["", *names_section(names, document.final)]
    # A note with errors names no contribution we can trust: every problem is listed.
    problems = [str(d) for d in report.diagnostics if d.severity != "info"]
    lines += ["", "## Erreurs et avertissements de l'espace de travail", ""]
    lines += [f"- {p}" for p in problems] or ["- (aucun)"]
    return "\n".join(lines) + "\n"


def write_build_report(document: Document, workspace: Workspace, report: Report,
                       names: Sequence[Replacement] = ()) -> Path:
    target = workspace.build / document.contribution.id / "rapport.md"
    write_atomic(target, build_report_text(document, report, names).encode("utf-8"))
    return target
