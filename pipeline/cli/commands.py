"""The body of each command: run the stages, print the report, choose the exit code."""

from __future__ import annotations

import argparse

from pipeline import outputs
from pipeline.diagnostics import Report
from pipeline.run import BAD_INPUT, CANNOT_RUN, OK, build_date
from pipeline.schema import NOTE_FIELDS
from pipeline.typography import plural
from pipeline.workspace import Workspace


def _finish(report: Report, args: argparse.Namespace, *, configuration_ok: bool = True) -> int:
    if report.quiet:
        report.diagnostics = [d for d in report.diagnostics if d.severity != "info"]
    report.print()
    errors, warnings = report.count("erreur"), report.count("attention")
    report.say(f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}.")  # not -q
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
    report.say(f"{plural(found, 'note trouvée', 'notes trouvées')}{unreadable}, "
               f"{plural(valid, 'note valide', 'notes valides')}.")
    return _finish(report, args, configuration_ok=checked.inputs.configuration_ok)


def build(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.build import BuildOptions
    from pipeline.build import build as run_build

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = [f for f in formats if f not in outputs.names()]
    if unknown or not formats:
        report.error("--format", None, f"format inconnu : {', '.join(unknown) or '(aucun)'} ; "
                     f"formats possibles : {', '.join(outputs.names())}", "option.format")
        report.print()
        return CANNOT_RUN
    from pipeline.cli.progress import BuildProgress

    options = BuildOptions(build_date(), tuple(args.contribution), formats, args.final,
                           memory_budget=max(1, args.memoire) * 1_000_000)
    quiet = getattr(args, "quiet", False)
    with BuildProgress(quiet=quiet, verbose=getattr(args, "verbose", False)) as progress:
        result = run_build(workspace, options, report, progress)
    if not quiet:
        for path in result.written:
            report.result(f"écrit : {workspace.relative(path)}")
        for contribution_id in result.up_to_date:
            report.result(f"à jour : build/{contribution_id}/ (rien n'a changé)")
    if getattr(args, "temps", False):
        from pipeline.cli.timetable import times_table

        report.result(times_table(result), end="\n\n")
    code = _finish(report, args, configuration_ok=result.configuration_ok and not result.failed)
    return code


def themes(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.build import check as run_check
    from pipeline.language.table import text_table
    from pipeline.language.themes import RULE

    checked = run_check(workspace, report)
    for contribution in checked.inputs.contributions:
        report.result(text_table(contribution, checked.placements), end="\n\n")
    language = checked.language
    report.result(f"Règle : {RULE}.")
    report.say(f"Analyse de la langue : "
               f"{plural(language.analysed, 'note analysée', 'notes analysées')}, "
               f"{plural(language.cached, 'note lue', 'notes lues')} dans le cache.")
    return _finish(report, args, configuration_ok=checked.inputs.configuration_ok)


def new_note(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.cli.newnote import create_note

    code = create_note(args, workspace, report)
    report.print()  # no summary line: the note made, or what stopped it, says it all
    return code


def review(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.review.command import review_files
    from pipeline.stages.load import load_contributions

    contributions, configuration_ok = load_contributions(workspace, report)
    code = review_files(args, workspace, report, {c.id: c.title for c in contributions})
    if code is not None:
        report.print()
        return code
    return _finish(report, args, configuration_ok=configuration_ok)


def envoi(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.rounds.envoi import run_envoi

    run_envoi(args.contribution, workspace, build_date(), report)
    return _finish(report, args)


def apercu(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.preview.command import run_preview

    return run_preview(workspace, build_date(), port=args.port,
                       browser=not args.sans_navigateur, only=tuple(args.contribution))


def site(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    """The final editions of the contributions to publish (made again only when their
    inputs changed), then the site from the checked workspace."""
    from pipeline.build import BuildOptions
    from pipeline.build import build as run_build
    from pipeline.build import check as run_check
    from pipeline.cli.progress import BuildProgress
    from pipeline.site import Final, SiteInputs, build_site
    from pipeline.stages.load import load_contributions

    contributions, _ = load_contributions(workspace, Report())
    wanted = tuple(c.id for c in contributions if c.published and not c.off_site)
    failed: tuple[str, ...] = ()
    if wanted:
        own = Report()  # the check below reports the notes' diagnostics once
        with BuildProgress(quiet=getattr(args, "quiet", False),
                           verbose=getattr(args, "verbose", False)) as progress:
            made = run_build(workspace, BuildOptions(build_date(), wanted, final=True), own,
                             progress)
        failed = made.failed
        report.diagnostics += [d for d in own.diagnostics if d.code == "conversion"]
    checked = run_check(workspace, report)
    assert checked.charter is not None
    finals = {}
    for contribution_id in wanted:
        stem = workspace.build / contribution_id / "final" / contribution_id
        final = Final(stem.with_suffix(".pdf"), stem.with_suffix(".docx"))
        if contribution_id not in failed and final.pdf.is_file() and final.docx.is_file():
            finals[contribution_id] = final
    inputs = SiteInputs(checked.inputs.registry, checked.inputs.contributions,
                        checked.placements, checked.language, checked.people, finals,
                        getattr(args, "adresse", None))
    result = build_site(inputs, workspace, checked.charter, report)
    if result.built and result.synced is not None:
        synced = result.synced
        report.say(f"site : {plural(result.contributions, 'contribution')}, "
                   f"{plural(result.notes, 'note')} ; "
                   f"{plural(len(synced.written), 'fichier écrit', 'fichiers écrits')}, "
                   f"{plural(len(synced.removed), 'fichier supprimé', 'fichiers supprimés')}, "
                   f"{plural(synced.kept, 'fichier inchangé', 'fichiers inchangés')}.")
        report.result(f"écrit : {workspace.relative(workspace.build / 'site')}/index.html")
    return _finish(report, args, configuration_ok=checked.inputs.configuration_ok)


def guide(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    report.result(fields_table())
    return OK


def fields_table() -> str:
    """The writer's guide's table of a note's fields, made from the schema."""
    rows = ["| Champ | Obligatoire | Ce qu'il contient | Exemple |", "|---|---|---|---|"]
    for spec in NOTE_FIELDS:
        rows.append(f"| `{spec.name}` | {'oui' if spec.required else 'non'} | "
                    f"{spec.description} | `{spec.name}: {spec.example}` |")
    return "\n".join(rows)
