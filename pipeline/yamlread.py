"""YAML read as data only, with the line of every value.

ruamel.yaml composes the node graph (YAML 1.2, no object construction); we turn
it into plain values ourselves, which keeps each value's line for messages, makes
duplicate keys an error and bounds alias expansion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_NODES = 10_000  # far beyond any note; stops "billion laughs" alias bombs
STANDARD_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "seq", "map"}

Value = str | None | list["Located"] | dict[str, "Located"]


@dataclass(frozen=True)
class Located:
    """A YAML value and the 1-based line where it starts in the file."""

    value: Value
    line: int
    tag: str = "str"


class YamlReadError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Front matter between a first line ``---`` and the next ``---`` (or ``...``)."""
    lines = text.split("\n")
    if not text.strip():
        raise YamlReadError("note vide", 1)
    if lines[0].strip() != "---":
        raise YamlReadError("la note doit commencer par un en-tête : une ligne « --- », les "
                            "champs (titre, crpv, …), puis une autre ligne « --- »", 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise YamlReadError("en-tête non fermé : ajoutez une ligne « --- » après le dernier champ", 1)


# ruamel.yaml's contexts of what was opened and never closed: it notices on a later
# line (the next field's), the writer looks for the line that opened it.
OPENED = ("while parsing a flow sequence", "while parsing a flow mapping",
          "while scanning a quoted scalar")


def read_yaml(text: str, first_line: int = 1) -> Located:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    try:
        node = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and str(exc.context or "").startswith(OPENED):
            mark = exc.context_mark  # an unclosed [ { or quote: where it was opened
        line = first_line + (mark.line if mark else 0)
        raise YamlReadError(f"YAML illisible : {_problem(exc, text)}", line) from None
    except YAMLError as exc:
        raise YamlReadError(f"YAML illisible : {exc}", first_line) from None
    if node is None:
        return Located(None, first_line, "null")
    return _Converter(first_line, text.split("\n")).convert(node)


# ruamel.yaml speaks English; the writers read French.
_PROBLEMS = (
    ("mapping values are not allowed", "« : » inattendu ; si la valeur contient « : », "
     "mettez-la entre guillemets (titre: \"Bilan : suite\")"),
    ("expected ',' or ']'", "liste entre [ ] mal fermée"),
    ("expected ',' or '}'", "accolades { } mal fermées"),
    ("cannot start any token", "caractère interdit en début de valeur (tabulation, @ ou `) ; "
     "utilisez des espaces ou des guillemets"),
    ("could not find expected ':'", "ligne sans « : » : chaque champ s'écrit « nom: valeur »"),
    ("found undefined alias", "alias (*…) inconnu"),
    ("while scanning a quoted scalar", "guillemets non refermés"),
    ("expected <block end>", "structure incorrecte : vérifiez l'indentation, et qu'une valeur "
     "entre apostrophes ne contient pas elle-même d'apostrophe (écrivez-la entre guillemets "
     "\"…\")"),
)


INDENTATION = ("« : » inattendu : vérifiez l'indentation (les champs d'un même bloc "
               "commencent à la même colonne, sous le champ qui les contient)")


def _problem(exc: MarkedYAMLError, source: str = "") -> str:
    text = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    mark = exc.problem_mark
    if "mapping values are not allowed" in text and mark is not None and \
            not _colon_before(source, mark.line, mark.column):
        return INDENTATION  # « quartier: » too far right: no value holds a « : »
    for english, french in _PROBLEMS:
        if english in text:
            return french
    return text or "syntaxe incorrecte"


def _colon_before(source: str, line: int, column: int) -> bool:
    """Whether the line already has a key before the unexpected « : » (then it is the
    value that holds one)."""
    lines = source.split("\n")
    before = lines[line][:column] if line < len(lines) else ""
    return re.search(r":(\s|$)", before) is not None


class _Converter:
    def __init__(self, first_line: int, lines: list[str] | None = None) -> None:
        self.first_line = first_line
        self.lines = lines or []
        self.visited = 0

    def convert(self, node: Node) -> Located:
        self.visited += 1
        line = self.first_line + node.start_mark.line
        if self.visited > MAX_NODES:
            raise YamlReadError("YAML trop volumineux ou trop d'alias", line)
        if not (node.tag.startswith(STANDARD_TAG) and node.tag[len(STANDARD_TAG):] in PLAIN_TAGS):
            shown = node.tag.replace(STANDARD_TAG, "!!")
            raise YamlReadError(f"étiquette YAML « {shown} » refusée : l'en-tête ne contient que "
                                "du texte, des listes et des dates", line)
        if isinstance(node, ScalarNode):
            self._check_nesting(node)
            tag = node.tag.rsplit(":", 1)[-1]
            return Located(None if tag == "null" else str(node.value), line, tag)
        if isinstance(node, SequenceNode):
            return Located([self.convert(item) for item in node.value], line, "seq")
        if isinstance(node, MappingNode):
            return Located(self._mapping(node), line, "map")
        raise YamlReadError("valeur YAML non prise en charge", line)  # pragma: no cover

    def _check_nesting(self, node: ScalarNode) -> None:
        """A plain value that runs over lines starting with « - » is a list item
        indented too far (« - Camille Martin » then « ··- Louis Bernard »): YAML reads it
        as one text, the writer meant two items."""
        if node.style is not None:  # quoted or block text: the writer chose it
            return
        for index in range(node.start_mark.line + 1, node.end_mark.line + 1):
            text = self.lines[index].strip() if index < len(self.lines) else ""
            if text.startswith("- "):
                raise YamlReadError(f"élément de liste « {text} » mal indenté : les « - » "
                                    "d'une même liste commencent à la même colonne",
                                    self.first_line + index)

    def _mapping(self, node: MappingNode) -> dict[str, Located]:
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            line = self.first_line + key_node.start_mark.line
            if not isinstance(key_node, ScalarNode):
                raise YamlReadError("une clé doit être un simple mot", line)
            key = str(key_node.value)
            if key in result:
                raise YamlReadError(f"clé « {key} » en double", line)
            result[key] = self.convert(value_node)
        return result
