"""The build report of a contribution: what went in, what was left out and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.document import Document
from pipeline.files import write_atomic
from pipeline.language.redact import Replacement, names_section
from pipeline.language.table import markdown_table
from pipeline.outcome import Outcome
from pipeline.outputs.changes import SinceSent
from pipeline.outputs.edition import edition_folder
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def build_report_text(document: Document, report: Report,
                      since: SinceSent | None = None,
                      names: Sequence[Replacement] = (),
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
    lines += changes_since_sent(since)
    lines += ["", "## Thèmes", ""]
    lines += markdown_table(contribution, document.placements)
    lines += ["", *names_section(names, document.final)]
    # Those of its notes, of its folder, and of the files that name no readable contribution.
    diagnostics = outcome.diagnostics if outcome else report.diagnostics
    problems = Report([d for d in diagnostics if d.severity != "info"]).lines()
    lines += ["", "## Erreurs et avertissements", ""]
    lines += [f"- {p}" for p in problems] or ["- (aucun)"]
    return "\n".join(lines) + "\n"


def changes_since_sent(since: SinceSent | None) -> list[str]:
    """The notes changed since the last draft sent (``envoi``), when there is one."""
    if since is None:
        return []
    changes = since.changes
    lines = ["", f"## Changements depuis l'envoi du {french_date_of(since.sent.date)}", "",
             f"Le fichier `{since.sent.contribution}-changements.docx` les montre en "
             f"modifications suivies (brouillon envoyé : `{since.sent.label}/`).", ""]
    for title, anchors in (("Notes modifiées", changes.modified),
                           ("Notes ajoutées", changes.added),
                           ("Notes retirées", changes.removed)):
        lines.append(f"- {title} : " + (", ".join(since.paths(anchors)) or "aucune"))
    return lines


def french_date_of(iso: str) -> str:
    from datetime import date

    return french_date(date.fromisoformat(iso))


def write_build_report(document: Document, workspace: Workspace, report: Report,
                       since: SinceSent | None = None,
                       names: Sequence[Replacement] = (),
                       outcome: Outcome | None = None) -> Path:
    target = edition_folder(workspace, document.contribution.id, document.final) / "rapport.md"
    write_atomic(target, build_report_text(document, report, since, names,
                                                           outcome).encode("utf-8"))
    return target
