"""Running the pandoc that pypandoc-binary ships (no system pandoc needed)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FILTERS = Path(__file__).resolve().parent / "filters"
TIMEOUT_SECONDS = 300


class PandocError(Exception):
    """A conversion that failed: a French message; the tool's own words (English) kept
    apart in ``detail``, for telling what was wrong with a file."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class FilterWarning:
    """A problem our Lua filter found in a writer's text."""

    path: str
    code: str
    message: str
    needle: str  # a piece of the text that locates the line, or ""


@dataclass(frozen=True)
class PandocResult:
    output: bytes
    warnings: tuple[FilterWarning, ...]
    messages: tuple[str, ...]  # pandoc's own warnings


@cache
def pandoc_path() -> str:
    import pypandoc  # imported here: only conversions need it

    return pypandoc.get_pandoc_path()


def run_pandoc(args: list[str], stdin: bytes, cwd: Path, *,
               date_epoch: int | None = None) -> PandocResult:
    """``date_epoch``: the date pandoc stamps in what it writes (its
    ``SOURCE_DATE_EPOCH``), for this run only; else the environment's."""
    env = None if date_epoch is None else {**os.environ, "SOURCE_DATE_EPOCH": str(date_epoch)}
    try:
        done = subprocess.run([pandoc_path(), *args], input=stdin, cwd=cwd, env=env,
                              capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise PandocError(f"la conversion n'a pas terminé en {TIMEOUT_SECONDS} s") from None
    warnings, other = _split_stderr(done.stderr.decode("utf-8", "replace"))
    if done.returncode != 0:
        raise PandocError(f"la conversion du texte a échoué (code {done.returncode})",
                          other.strip())
    messages = tuple(line for line in other.splitlines() if line.strip())
    return PandocResult(done.stdout, warnings, messages)


def filter_warnings(text: str) -> tuple[FilterWarning, ...]:
    """The filter's warnings among lines of pandoc's standard error."""
    return _split_stderr(text)[0]


def _split_stderr(text: str) -> tuple[tuple[FilterWarning, ...], str]:
    warnings, other = [], []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[0] == "RC-WARN":
            warnings.append(FilterWarning(*parts[1:]))
        else:
            other.append(line)
    return tuple(warnings), "\n".join(other)
