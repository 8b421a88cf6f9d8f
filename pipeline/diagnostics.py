"""One diagnostics format for every stage: ``path:line: message [code]``.

Errors leave the faulty note (or contribution) out; warnings are counted and
become errors under ``--strict``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Literal, TextIO

from pipeline.typography import NBSP, french_spacing

Severity = Literal["erreur", "attention", "info"]


class TableRow(int):
    """A line that is a row of a Word or LibreOffice note's metadata table: shown as
    « ligne N du tableau » rather than as a line of a text file."""


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    severity: Severity
    message: str
    code: str

    def __str__(self) -> str:
        """``path:line: message [code]``, the message with French spacing (non-breaking
        spaces before « : ; ! ? » and inside « »)."""
        label = "" if self.severity == "erreur" else f"{self.severity} : "
        text = french_spacing(f"{label}{self.message}")
        if isinstance(self.line, TableRow) and self.line:
            return f"{self.path}: ligne {int(self.line)} du tableau{NBSP}: {text} [{self.code}]"
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {text} [{self.code}]"

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "message": self.message, "code": self.code,
                "table": isinstance(self.line, TableRow)}

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        line = data["line"]
        if line is not None and data.get("table"):
            line = TableRow(line)
        return cls(data["path"], line, data["severity"], data["message"], data["code"])


class ConfigurationError(Exception):
    """A file the command needs (the charter, the glossary…) is wrong: the command cannot
    run. Carries every problem found, each with its file and line."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__("; ".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Report:
    """Collects the diagnostics of a run; the run prints them and sets its exit code."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    quiet: bool = False  # -q: the errors and warnings only (no messages, no summary)

    def add(self, path: str, line: int | None, severity: Severity, message: str,
            code: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, severity, message, code))

    def error(self, path: str, line: int | None, message: str, code: str) -> None:
        self.add(path, line, "erreur", message, code)

    def warning(self, path: str, line: int | None, message: str, code: str) -> None:
        self.add(path, line, "attention", message, code)

    def info(self, path: str, line: int | None, message: str, code: str) -> None:
        self.add(path, line, "info", message, code)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.unique() if d.severity == severity)

    def unique(self) -> list[Diagnostic]:
        """Each problem once: a workspace's broken template fails every contribution
        that uses it, with the same line."""
        return list(dict.fromkeys(self.diagnostics))

    def has_errors_for(self, path: str) -> bool:
        return any(d.path == path and d.severity == "erreur" for d in self.diagnostics)

    def lines(self) -> list[str]:
        return [str(d) for d in sorted(self.unique(), key=_sort_key)]

    def print(self, stream: TextIO | None = None) -> None:
        for line in self.lines():
            print(line, file=stream or sys.stderr)

    # Besides the diagnostics, a command says two other kinds of things, both through
    # the report: messages to the person running it (stderr, beside the diagnostics:
    # counts, a summary), and its product when it has one (stdout, so that it can be
    # piped or read apart from the messages: a path written, the ``guide`` and
    # ``themes`` tables). Both go out at once: the order of a run is kept.

    def say(self, message: str) -> None:
        """A message to the person running the command (stderr); none under -q."""
        if self.quiet:
            return
        print(french_spacing(message), file=sys.stderr, flush=True)

    def result(self, line: str, *, end: str = "\n") -> None:
        """A line of what the command produces (stdout)."""
        print(french_spacing(line), end=end, flush=True)


def _sort_key(d: Diagnostic) -> tuple[str, int]:
    return (d.path, d.line or 0)
