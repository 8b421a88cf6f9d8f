"""``python -m pipeline review FICHIER.docx…``: read the reviewers' files, attribute
each remark to its note, and write ``build/<contribution>/revue.html`` and ``.csv``."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.coerce import suggestion
from pipeline.diagnostics import Report
from pipeline.office.package import OfficeFileError
from pipeline.review.attribute import Attributor, Sources, load_anchors
from pipeline.review.model import ReviewedFile
from pipeline.review.reading import read_review
from pipeline.review.report import merge, write_csv, write_html
from pipeline.run import CANNOT_RUN
from pipeline.typography import plural
from pipeline.workspace import Workspace

NO_CONTRIBUTION = "revue-sans-contribution"
REVIEW_SUFFIXES = (".docx", ".docm")


def reviewer_files(args: argparse.Namespace, workspace: Workspace) -> list[Path]:
    """The files named on the command line, else ``reviews/*/*.docx`` of the workspace."""
    if args.files:
        return [Path(f) for f in args.files]
    found = sorted(workspace.root.glob("reviews/*/*.docx"))
    return [p for p in found if not p.name.startswith(("~$", "."))]


def run_review(args: argparse.Namespace, workspace: Workspace, report: Report,
               known: set[str]) -> dict[str, list[ReviewedFile]]:
    """Each readable file, under the contribution it belongs to."""
    by_contribution: dict[str, list[ReviewedFile]] = {}
    for path in reviewer_files(args, workspace):
        shown = workspace.relative(path)
        reviewed = _read(path, shown, report)
        if reviewed is not None:
            contribution = _contribution(reviewed, path, args, known, workspace, report)
            by_contribution.setdefault(contribution, []).append(reviewed)
    return by_contribution


def _read(path: Path, shown: str, report: Report) -> ReviewedFile | None:
    if not path.is_file():
        report.error(shown, None, "fichier introuvable", "revue.fichier")
        return None
    if path.suffix.lower() not in REVIEW_SUFFIXES:
        report.error(shown, None, "seuls les fichiers Word sont lus : enregistrez la relecture "
                     "au format « Document Word (.docx) »", "revue.format")
        return None
    try:
        return read_review(path, shown)
    except OfficeFileError as exc:
        report.error(shown, None, exc.message, "revue.fichier")
        return None


def _contribution(reviewed: ReviewedFile, path: Path, args: argparse.Namespace,
                  known: set[str], workspace: Workspace, report: Report) -> str:
    """The draft's own property, else ``--contribution``, else the reviews/<id>/ folder."""
    if reviewed.contribution in known:
        return str(reviewed.contribution)
    if reviewed.contribution:
        report.warning(reviewed.path, None, f"contribution « {reviewed.contribution} » du "
                       "document inconnue dans contributions/", "revue.contribution")
    if args.contribution:
        return str(args.contribution)
    folder = path.resolve().parent
    if folder.parent == (workspace.root / "reviews").resolve() and folder.name in known:
        return folder.name
    report.info(reviewed.path, None, "ce document ne dit pas de quelle contribution il est le "
                f"projet (il ne vient pas de la chaîne) : remarques rangées dans "
                f"build/{NO_CONTRIBUTION}/ et attribuées à aucune note (précisez "
                "--contribution)", "revue.contribution")
    return NO_CONTRIBUTION


def write_outputs(contribution: str, files: list[ReviewedFile], workspace: Workspace,
                  known: set[str], sources: Sources) -> tuple[list[Path], int]:
    anchors = load_anchors(workspace, contribution if contribution in known else None, sources)
    attributor = Attributor(workspace, anchors)
    found = [attributor.attribute(r) for f in files for r in f.remarks]
    items = merge(found)
    folder = workspace.build / contribution
    names = [f.path for f in files]
    write_html(items, contribution, names, workspace, folder / "revue.html")
    write_csv(items, folder / "revue.csv")
    return [folder / "revue.html", folder / "revue.csv"], len(items)


def summary(contribution: str, count: int, outputs: list[Path], workspace: Workspace,
            report: Report) -> None:
    for path in outputs:
        report.result(f"écrit : {workspace.relative(path)}")
    report.say(f"{contribution} : {plural(count, 'remarque')}.")


def review_files(args: argparse.Namespace, workspace: Workspace, report: Report,
                 known: set[str], sources: Sources) -> int | None:
    """The whole command, given the contributions' ids and a reader of the sources (for
    drafts that left no map of their notes); an exit code when it cannot run, else None
    (the report says)."""
    if args.contribution and args.contribution not in known:
        report.error("contributions", None, f"contribution « {args.contribution} » introuvable"
                     f"{suggestion(args.contribution, sorted(known))}", "option.contribution")
        return CANNOT_RUN
    if not reviewer_files(args, workspace):
        report.error("reviews", None, "aucun fichier de relecture : rangez les fichiers des "
                     "relecteurs dans reviews/<contribution>/ (par exemple "
                     "reviews/culture-2024/dupont.docx), ou nommez-les : python -m pipeline "
                     "review FICHIER.docx…", "revue.aucun")
        return CANNOT_RUN
    for contribution, files in sorted(run_review(args, workspace, report, known).items()):
        outputs, count = write_outputs(contribution, files, workspace, known, sources)
        summary(contribution, count, outputs, workspace, report)
    return None
