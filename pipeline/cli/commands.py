"""The body of each command: run the stages, print the report, choose the exit code."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

from pipeline.cli.main import BAD_INPUT, CANNOT_RUN, OK, build_date
from pipeline.diagnostics import Report
from pipeline.schema import NOTE_FIELDS
from pipeline.typography import NBSP, french_spacing, plural
from pipeline.workspace import Workspace


def _finish(report: Report, args: argparse.Namespace, *, configuration_ok: bool = True) -> int:
    if getattr(args, "quiet", False):
        report.diagnostics = [d for d in report.diagnostics if d.severity != "info"]
    report.print()
    errors, warnings = report.count("erreur"), report.count("attention")
    print(f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}.", file=sys.stderr)
    if not configuration_ok:
        return CANNOT_RUN
    if errors or (warnings and getattr(args, "strict", False)):
        return BAD_INPUT
    return OK


def check(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.build import check as run_check

    checked = run_check(workspace, report)
    valid = len({p.note.path for p in checked.placements})
    found = len(checked.inputs.files) or len(checked.inputs.notes)
    unread = found - len(checked.inputs.notes)
    unreadable = f" (dont {plural(unread, 'illisible')})" if unread else ""
    print(f"{plural(found, 'note trouvée', 'notes trouvées')}{unreadable}, "
          f"{plural(valid, 'note valide', 'notes valides')}.", file=sys.stderr)
    return _finish(report, args, configuration_ok=checked.inputs.configuration_ok)


def build(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.build import BuildOptions
    from pipeline.build import build as run_build
    from pipeline.stages.convert import FORMATS

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(french_spacing(f"format inconnu : {', '.join(unknown) or '(aucun)'} ; formats "
                             f"possibles : {', '.join(FORMATS)}"), file=sys.stderr)
        return CANNOT_RUN
    from pipeline.cli.progress import BuildProgress

    options = BuildOptions(build_date(), tuple(args.contribution), formats, args.final,
                           memory_budget=max(1, args.memoire) * 1_000_000)
    quiet = getattr(args, "quiet", False)
    with BuildProgress(quiet=quiet, verbose=getattr(args, "verbose", False)) as progress:
        result = run_build(workspace, options, report, progress)
    if not quiet:
        for path in result.written:
            print(f"écrit{NBSP}: {workspace.relative(path)}")
        for contribution_id in result.up_to_date:
            print(f"à jour{NBSP}: build/{contribution_id}/ (rien n'a changé)")
    code = _finish(report, args, configuration_ok=result.configuration_ok and not result.failed)
    return code


def themes(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.build import check as run_check
    from pipeline.language.table import text_table
    from pipeline.language.themes import RULE

    checked = run_check(workspace, report)
    for contribution in checked.inputs.contributions:
        print(text_table(contribution, checked.placements), end="\n\n")
    language = checked.language
    print(f"Règle{NBSP}: {RULE}.")
    analysed = plural(language.analysed, 'note analysée', 'notes analysées')
    cached = plural(language.cached, 'note lue', 'notes lues')
    print(f"Analyse de la langue{NBSP}: {analysed}, {cached} dans le cache.", file=sys.stderr)
    return _finish(report, args, configuration_ok=checked.inputs.configuration_ok)


def new_note(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.cli.newnote import create_note

    return create_note(args, workspace)


def review(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.review.command import review_files

    code = review_files(args, workspace, report)
    return code if code is not None else _finish(report, args)


def envoi(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.rounds.envoi import run_envoi

    run_envoi(args.contribution, workspace, build_date(), report)
    return _finish(report, args)


def guide(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    print(fields_table())
    return OK


def fields_table() -> str:
    """The writer's guide's table of a note's fields, made from the schema."""
    rows = ["| Champ | Obligatoire | Ce qu'il contient | Exemple |", "|---|---|---|---|"]
    for spec in NOTE_FIELDS:
        rows.append(f"| `{spec.name}` | {'oui' if spec.required else 'non'} | "
                    f"{spec.description} | `{spec.name}: {spec.example}` |")
    return "\n".join(rows)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "note"


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar
