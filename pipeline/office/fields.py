"""From the metadata table's rows (or the document's properties) to the same
``Located`` mapping a Markdown note's YAML front matter gives, so that the schema's
coercion and the validation run unchanged."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from pipeline.coerce import FRENCH_DATE_TAG
from pipeline.schema import NOTE_FIELDS, FieldSpec
from pipeline.yamlread import Located

# Labels a writer may type besides the schema's name and label.
ALIASES = {"auteur": "auteurs", "autrices et auteurs": "auteurs", "theme": "themes",
           "contributions": "contribution", "commune": "territoire.commune",
           "quartier": "territoire.quartier", "departement": "territoire.departement"}
HEADER_LABELS = {"champ", "champs", "information", "informations", "rubrique"}
LIST_KINDS = {"text_list", "id_list"}
SEPARATORS = re.compile(r"[,;\n]")
FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class Row:
    """A label and its value, with where they were found (a table row, or 0)."""

    label: str
    value: str
    line: int


def key(label: str) -> str:
    """A label compared without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _lookup() -> dict[str, str]:
    table = {key(alias): name for alias, name in ALIASES.items()}
    for spec in NOTE_FIELDS:
        table[key(spec.name)] = spec.name
        table[key(spec.label or spec.name)] = spec.name
    return table


LOOKUP = _lookup()
SPECS = {spec.name: spec for spec in NOTE_FIELDS}


def field_name(label: str) -> str | None:
    return LOOKUP.get(key(label))


def is_metadata(rows: list[Row]) -> bool:
    """Two rows naming fields at least: a table of the note's own is not taken for it."""
    return len({field_name(row.label) for row in rows} - {None}) >= 2


class DuplicateField(Exception):
    def __init__(self, name: str, line: int) -> None:
        super().__init__(name)
        self.name = name
        self.line = line


def to_mapping(rows: list[Row], line: int = 0) -> Located:
    """The rows as a front-matter-like mapping; unknown labels are kept as they are
    written (the schema's coercion warns about them)."""
    mapping: dict[str, Located] = {}
    place: dict[str, Located] = {}
    for row in rows:
        name = field_name(row.label)
        if name is None:
            # the heading row (« Information | À remplir ») is no field
            if key(row.label) and key(row.label) not in HEADER_LABELS and row.line != 1:
                mapping.setdefault(row.label.strip(), Located(row.value, row.line))
            continue
        if name.startswith("territoire."):
            _put(place, name.split(".")[1], Located(row.value.strip() or None, row.line))
            continue
        _put(mapping, name, _value(SPECS[name], row))
    if place:
        whole = mapping.pop("territoire", None)  # a « Territoire » row besides, if any
        if whole is not None and isinstance(whole.value, dict):
            for name, value in whole.value.items():
                _put(place, name, value)
        first = min(v.line for v in place.values())
        _put(mapping, "territoire", Located(place, first, "map"))
    return Located(mapping, line, "map")


def _put(mapping: dict[str, Located], name: str, value: Located) -> None:
    if name in mapping:
        raise DuplicateField(name, value.line)
    mapping[name] = value


def _value(spec: FieldSpec, row: Row) -> Located:
    text = row.value.strip()
    if not text:
        return Located(None, row.line, "null")
    if spec.kind in LIST_KINDS:
        items = [item.strip() for item in SEPARATORS.split(text.strip("[]"))]
        return Located([Located(item, row.line) for item in items if item], row.line, "seq")
    if spec.kind == "place":
        return _place(text, row.line)
    if spec.kind == "date":
        return _date(text, row.line)
    return Located(" ".join(text.split()), row.line)


def _place(text: str, line: int) -> Located:
    """« Commune, Quartier » (the quartier may be left out)."""
    parts = [p.strip() for p in SEPARATORS.split(text, maxsplit=1)]
    values = {"commune": Located(parts[0] or None, line)}
    if len(parts) > 1 and parts[1]:
        values["quartier"] = Located(parts[1], line)
    return Located(values, line, "map")


def _date(text: str, line: int) -> Located:
    """« 12/03/2024 », as French writers type a date in Word, read as 2024-03-12; a day
    that does not exist (« 31/02/2024 ») stays as typed, for the message to show it."""
    match = FRENCH_DATE.match(text)
    if not match:
        return Located(text, line)
    day, month, year = (int(g) for g in match.groups())
    try:
        return Located(date(year, month, day).isoformat(), line)
    except ValueError:
        return Located(text, line, FRENCH_DATE_TAG)
