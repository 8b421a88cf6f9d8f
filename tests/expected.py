"""The expected outputs kept under ``tests/attendu/`` (the Pelican and Sphinx way), and
the one command that makes them again from fresh runs: ``make attendu``, that is
``python -m tests.expected``. Review the diff before committing it.

- ``attendu/petit/<id>.md``: the intermediate Markdown of each contribution of the
  « petit » sample workspace, built under a fixed ``SOURCE_DATE_EPOCH``;
- ``attendu/fautif-check.log``: the whole output of ``check`` on the « fautif »
  sample workspace (every diagnostic, sorted, and the counts).

Each file starts with a header line naming the versions its content depends on (the
French model and spaCy: the index annex, the distinctive words and the possible
names come from them; the Markdown is made before pandoc runs), so that a difference
after an upgrade says where it comes from (Manubot keeps versions in its expected
files' names for the same reason)."""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent
EXPECTED = TESTS / "attendu"
SAMPLES = TESTS / "workspaces"
EPOCH = "1710201600"  # 12 March 2024, 00:00 UTC
MARKDOWN_SAMPLE = "petit"
LOG_SAMPLE = "fautif"
LOG_NAME = "fautif-check.log"
MARKER = "attendu :"


def versions() -> str:
    from pipeline.language.analysis import versions as language_versions

    return language_versions()


def header(comment: str) -> str:
    return f"{comment} {MARKER} {versions()} ; refait par « make attendu »\n"


@contextlib.contextmanager
def fixed_date() -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _copy(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(SAMPLES / name, target)
    return target


def fresh_markdown(destination: Path) -> dict[str, str]:
    """``{"<id>.md": text}`` for each contribution of the sample, freshly built."""
    from pipeline.cli.main import main

    root = _copy(MARKDOWN_SAMPLE, destination)
    with fixed_date(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()) as errors:
        code = main(["build", "--format", "html", "--quiet", "--workspace", str(root)])
    if code != 0:
        raise RuntimeError(f"the « {MARKDOWN_SAMPLE} » build failed ({code}):\n"
                           f"{errors.getvalue()}")
    return {path.name: path.read_text(encoding="utf-8")
            for path in sorted((root / "build").glob("*/*.md"))
            if path.parent.name == path.stem}


def fresh_check_log(destination: Path) -> tuple[int, str]:
    """``check``'s exit code and everything it printed on stderr."""
    from pipeline.cli.main import main

    root = _copy(LOG_SAMPLE, destination)
    with fixed_date(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()) as errors:
        code = main(["check", "--workspace", str(root)])
    return code, errors.getvalue()


# --- the expected files ------------------------------------------------------------

def markdown_files() -> dict[str, Path]:
    return {path.name: path for path in sorted((EXPECTED / MARKDOWN_SAMPLE).glob("*.md"))}


def read_expected(path: Path) -> tuple[str, str]:
    """(the header line, the content) of an expected file."""
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    return first, rest


def difference(path: Path, expected: str, actual: str) -> str:
    """A readable failure: the unified diff, and whether the versions differ."""
    recorded = read_expected(path)[0]
    lines = difflib.unified_diff(expected.splitlines(keepends=True),
                                 actual.splitlines(keepends=True),
                                 f"{path.relative_to(TESTS.parent)} (attendu)", "obtenu")
    note = "" if versions() in recorded else (
        f"\nNB : attendu fait avec d'autres versions ({recorded}) ; "
        f"versions actuelles : {versions()}\n")
    return (f"{path.relative_to(TESTS.parent)} differs from a fresh run; if the change is "
            f"wanted, run « make attendu » and review the diff.{note}\n" + "".join(lines))


def regenerate() -> list[Path]:
    with tempfile.TemporaryDirectory() as folder:
        markdown = fresh_markdown(Path(folder))
        _, log = fresh_check_log(Path(folder))
    target = EXPECTED / MARKDOWN_SAMPLE
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    written = []
    for name, text in markdown.items():
        (target / name).write_text(header("<!--")[:-1] + " -->\n" + text, encoding="utf-8")
        written.append(target / name)
    (EXPECTED / LOG_NAME).write_text(header("#") + log, encoding="utf-8")
    written.append(EXPECTED / LOG_NAME)
    return written


def main() -> int:
    for path in regenerate():
        print(f"écrit : {path.relative_to(TESTS.parent)}")
    print("Relisez le diff (git diff tests/attendu) avant de l'enregistrer.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
