"""``new-note``: a writer's new note, from the template, in their CRPV's folder."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

from pipeline.diagnostics import Report
from pipeline.office.fill import filled_template
from pipeline.run import BAD_INPUT, CANNOT_RUN, OK, build_date
from pipeline.stages.load import load_contributions, load_registry
from pipeline.templating import from_string
from pipeline.workspace import Workspace

NOTE_FORMATS = (".md", ".docx", ".odt")
COMMAND = "new-note"  # where the messages about its options point


def _ask(value: str | None, question: str) -> str | None:
    if value or not sys.stdin.isatty():
        return value
    return input(question).strip() or None


def create_note(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    """Makes the note, or says in ``report`` what stopped it; the exit code."""
    registry, registry_ok = load_registry(workspace, report)
    contributions, contributions_ok = load_contributions(workspace, report)
    if not (registry_ok and contributions_ok):
        return CANNOT_RUN  # the centres or contributions to choose from are unknown
    crpv = _ask(args.crpv, f"Votre centre ({', '.join(registry.ids())}) : ")
    title = _ask(args.titre, "Titre de la note : ")
    contribution = _ask(args.contribution, "Contribution ("
                        f"{', '.join(c.id for c in contributions)}) : ")
    if not crpv or registry.get(crpv) is None:
        report.error(COMMAND, None, "indiquez votre centre avec --crpv parmi : "
                     f"{', '.join(registry.ids())}", "option.crpv")
        return BAD_INPUT
    if not title:
        report.error(COMMAND, None, "indiquez le titre avec --titre \"…\"", "option.titre")
        return BAD_INPUT
    known = [c.id for c in contributions]
    if contribution not in known and not (contribution is None and len(known) == 1):
        report.error(COMMAND, None, "indiquez la contribution avec --contribution parmi : "
                     f"{', '.join(known)}", "option.contribution")
        return BAD_INPUT
    fmt = getattr(args, "format", None) or "md"
    folder = workspace.sources / crpv
    existing = [folder / f"{slugify(title)}{suffix}" for suffix in NOTE_FORMATS]
    taken = next((path for path in existing if path.exists()), None)
    if taken is not None:
        report.error(workspace.relative(taken), None, "existe déjà : rien n'a été modifié",
                     "note.existe")
        return BAD_INPUT
    target = folder / f"{slugify(title)}.{fmt}"
    values = {"titre": title, "crpv": crpv, "date": build_date().isoformat(),
              "contribution": contribution or known[0], "statut": "brouillon"}
    data = _markdown_note(workspace, values) if fmt == "md" else \
        filled_template(workspace.template(f"note-modele.{fmt}"), values)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as stream:
        stream.write(data)
    report.result(f"note créée : {workspace.relative(target)}")
    return OK


def _markdown_note(workspace: Workspace, values: dict[str, str]) -> bytes:
    template = workspace.template("note-modele.md").read_text(encoding="utf-8")
    text = from_string(template).render(
        titre=yaml_string(values["titre"]), crpv=values["crpv"], date=values["date"],
        contribution=values["contribution"],
    )
    return text.encode("utf-8")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "note"


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar
