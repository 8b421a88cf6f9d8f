"""Sample workspaces under tests/workspaces/<name>/, copied to a temporary folder."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from pipeline.build import Checked, check
from pipeline.cli.main import main
from pipeline.diagnostics import Report
from pipeline.language.analysis import load_model
from pipeline.workspace import Workspace

TESTS = Path(__file__).resolve().parent
REPOSITORY = TESTS.parent
SAMPLES = TESTS / "workspaces"
# the session's LibreOffice, driven through its API (fixture ``office``)
pytest_plugins = ("tests.review.office",)


def copy_workspace(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(SAMPLES / name, target)
    return target


@pytest.fixture
def workspace(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name="petit": copy_workspace(name, Path(tempfile.mkdtemp(dir=tmp_path)))


def write_note(root: Path, relative: str, front_matter: str, body: str = "Texte.\n") -> Path:
    path = root / "sources" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter.strip()}\n---\n\n{body}", encoding="utf-8")
    return path


def plain_spaces(text: str) -> str:
    """Messages with their non-breaking spaces as plain ones: tests of what a message
    says compare words; tests/cli/test_french.py checks the spacing itself."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def plain_lines(report: Report) -> list[str]:
    """``report.lines()`` with plain spaces (``plain_spaces``)."""
    return [plain_spaces(line) for line in report.lines()]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Runs ``python -m pipeline`` in-process; returns (exit code, stdout, stderr), with
    plain spaces (``plain_spaces``)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, plain_spaces(captured.out), plain_spaces(captured.err)


@pytest.fixture(scope="session")
def built_petit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small sample workspace, built once (real pandoc and WeasyPrint) for many tests."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("built"))
    assert main(["build", "--workspace", str(root)]) == 0
    return root


# --- the French model (tests/language, tests/stages/test_enrich.py) -------------------

class ThemesSample(NamedTuple):
    root: Path
    checked: Checked
    report: Report


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real French model, loaded once: every check of the session reuses it."""
    return load_model()


@pytest.fixture(scope="session")
def themes(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> ThemesSample:
    """The « themes » sample workspace, checked once with the real model."""
    root = copy_workspace("themes", tmp_path_factory.mktemp("themes"))
    report = Report()
    return ThemesSample(root, check(Workspace(root), report), report)


def line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.fixture(scope="session")
def themes_built(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The « themes » sample workspace built once as HTML (real pandoc)."""
    root = copy_workspace("themes", tmp_path_factory.mktemp("themes-built"))
    assert main(["build", "--format", "html", "--workspace", str(root)]) == 0
    return root


def first_line(text: str, start: str) -> int:
    """The number of the first line of ``text`` that starts with ``start``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def write_template(root: Path, name: str, text: str) -> None:
    """A workspace's own ``templates/<name>`` (the charter, the glossary…)."""
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the « retours » sample: one check and one build (tests/test_one_pass.py, dashboard) --

class FaultyRuns(NamedTuple):
    root: Path
    check: Report
    build: Report
    build_code: int


@pytest.fixture(scope="session")
def retours(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> FaultyRuns:
    """The « retours » sample (images, sections, links, placeholders, stray files…):
    checked, then built as HTML, each with its own report."""
    from pipeline.build import BuildOptions, build
    from pipeline.run import build_date

    root = copy_workspace("retours", tmp_path_factory.mktemp("retours"))
    checked = Report()
    check(Workspace(root), checked)
    built = Report()
    result = build(Workspace(root), BuildOptions(build_date(), formats=("html",)), built)
    code = 0 if not built.count("erreur") and not result.failed else 1
    return FaultyRuns(root, checked, built, code)
