"""``new-note``: a writer's new note, from the template, in their CRPV's folder."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import jinja2

from pipeline.cli.commands import slugify, yaml_string
from pipeline.cli.main import BAD_INPUT, OK, build_date
from pipeline.coerce import suggestion
from pipeline.diagnostics import Report
from pipeline.office.fill import filled_template
from pipeline.stages.load import load_contributions, load_registry
from pipeline.typography import french_spacing
from pipeline.workspace import Workspace

NOTE_FORMATS = (".md", ".docx", ".odt")


def _ask(value: str | None, question: str, problem: Callable[[str], str | None]) -> str | None:
    """The value given as an option, else the writer's answer, checked as it is given
    and asked again while it is wrong; None when nothing is given (or no one to ask)."""
    if value is not None:
        return value
    while True:
        try:
            answer = input(french_spacing(question)).strip()
        except (EOFError, OSError):  # no terminal, or stdin closed
            return None
        if not answer:
            return None
        wrong = problem(answer)
        if wrong is None:
            return answer
        print(french_spacing(wrong), file=sys.stderr, flush=True)


def _say(message: str) -> int:
    print(french_spacing(message), file=sys.stderr)
    return BAD_INPUT


def create_note(args: argparse.Namespace, workspace: Workspace) -> int:
    report = Report()
    registry, _ = load_registry(workspace, report)
    contributions, _ = load_contributions(workspace, report)
    centres = sorted(registry.ids())
    known = sorted(c.id for c in contributions)

    def wrong_centre(answer: str) -> str | None:
        if registry.get(answer) is not None:
            return None
        return (f"centre « {answer} » inconnu{suggestion(answer, centres)} ; centres : "
                f"{', '.join(centres)}")

    def wrong_contribution(answer: str) -> str | None:
        if answer in known:
            return None
        return (f"contribution « {answer} » inconnue{suggestion(answer, known)} ; "
                f"contributions : {', '.join(known)}")

    crpv = _ask(args.crpv, f"Votre centre ({', '.join(centres)}) : ", wrong_centre)
    if not crpv:
        return _say(f"indiquez votre centre avec --crpv parmi : {', '.join(centres)}")
    if wrong_centre(crpv):
        return _say(str(wrong_centre(crpv)))
    title = _ask(args.titre, "Titre de la note : ", lambda answer: None)
    if not title:
        return _say("indiquez le titre avec --titre \"…\"")
    contribution = args.contribution
    if contribution is None and len(known) != 1:
        contribution = _ask(None, f"Contribution ({', '.join(known)}) : ", wrong_contribution)
        if contribution is None:
            return _say(f"indiquez la contribution avec --contribution parmi : "
                        f"{', '.join(known)}")
    if contribution is not None and wrong_contribution(contribution):
        return _say(str(wrong_contribution(contribution)))
    fmt = getattr(args, "format", None) or "md"
    folder = workspace.sources / crpv
    existing = [folder / f"{slugify(title)}{suffix}" for suffix in NOTE_FORMATS]
    taken = next((path for path in existing if path.exists()), None)
    if taken is not None:
        return _say(f"{workspace.relative(taken)} existe déjà : rien n'a été modifié")
    target = folder / f"{slugify(title)}.{fmt}"
    values = {"titre": title, "crpv": crpv, "date": build_date().isoformat(),
              "contribution": contribution or known[0], "statut": "brouillon"}
    data = _markdown_note(workspace, values) if fmt == "md" else \
        filled_template(workspace.template(f"note-modele.{fmt}"), values)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as stream:
        stream.write(data)
    print(french_spacing(f"note créée : {workspace.relative(target)}"))
    return OK


def _markdown_note(workspace: Workspace, values: dict[str, str]) -> bytes:
    template = workspace.template("note-modele.md").read_text(encoding="utf-8")
    text = jinja2.Template(template, undefined=jinja2.StrictUndefined).render(
        titre=yaml_string(values["titre"]), crpv=values["crpv"], date=values["date"],
        contribution=values["contribution"],
    )
    return text.encode("utf-8")
