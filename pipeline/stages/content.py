"""Content: a note must say something of its own. One still holding the template's
placeholders (« Prénom Nom », « Commune ») or help texts, or with no text under its
headings, is an error once it is up for review (``a-relire``, ``valide``) and a warning
while it is a ``brouillon``; either way it is never published as it is."""

from __future__ import annotations

import re
from functools import cache

from pipeline.diagnostics import Report
from pipeline.model import RawNote
from pipeline.workspace import PACKAGE_TEMPLATES

# What the templates put in the fields (templates/note-modele.md; pipeline/office/template.py).
PLACEHOLDERS = {"titre": "Titre de la note", "auteurs": "Prénom Nom",
                "commune": "Commune", "quartier": "Quartier"}
HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")


def normalise(text: str) -> str:
    """A paragraph compared without Markdown escapes, apostrophe style or line breaks."""
    text = text.replace("\\", "").replace("’", "'").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


@cache
def help_texts() -> frozenset[str]:
    """The help paragraphs under the template's headings."""
    text = (PACKAGE_TEMPLATES / "note-modele.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1]
    return frozenset(normalise(p) for _, p in paragraphs(body) if not HEADING.match(p))


def paragraphs(body: str) -> list[tuple[int, str]]:
    """Each paragraph (or heading) of a Markdown body, with the index of its first line."""
    found: list[tuple[int, str]] = []
    start, current = 0, []
    for index, line in enumerate([*body.split("\n"), ""]):
        if line.strip() and not HEADING.match(line):
            if not current:
                start = index
            current.append(line)
            continue
        if current:
            found.append((start, "\n".join(current)))
            current = []
        if HEADING.match(line):
            found.append((index, line))
    return found


def check_content(raw: RawNote, values: dict[str, object], lines: dict[str, int],
                  report: Report) -> bool:
    """Reports the placeholders, help texts and empty body left in ``raw``; False when
    one of them is an error (the note is then left out)."""
    status = str(values.get("statut", "brouillon"))
    problems = [*_placeholders(values, lines), *_body_problems(raw)]
    severity = "attention" if status == "brouillon" else "erreur"
    advice = "" if status == "brouillon" else \
        f" (la note est au statut « {status} » : elle n'est pas publiée ainsi)"
    for line, message, code in problems:
        report.add(raw.path, line, severity, message + advice, code)
    return severity != "erreur" or not problems


def _placeholders(values: dict[str, object], lines: dict[str, int]) -> list[tuple]:
    found = []
    place = values.get("territoire") or {}
    assert isinstance(place, dict)
    candidates = {"titre": [values.get("titre")], "auteurs": list(values.get("auteurs", ())),
                  "commune": [place.get("commune")], "quartier": [place.get("quartier")]}
    for name, placeholder in PLACEHOLDERS.items():
        if placeholder in candidates[name]:
            field = "territoire" if name in ("commune", "quartier") else name
            found.append((lines.get(field), f"« {placeholder} » est le texte du modèle : "
                          f"remplacez-le par votre {_what(name)}", "note.modele"))
    return found


def _what(name: str) -> str:
    return {"titre": "titre", "auteurs": "nom (Prénom Nom des auteurs)",
            "commune": "commune", "quartier": "quartier"}[name]


def _body_problems(raw: RawNote) -> list[tuple]:
    found, text = [], False
    helps = help_texts()
    for index, paragraph in paragraphs(raw.body):
        if HEADING.match(paragraph):
            continue
        line = raw.body_line + index if raw.body_line else None
        if normalise(paragraph) in helps:
            shown = " ".join(paragraph.split())
            found.append((line, f"texte d'aide du modèle laissé tel quel : « {shown[:60]}"
                          f"{'…' if len(shown) > 60 else ''} » ; remplacez-le par le vôtre",
                          "note.modele"))
        else:
            text = True
    if not text and not found:
        line = raw.body_line - 1 if raw.body_line else None
        found.append((line, "la note n'a pas de texte : écrivez-la sous son en-tête (Contexte, "
                      "Ce qui a été observé, Acteurs, Enseignements)", "note.vide"))
    return found
