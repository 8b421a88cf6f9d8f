"""``python -m pipeline``: the commands of the spec, with French messages and the
exit codes 0 (all good), 1 (some input was wrong), 2 (could not run)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from pipeline.cli.french import FrenchParser
from pipeline.diagnostics import Report
from pipeline.typography import french_spacing
from pipeline.workspace import Workspace

OK, BAD_INPUT, CANNOT_RUN = 0, 1, 2


def build_date() -> date:
    """The one date of a build: ``SOURCE_DATE_EPOCH`` when set, for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def parser() -> argparse.ArgumentParser:
    common = FrenchParser(add_help=False)
    common.add_argument("--workspace", type=Path, default=argparse.SUPPRESS, metavar="DOSSIER",
                        help="dossier de travail (par défaut : le dossier courant)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="n'affiche que les erreurs et les avertissements")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="affiche aussi le temps de chaque étape")
    common.add_argument("--strict", action="store_true", default=argparse.SUPPRESS,
                        help="les avertissements comptent comme des erreurs")
    main = FrenchParser(prog="python -m pipeline", parents=[common],
                                   description="Regards croisés : des notes des CRPV aux "
                                   "contributions du réseau.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMANDE",
                                   title="commandes")
    commands.add_parser("check", parents=[common], help="vérifie toutes les notes")
    build = commands.add_parser("build", parents=[common], help="construit les documents")
    build.add_argument("--contribution", action="append", default=[], metavar="ID",
                       help="identifiant de la contribution (toutes par défaut)")
    build.add_argument("--format", default="docx,pdf,html", metavar="FORMATS",
                       help="formats : docx,pdf,html")
    build.add_argument("--memoire", type=int, default=1500, metavar="MO",
                       help="mémoire que les conversions menées côte à côte peuvent prendre "
                            "ensemble, en Mo (1500 par défaut ; davantage : plus rapide pour "
                            "de très grandes contributions)")
    build.add_argument("--final", action="store_true",
                       help="version finale : sans mention PROJET, notes validées seulement")
    note = commands.add_parser("new-note", parents=[common], help="commence une note")
    note.add_argument("--crpv", metavar="CENTRE", help="identifiant de votre centre (ex. oriv)")
    note.add_argument("--titre", metavar="TITRE", help="titre de la note")
    note.add_argument("--contribution", metavar="ID", help="identifiant de la contribution")
    note.add_argument("--format", choices=("md", "docx", "odt"), default="md",
                      help="md (Markdown, par défaut), docx (Word) ou odt (LibreOffice)")
    commands.add_parser("themes", parents=[common], help="affiche, pour chaque note, son "
                        "thème déclaré ou proposé d'après le texte, le score et les mots trouvés")
    review = commands.add_parser("review", parents=[common], help="rapporte les remarques des "
                                 "relecteurs (commentaires, modifications suivies) aux notes")
    review.add_argument("files", nargs="*", metavar="FICHIER",
                        help="fichiers des relecteurs, .docx ou .odt (par défaut : ceux de "
                             "reviews/*/)")
    review.add_argument("--contribution", metavar="ID",
                        help="contribution des fichiers qui ne le disent pas")
    envoi = commands.add_parser("envoi", parents=[common], help="enregistre le brouillon "
                                "actuel comme envoyé aux relecteurs (envois/<contribution>/)")
    envoi.add_argument("--contribution", metavar="ID",
                       help="identifiant de la contribution (toutes par défaut)")
    commands.add_parser("guide", parents=[common],
                        help="affiche le tableau des champs d'une note (guide de rédaction)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    workspace = Workspace(Path(getattr(args, "workspace", Path.cwd())).resolve())
    if args.command != "guide" and not (workspace.root / "contributions").is_dir():
        print(french_spacing(f"{workspace.root} : pas de dossier contributions/ ; lancez la "
                             "commande depuis l'espace de travail ou indiquez-le avec "
                             "--workspace"), file=sys.stderr)
        return CANNOT_RUN
    report = Report()
    try:
        code = _run(args, workspace, report)
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return CANNOT_RUN
    except Exception as exc:  # the last guard: a message, never a traceback
        report.print()
        print(french_spacing(f"erreur : la commande n'a pas pu aboutir ({type(exc).__name__} : "
                             f"{exc})"), file=sys.stderr)
        return CANNOT_RUN
    return code


def _run(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.cli import commands

    handler = {"check": commands.check, "build": commands.build,
               "new-note": commands.new_note, "guide": commands.guide,
               "themes": commands.themes, "review": commands.review,
               "envoi": commands.envoi}[args.command]
    return handler(args, workspace, report)
