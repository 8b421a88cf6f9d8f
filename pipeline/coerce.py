"""Turn a YAML mapping into typed values following a schema, reporting every
problem with its line: the one place where field types are checked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from pipeline.diagnostics import Report
from pipeline.schema import FieldSpec
from pipeline.yamlread import Located

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A day typed « JJ/MM/AAAA » in a Word/LibreOffice table that does not exist, kept as typed
# (pipeline/office/fields.py) so that the message shows what the writer wrote.
FRENCH_DATE_TAG = "date-jj-mm-aaaa"


@dataclass(frozen=True)
class Fields:
    values: dict[str, object]
    lines: dict[str, int]
    ok: bool


def suggestion(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """« (vouliez-vous dire « x » ?) » for a near miss, else an empty string."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def coerce(specs: tuple[FieldSpec, ...], data: Located, path: str, report: Report,
           *, what: str = "la note") -> Fields:
    if not isinstance(data.value, dict):
        report.error(path, data.line, f"l'en-tête de {what} doit être une liste de champs "
                     "« nom: valeur »", "yaml.forme")
        return Fields({}, {}, False)
    known = [s.name for s in specs]
    for key, located in data.value.items():
        if key not in known:
            report.warning(path, located.line, f"champ « {key} » inconnu, ignoré"
                           f"{suggestion(key, known)}", "champ.inconnu")
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    ok = True
    for spec in specs:
        located = data.value.get(spec.name)
        if located is None or located.value is None or located.value == []:
            if spec.required:
                report.error(path, data.line, f"champ obligatoire « {spec.name} » manquant "
                             f"(exemple : {spec.name}: {spec.example})", "champ.manquant")
                ok = False
            continue
        lines[spec.name] = located.line
        try:
            values[spec.name] = _CONVERTERS[spec.kind](spec, located)
        except _FieldError as exc:
            report.error(path, located.line, exc.message, f"champ.{spec.name}")
            ok = False
    return Fields(values, lines, ok)


class _FieldError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _text(spec: FieldSpec, located: Located) -> str:
    if not isinstance(located.value, str):
        raise _FieldError(f"« {spec.name} » doit être un texte (exemple : {spec.example})")
    text = " ".join(located.value.split())
    if not text:
        raise _FieldError(f"« {spec.name} » est vide")
    return text


def _text_list(spec: FieldSpec, located: Located) -> tuple[str, ...]:
    items = located.value if isinstance(located.value, list) else [located]
    texts = tuple(_text(spec, item) for item in items if item.value is not None)
    if not texts:
        raise _FieldError(f"« {spec.name} » doit contenir au moins un élément "
                          f"(exemple : {spec.name}: {spec.example})")
    return texts


def _identifier(spec: FieldSpec, located: Located) -> str:
    text = _text(spec, located)
    if not SLUG.match(text):
        raise _FieldError(f"« {spec.name} » : identifiant « {text} » incorrect (minuscules "
                          "sans accents, chiffres et tirets, par exemple " + spec.example + ")")
    return text


def _identifier_list(spec: FieldSpec, located: Located) -> tuple[str, ...]:
    items = located.value if isinstance(located.value, list) else [located]
    ids = tuple(_identifier(spec, item) for item in items)
    if not ids:
        raise _FieldError(f"« {spec.name} » est une liste vide")
    return ids


def _date(spec: FieldSpec, located: Located) -> date:
    text = _text(spec, located)
    if located.tag == FRENCH_DATE_TAG:
        raise _FieldError(f"date « {text} » invalide : ce jour n'existe pas (attendu "
                          "JJ/MM/AAAA, par exemple 12/03/2024)")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise _FieldError(f"date « {text} » invalide : attendu AAAA-MM-JJ, une date qui existe "
                          f"(exemple : {spec.example})") from None


def _choice(spec: FieldSpec, located: Located) -> str:
    text = _text(spec, located)
    if text not in spec.choices:
        raise _FieldError(f"{spec.name} « {text} » inconnu{suggestion(text, spec.choices)} : "
                          f"valeurs possibles {', '.join(spec.choices)}")
    return text


def _place(spec: FieldSpec, located: Located) -> dict[str, str]:
    if isinstance(located.value, str):
        return {"commune": _text(spec, located)}
    if not isinstance(located.value, dict):
        raise _FieldError(f"« {spec.name} » doit préciser commune et quartier "
                          f"(exemple : {spec.name}: {spec.example})")
    place: dict[str, str] = {}
    for key, value in located.value.items():
        if key not in ("commune", "quartier"):
            raise _FieldError(f"« {spec.name} » : « {key} » inconnu, seuls commune et "
                              f"quartier sont possibles{suggestion(key, ['commune', 'quartier'])}")
        if value.value is not None:
            place[key] = _text(spec, value)
    return place


def _year(spec: FieldSpec, located: Located) -> int:
    text = _text(spec, located)
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise _FieldError(f"année « {text} » invalide (exemple : {spec.example})")
    return int(text)


def _records(spec: FieldSpec, located: Located) -> list[Located]:
    if not isinstance(located.value, list) or not located.value:
        raise _FieldError(f"« {spec.name} » doit être une liste non vide")
    return located.value


_CONVERTERS = {
    "text": _text, "text_list": _text_list, "id": _identifier, "id_list": _identifier_list,
    "date": _date, "choice": _choice, "place": _place, "year": _year, "records": _records,
}
