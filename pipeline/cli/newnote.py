"""``new-note``: a writer's new note, from the template, in their CRPV's folder."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable

from pipeline.coerce import suggestion
from pipeline.diagnostics import Report
from pipeline.office.fill import filled_template
from pipeline.run import BAD_INPUT, CANNOT_RUN, OK, build_date
from pipeline.stages.load import NEW_CENTRE, load_contributions, load_registry
from pipeline.templating import from_string
from pipeline.typography import french_spacing
from pipeline.workspace import Workspace

NOTE_FORMATS = (".md", ".docx", ".odt")
COMMAND = "new-note"  # where the messages about its options point


def _ask(value: str | None, question: str, problem: Callable[[str], str | None],
         report: Report) -> str | None:
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
        print(french_spacing(wrong), file=sys.stderr, flush=True)  # an answer's: even if -q


def create_note(args: argparse.Namespace, workspace: Workspace, report: Report) -> int:
    """Makes the note, or says in ``report`` what stopped it; the exit code."""
    registry, registry_ok = load_registry(workspace, report)
    contributions, contributions_ok = load_contributions(workspace, report)
    if not (registry_ok and contributions_ok):
        return CANNOT_RUN  # the centres or contributions to choose from are unknown
    centres = sorted(registry.ids())
    known = sorted(c.id for c in contributions)

    def wrong_centre(answer: str) -> str | None:
        if registry.get(answer) is not None:
            return None
        return (f"centre « {answer} » inconnu{suggestion(answer, centres)} ; centres : "
                f"{', '.join(centres)} ; {NEW_CENTRE}")

    def wrong_contribution(answer: str) -> str | None:
        if answer in known:
            return None
        return (f"contribution « {answer} » inconnue{suggestion(answer, known)} ; "
                f"contributions : {', '.join(known)}")

    def refuse(message: str, option: str) -> int:
        report.error(COMMAND, None, message, f"option.{option}")
        return BAD_INPUT

    crpv = _ask(args.crpv, f"Votre centre ({', '.join(centres)}) : ", wrong_centre, report)
    if not crpv:
        return refuse(f"indiquez votre centre avec --crpv parmi : {', '.join(centres)}", "crpv")
    if wrong_centre(crpv):
        return refuse(str(wrong_centre(crpv)), "crpv")
    title = _ask(args.titre, "Titre de la note : ", lambda answer: None, report)
    if not title:
        return refuse("indiquez le titre avec --titre \"…\"", "titre")
    contribution = args.contribution
    if contribution is None and len(known) != 1:
        contribution = _ask(None, f"Contribution ({', '.join(known)}) : ", wrong_contribution,
                            report)
        if contribution is None:
            return refuse(f"indiquez la contribution avec --contribution parmi : "
                          f"{', '.join(known)}", "contribution")
    if contribution is not None and wrong_contribution(contribution):
        return refuse(str(wrong_contribution(contribution)), "contribution")
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
              "contribution": contribution or known[0], "statut": "brouillon",
              "identifiant": permanent_id(crpv, build_date().year, title)}
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
        contribution=values["contribution"], identifiant=values["identifiant"],
    )
    return text.encode("utf-8")


def permanent_id(crpv: str, year: int, title: str) -> str:
    """The note's ``identifiant``, its address on the site: made once, from the centre,
    the year and the title's first words, then kept whatever becomes of the title."""
    words, size = [], 0
    for word in slugify(title).split("-"):
        if size + len(word) > 30 and words:
            break
        words.append(word)
        size += len(word) + 1
    return "-".join([crpv, str(year), *words])


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "note"


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar
