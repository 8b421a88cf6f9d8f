"""Turn a YAML mapping into typed values following a schema, reporting every
problem with its line: the one place where field types are checked."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.diagnostics import ConfigurationError, Diagnostic, Report
from pipeline.schema import PLACE_KEYS, FieldSpec
from pipeline.textfile import read_text
from pipeline.yamlread import Located, YamlReadError, read_yaml

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
        if located is not None and located.value == [] and spec.required:  # written, empty
            report.error(path, located.line, f"{_list_name(spec)} est vide : il faut au moins "
                         f"un élément (exemple : {spec.name}: {spec.example})", "champ.vide")
            ok = False
            continue
        if located is None or located.value is None or located.value == []:
            if spec.required:
                report.error(path, data.line, f"champ obligatoire « {spec.name} » manquant "
                             f"(exemple : {spec.name}: {spec.example})", "champ.manquant")
                ok = False
            continue
        lines[spec.name] = located.line
        value = coerce_value(spec, located, path, report)
        if value is None:
            ok = False
        else:
            values[spec.name] = value
    return Fields(values, lines, ok)


def coerce_value(spec: FieldSpec, located: Located, path: str, report: Report) -> object | None:
    """One value following its declaration; None, and the problem reported, if wrong."""
    try:
        return _CONVERTERS[spec.kind](spec, located)
    except _FieldError as exc:
        report.error(path, exc.line or located.line, exc.message, f"champ.{spec.name}")
        return None


def read_checked(path: Path, shown: str, report: Report | None,
                 read: Callable[[Located, Report], object]) -> object:
    """A YAML file a user edits (the charter, the glossary), read and checked by ``read``
    (which reports into the report it is given and returns None when wrong). Its
    warnings go to ``report``; its errors raise ``ConfigurationError``: the command
    cannot run without it."""
    own = Report()
    try:
        value = read(read_yaml(read_text(path).text), own)
    except YamlReadError as exc:
        raise ConfigurationError((Diagnostic(shown, exc.line, "erreur", exc.message,
                                             "config.yaml"),)) from None
    if value is None or own.count("erreur"):
        raise ConfigurationError(tuple(own.diagnostics))
    if report is not None:
        report.diagnostics += own.diagnostics
    return value


class _FieldError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line  # of the part of the value that is wrong, if not its first


def _list_name(spec: FieldSpec) -> str:
    """« la liste des auteurs » (from the field's French label), else « la liste « x » »."""
    if not spec.label:
        return f"la liste « {spec.name} »"
    noun = spec.label.lower()
    return f"la liste des {noun if noun.endswith('s') else noun + 's'}"


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
        if key not in PLACE_KEYS:
            raise _FieldError(f"« {spec.name} » : « {key} » inconnu, seuls "
                              f"{', '.join(PLACE_KEYS[:-1])} et {PLACE_KEYS[-1]} sont possibles"
                              f"{suggestion(key, PLACE_KEYS)}", value.line)
        if value.value is not None:
            place[key] = _text(spec, value)
    return place


def _year(spec: FieldSpec, located: Located) -> int:
    text = _text(spec, located)
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise _FieldError(f"année « {text} » invalide (exemple : {spec.example})")
    return int(text)


YES = ("oui", "true", "yes", "vrai")
NO = ("non", "false", "no", "faux")


def _yes_no(spec: FieldSpec, located: Located) -> bool:
    text = _text(spec, located) if isinstance(located.value, str) else ""
    if text.casefold() in YES:
        return True
    if text.casefold() in NO:
        return False
    raise _FieldError(f"« {spec.name} » doit valoir oui ou non (exemple : {spec.name}: "
                      f"{spec.example})")


def _records(spec: FieldSpec, located: Located) -> list[Located]:
    if not isinstance(located.value, list) or not located.value:
        raise _FieldError(f"« {spec.name} » doit être une liste non vide")
    return located.value


COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def _mapping(spec: FieldSpec, located: Located,
             convert: Callable[[FieldSpec, str, Located], object]) -> dict[str, object]:
    """A mapping of names (``spec.choices``, all of them; or any names) to values."""
    if not isinstance(located.value, dict):
        raise _FieldError(f"« {spec.name} » doit être une liste de « nom: valeur » "
                          f"(exemple : {spec.name}: {spec.example})")
    for name, value in located.value.items():
        if spec.choices and name not in spec.choices:
            raise _FieldError(f"« {spec.name} » : « {name} » inconnu"
                              f"{suggestion(name, spec.choices)} ; noms possibles : "
                              f"{', '.join(spec.choices)}", value.line)
    missing = [name for name in spec.choices if name not in located.value]
    if missing:
        raise _FieldError(f"« {spec.name} » : {', '.join(missing)} manquant"
                          f"{'s' if len(missing) > 1 else ''} (exemple : {spec.name}: "
                          f"{spec.example})")
    return {name: convert(spec, name, value) for name, value in located.value.items()}


def _color(spec: FieldSpec, name: str, located: Located) -> str:
    if not isinstance(located.value, str) or not COLOR.fullmatch(located.value.strip()):
        raise _FieldError(f"« {spec.name} » : couleur « {name} » incorrecte ({located.value}) : "
                          "attendu #RRGGBB entre guillemets, par exemple \"#1F4E79\"",
                          located.line)
    return located.value.strip()


def _named_text(spec: FieldSpec, name: str, located: Located) -> str:
    if not isinstance(located.value, str) or not located.value.strip():
        raise _FieldError(f"« {spec.name} » : « {name} » doit être un texte", located.line)
    return " ".join(located.value.split())


def _number(spec: FieldSpec, name: str, located: Located) -> float:
    try:
        number = float(located.value) if isinstance(located.value, str) else -1.0
    except ValueError:
        number = -1.0
    if not number > 0 or located.tag not in ("int", "float"):
        raise _FieldError(f"« {spec.name} » : « {name} » doit être un nombre positif "
                          f"({located.value} ; exemple : {spec.example})", located.line)
    return number


_CONVERTERS = {
    "text": _text, "text_list": _text_list, "id": _identifier, "id_list": _identifier_list,
    "date": _date, "choice": _choice, "place": _place, "year": _year, "records": _records,
    "yes_no": _yes_no,
    "colors": lambda spec, located: _mapping(spec, located, _color),
    "texts": lambda spec, located: _mapping(spec, located, _named_text),
    "numbers": lambda spec, located: _mapping(spec, located, _number),
}
