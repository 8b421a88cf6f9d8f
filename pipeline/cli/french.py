"""argparse in French: its headings, its help option and its error messages (argparse
writes them in English through gettext; these subclasses say them in French without
touching the module)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from pipeline.coerce import suggestion
from pipeline.run import COMMAND
from pipeline.typography import NBSP, NNBSP, french_spacing


class FrenchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups,
                          f"usage{NBSP}: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        # argparse writes « heading: »; French wants a non-breaking space before « : »
        super().start_section(f"{heading}{NBSP}" if heading else heading)

    def _format_text(self, text: str) -> str:
        return super()._format_text(french_spacing(text))

    def _expand_help(self, action: argparse.Action) -> str:
        return french_spacing(super()._expand_help(action))


class FrenchParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose every text is French."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", FrenchFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--aide", "--help", action="help",
                              default=argparse.SUPPRESS, help="affiche cette aide et s'arrête")

    def error(self, message: str) -> NoReturn:
        if message == "the following arguments are required: COMMANDE":  # no command given
            self.print_help(sys.stderr)  # the commands, each with what it does
            self.exit(2, f"\n{self.prog}{NBSP}: erreur{NBSP}: indiquez une commande, par exemple "
                         f"«{NBSP}make check{NBSP}» ou «{NBSP}{COMMAND} check{NBSP}»\n")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}{NBSP}: erreur{NBSP}: {french_spacing(french_error(message))}\n")


def french_error(message: str) -> str:
    """argparse's English error messages, in French."""
    argument = re.match(r"argument (\S+?): (.*)$", message, re.S)
    if argument:
        name, rest = argument.groups()
        return _argument_error(name, rest)
    for pattern, french in _MESSAGES:
        found = re.match(pattern, message, re.S)
        if found:
            return french.format(*found.groups())
    return f"ligne de commande incorrecte ({message})"


_MESSAGES = (
    (r"the following arguments are required: (.*)$", "à indiquer{NBSP}: {0}"),
    (r"unrecognized arguments: (.*)$", "arguments inconnus{NBSP}: {0}"),
    (r"ambiguous option: (\S+) could match (.*)$", "option {0} ambiguë{NBSP}: {1}{NNBSP}?"),
    (r"one of the arguments (.*) is required$", "indiquez l'une des options{NBSP}: {0}"),
)
_MESSAGES = tuple((p, f.replace("{NBSP}", NBSP).replace("{NNBSP}", NNBSP))
                  for p, f in _MESSAGES)


def _argument_error(name: str, rest: str) -> str:
    choice = re.match(r"invalid choice: '?([^']*?)'? \(choose from (.*)\)$", rest)
    if choice:
        value, listed = choice.groups()
        choices = [c.strip().strip("'\"") for c in listed.split(",")]
        what = "commande" if name == "COMMANDE" else f"valeur de {name}"
        return (f"{what} « {value} » inconnue{suggestion(value, choices)} ; possibles : "
                f"{', '.join(choices)}")
    value = re.match(r"invalid (\w+) value: '?([^']*)'?$", rest)
    if value:
        kind = {"int": "un nombre entier", "float": "un nombre"}.get(value.group(1),
                                                                      "une autre valeur")
        return f"{name}{NBSP}: «{NBSP}{value.group(2)}{NBSP}» incorrect, {kind} est attendu"
    if rest.startswith("expected"):
        return f"{name}{NBSP}: une valeur est attendue après l'option"
    if rest.startswith("not allowed with argument"):
        return f"{name}{NBSP}: ne peut pas s'employer avec {rest.rsplit(' ', 1)[-1]}"
    if rest.startswith("ignored explicit argument"):
        return f"{name}{NBSP}: n'attend pas de valeur"
    return f"{name}{NBSP}: ligne de commande incorrecte"
