"""``python -m pipeline``: the commands of the spec, with French messages and the
exit codes 0 (all good), 1 (some input was wrong), 2 (could not run)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline import outputs
from pipeline.cli.french import FrenchParser
from pipeline.diagnostics import ConfigurationError, Report
from pipeline.failures import explain
from pipeline.run import CANNOT_RUN, OK
from pipeline.workspace import Workspace


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
    build.add_argument("--format", default=",".join(outputs.names()), metavar="FORMATS",
                       help="formats, séparés par des virgules : " + " ; ".join(
                           f"{f.name} ({f.description})" for f in outputs.FORMATS))
    build.add_argument("--memoire", type=int, default=1500, metavar="MO",
                       help="mémoire que la construction peut prendre en tout, conversions "
                            "menées côte à côte comprises, en Mo (1500 par défaut ; davantage : "
                            "plus rapide pour de très grandes contributions)")
    build.add_argument("--temps", action="store_true",
                       help="affiche le temps de chaque étape, par contribution")
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
    apercu = commands.add_parser("apercu", parents=[common], help="aperçu en direct dans le "
                                 "navigateur, mis à jour à chaque enregistrement d'une note")
    apercu.add_argument("--port", type=int, default=8000, metavar="N",
                        help="port (8000 par défaut ; le suivant s'il est pris)")
    apercu.add_argument("--sans-navigateur", action="store_true",
                        help="n'ouvre pas le navigateur")
    apercu.add_argument("--contribution", action="append", default=[], metavar="ID",
                        help="identifiant de la contribution (toutes par défaut)")
    site = commands.add_parser("site", parents=[common], help="écrit le site public "
                               "d'observation du réseau (build/site/) : les notes validées "
                               "des contributions publiées, leur recherche, leurs flux")
    site.add_argument("--adresse", metavar="URL", help="adresse publique du site, par "
                      "exemple https://www.example.org/regards-croises/ (citations et flux "
                      "Atom ; sans elle, leurs liens restent relatifs)")
    commands.add_parser("guide", parents=[common],
                        help="affiche le tableau des champs d'une note (guide de rédaction)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    workspace = Workspace(Path(getattr(args, "workspace", Path.cwd())).resolve())
    report = Report(quiet=getattr(args, "quiet", False))
    if args.command != "guide" and not (workspace.root / "contributions").is_dir():
        report.error(str(workspace.root), None, "pas de dossier contributions/ ; lancez la "
                     "commande depuis l'espace de travail ou indiquez-le avec --workspace",
                     "espace.absent")
        report.print()
        return CANNOT_RUN
    try:
        code = _run(args, workspace, report)
    except KeyboardInterrupt:
        report.say("interrompu")
        return CANNOT_RUN
    except BrokenPipeError:  # « guide | head »: the reader has what it wanted
        _stdout_to_devnull()
        return OK
    except ConfigurationError as exc:  # the charter or the glossary: said with their lines
        report.diagnostics += exc.diagnostics
        report.print()
        return CANNOT_RUN
    except Exception as exc:  # the last guard: a message, never a traceback
        failure = explain(exc)
        report.error(failure.path or args.command, failure.line,
                     f"la commande n'a pas pu aboutir : {failure.message}", "interne")
        report.print()
        return CANNOT_RUN
    return code


def _stdout_to_devnull() -> None:
    """The closed pipe replaced by /dev/null, so that Python's own flush at exit does not
    fail on it again (and print « Exception ignored… BrokenPipeError »)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _run(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    from pipeline.cli import commands

    handler = {"check": commands.check, "build": commands.build,
               "new-note": commands.new_note, "guide": commands.guide,
               "themes": commands.themes, "review": commands.review,
               "envoi": commands.envoi, "apercu": commands.apercu,
               "site": commands.site}[args.command]
    return handler(args, workspace, report)
