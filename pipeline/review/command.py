"""``python -m pipeline review FICHIER…``: read the reviewers' files, find the draft
each was made on, place each remark on its note, and write
``build/<contribution>/revue.html``, ``revue.csv`` and one page per centre."""

from __future__ import annotations

import argparse
from collections.abc import Collection, Mapping
from pathlib import Path

from pipeline.coerce import suggestion
from pipeline.diagnostics import Report
from pipeline.office.package import OfficeFileError
from pipeline.review.attribute import Attributed, Attributor, unplaced
from pipeline.review.drafts import Drafts
from pipeline.review.formats import is_review_file
from pipeline.review.model import ReviewedFile
from pipeline.review.reading import read_review
from pipeline.review.report import merge, write_centre_pages, write_csv, write_html
from pipeline.run import CANNOT_RUN, COMMAND
from pipeline.typography import plural
from pipeline.workspace import Workspace

NO_CONTRIBUTION = "revue-sans-contribution"


def reviewer_files(args: argparse.Namespace, workspace: Workspace) -> list[Path]:
    """The files named on the command line, else every file of ``reviews/*/``: each is
    read, or named with the reason it is not."""
    if args.files:
        return [Path(f) for f in args.files]
    return [p for p in sorted(workspace.root.glob("reviews/*/*")) if is_review_file(p)]


def run_review(args: argparse.Namespace, workspace: Workspace, report: Report,
               known: Collection[str]) -> dict[str, list[ReviewedFile]]:
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
    try:
        return read_review(path, shown)
    except OfficeFileError as exc:
        report.error(shown, None, exc.message, "revue.fichier")
        return None


def _contribution(reviewed: ReviewedFile, path: Path, args: argparse.Namespace,
                  known: Collection[str], workspace: Workspace, report: Report) -> str:
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


def place_remarks(contribution: str, files: list[ReviewedFile], workspace: Workspace,
                  known: Collection[str],
                  report: Report) -> tuple[list[Attributed], dict[str, str]]:
    """Every remark of every file, placed with the draft it was made on, or listed as
    not placed with the reason; and the draft each file was made on."""
    drafts = Drafts(workspace, contribution) if contribution in known else None
    found, made_on = [], {}
    for reviewed in files:
        draft = _draft_of(reviewed, drafts, contribution, report)
        if draft is None:
            reason = ("non placée : le document ne dit pas de quelle contribution il est le "
                      "projet" if drafts is None else "non placée : brouillon inconnu")
            found += [unplaced(r, reason) for r in reviewed.remarks]
            made_on[reviewed.path] = "brouillon inconnu"
            continue
        made_on[reviewed.path] = draft.label
        attributor = Attributor(workspace, draft, reviewed.bookmarks_found)
        found += [a for r in reviewed.remarks for a in attributor.attribute_all(r)]
    return found, made_on


def _draft_of(reviewed: ReviewedFile, drafts: Drafts | None, contribution: str,
              report: Report):
    if drafts is None:
        return None
    draft = drafts.by_build(reviewed.build)
    if draft is None:
        draft = drafts.by_content(reviewed.texts)
        if draft is not None:
            report.info(reviewed.path, None, f"fait sur le {draft.label}, reconnu d'après son "
                        "contenu", "revue.brouillon")
    if draft is None:
        build = f" (construction {reviewed.build})" if reviewed.build else ""
        report.warning(reviewed.path, None, f"brouillon inconnu{build} : ce fichier ne vient "
                       f"d'aucun brouillon enregistré dans envois/{contribution}/ ni du "
                       f"brouillon actuel ; ses remarques sont listées sans note dans "
                       f"build/{contribution}/revue.csv (enregistrez chaque brouillon envoyé "
                       "avec « make envoi »)", "revue.brouillon-inconnu")
    elif draft.sent is None:  # what the README promises: never recorded, said
        report.warning(reviewed.path, None, "fait sur le brouillon actuel, jamais enregistré "
                       "comme envoyé : enregistrez chaque brouillon avant de l'envoyer aux "
                       "relecteurs (« make envoi »), sinon les remarques faites dessus ne "
                       "pourront plus être placées quand les notes auront changé",
                       "revue.brouillon-non-envoye")
    elif draft.build != drafts.drafts[-1].build:
        report.info(reviewed.path, None, f"fait sur le {draft.label} : lignes reportées sur "
                    "le texte actuel des notes", "revue.brouillon")
    return draft


def write_outputs(contribution: str, files: list[ReviewedFile], workspace: Workspace,
                  known: Mapping[str, str], report: Report) -> tuple[list[Path], int]:
    found, made_on = place_remarks(contribution, files, workspace, known, report)
    items = merge(found)
    folder = workspace.build / contribution
    title = known.get(contribution, "documents sans contribution")
    write_html(items, contribution, made_on, workspace, folder / "revue.html", title=title)
    write_csv(items, folder / "revue.csv")
    pages = write_centre_pages(items, contribution, made_on, workspace, folder / "revue",
                               title)
    return [folder / "revue.html", folder / "revue.csv", *pages], len(items)


def summary(contribution: str, count: int, outputs: list[Path], workspace: Workspace,
            report: Report) -> None:
    for path in [] if report.quiet else outputs:
        report.result(f"écrit : {workspace.relative(path)}")
    report.say(f"{contribution} : {plural(count, 'remarque')}.")


def review_files(args: argparse.Namespace, workspace: Workspace, report: Report,
                 known: Mapping[str, str]) -> int | None:
    """The whole command, given the contributions (id → title); an exit code when it
    cannot run, else None (the report says)."""
    if args.contribution and args.contribution not in known:
        report.error("contributions", None, f"contribution « {args.contribution} » introuvable"
                     f"{suggestion(args.contribution, sorted(known))}", "option.contribution")
        return CANNOT_RUN
    if not reviewer_files(args, workspace):
        report.error("reviews", None, "aucun fichier de relecture : rangez les fichiers des "
                     "relecteurs (.docx ou .odt) dans reviews/<contribution>/ (par exemple "
                     "reviews/culture-2024/dupont.docx), ou nommez-les : "
                     f"{COMMAND} review FICHIER…", "revue.aucun")
        return CANNOT_RUN
    for contribution, files in sorted(run_review(args, workspace, report, known).items()):
        outputs, count = write_outputs(contribution, files, workspace, known, report)
        summary(contribution, count, outputs, workspace, report)
    return None
