"""``new-note``: a writer's new note, from the template, in their CRPV's folder."""

from __future__ import annotations

import argparse
import sys

import jinja2

from pipeline.cli.commands import slugify, yaml_string
from pipeline.cli.main import BAD_INPUT, OK, build_date
from pipeline.diagnostics import Report
from pipeline.office.fill import filled_template
from pipeline.stages.load import load_contributions, load_registry
from pipeline.workspace import Workspace

NOTE_FORMATS = (".md", ".docx", ".odt")


def _ask(value: str | None, question: str) -> str | None:
    if value or not sys.stdin.isatty():
        return value
    return input(question).strip() or None


def create_note(args: argparse.Namespace, workspace: Workspace) -> int:
    report = Report()
    registry, _ = load_registry(workspace, report)
    contributions, _ = load_contributions(workspace, report)
    crpv = _ask(args.crpv, f"Votre centre ({', '.join(registry.ids())}) : ")
    title = _ask(args.titre, "Titre de la note : ")
    contribution = _ask(args.contribution, "Contribution ("
                        f"{', '.join(c.id for c in contributions)}) : ")
    if not crpv or registry.get(crpv) is None:
        print(f"indiquez votre centre avec --crpv parmi : {', '.join(registry.ids())}",
              file=sys.stderr)
        return BAD_INPUT
    if not title:
        print("indiquez le titre avec --titre \"…\"", file=sys.stderr)
        return BAD_INPUT
    known = [c.id for c in contributions]
    if contribution not in known and not (contribution is None and len(known) == 1):
        print(f"indiquez la contribution avec --contribution parmi : {', '.join(known)}",
              file=sys.stderr)
        return BAD_INPUT
    fmt = getattr(args, "format", None) or "md"
    folder = workspace.sources / crpv
    existing = [folder / f"{slugify(title)}{suffix}" for suffix in NOTE_FORMATS]
    taken = next((path for path in existing if path.exists()), None)
    if taken is not None:
        print(f"{workspace.relative(taken)} existe déjà : rien n'a été modifié", file=sys.stderr)
        return BAD_INPUT
    target = folder / f"{slugify(title)}.{fmt}"
    values = {"titre": title, "crpv": crpv, "date": build_date().isoformat(),
              "contribution": contribution or known[0], "statut": "brouillon"}
    data = _markdown_note(workspace, values) if fmt == "md" else \
        filled_template(workspace.template(f"note-modele.{fmt}"), values)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as stream:
        stream.write(data)
    print(f"note créée : {workspace.relative(target)}")
    return OK


def _markdown_note(workspace: Workspace, values: dict[str, str]) -> bytes:
    template = workspace.template("note-modele.md").read_text(encoding="utf-8")
    text = jinja2.Template(template, undefined=jinja2.StrictUndefined).render(
        titre=yaml_string(values["titre"]), crpv=values["crpv"], date=values["date"],
        contribution=values["contribution"],
    )
    return text.encode("utf-8")
