"""Sample workspaces under tests/workspaces/<name>/, copied to a temporary folder; the
builds many tests read, made once per session; how ``make test`` shares them between
its processes (pytest-xdist, ``--dist loadgroup``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from pipeline.build import Checked, check
from pipeline.cli.main import main
from pipeline.diagnostics import Report
from pipeline.language.analysis import load_model
from pipeline.workspace import Workspace

if TYPE_CHECKING:
    from tests.sealed import Sealed

TESTS = Path(__file__).resolve().parent
REPOSITORY = TESTS.parent
SAMPLES = TESTS / "workspaces"
# the session's LibreOffice, driven through its API (fixture ``office``)
pytest_plugins = ("tests.review.office",)


# --- sharing the set-ups between pytest-xdist's processes ----------------------------
# ``make test`` runs the tests in three processes (``-n 3 --dist loadgroup``). A session
# fixture is built in each process that runs a test needing it: the tests that read one
# of the builds below are sent to one process together (an ``xdist_group`` named after
# the fixture), and so are the tests of a module that shares a module-scoped set-up,
# so that each expensive set-up is still made once. The other tests go wherever a
# process is free. The language model (a few seconds) is loaded by each process, before
# its first test, and kept there by the builds (``model_loaded``, ``model_kept``); so is
# a LibreOffice, started by the process's first build (``office_kept``).
# pytest-xdist 3.8 sets the group by assigning ``item._nodeid``, which pytest 9.2 no
# longer reads (``nodeid`` comes from ``_id``): hence ``pytest<9.2`` in pyproject.toml.
SHARED_BUILDS = ("built_examples", "published", "built_petit", "built_petit_final", "retours",
                 "themes_built", "themes", "built_sealed")
PER_PROCESS = {"nlp", "model_kept", "office_kept"}


def pytest_itemcollected(item: pytest.Item) -> None:
    """Marks each test as it is collected: before pytest-xdist reads the groups and
    ``-m`` selects (both at ``pytest_collection_modifyitems``)."""
    if item.get_closest_marker("slow") is not None:  # the marker's former name
        item.add_marker(pytest.mark.complet)
    group = _group(item)
    if group is not None and item.get_closest_marker("xdist_group") is None:
        item.add_marker(pytest.mark.xdist_group(group))


def _group(item: pytest.Item) -> str | None:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    ours = {name: definitions[-1] for name, definitions in info.name2fixturedefs.items()
            if definitions and _is_ours(definitions[-1])}
    shared = [name for name in SHARED_BUILDS if name in ours]
    shared += sorted(name for name, d in ours.items()
                     if d.scope == "session" and name not in shared and name not in PER_PROCESS)
    if shared:
        return shared[0]
    if any(d.scope in ("module", "class", "package") for d in ours.values()):
        return item.nodeid.split("::")[0]
    return None


def _is_ours(definition: Any) -> bool:
    """A fixture written in this test suite (not pytest's nor a plugin's)."""
    source = getattr(definition.func, "__code__", None)
    return source is not None and Path(source.co_filename).resolve().is_relative_to(TESTS)


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


class Run(NamedTuple):
    root: Path
    code: int
    out: str  # plain spaces (``plain_spaces``)
    err: str


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The repository's own examples (``contributions/``, ``sources/``) built once as
    ``make`` builds them, with what the command printed: read by
    tests/test_examples.py and the publication checks (tests/publication/conftest.py)."""
    root = tmp_path_factory.mktemp("publication-exemples") / "exemples"
    for folder in ("contributions", "sources"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    return Run(root, *_printed(["build", "--workspace", str(root)]))


@pytest.fixture(scope="session")
def built_petit_final(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The small sample workspace's final edition (``build --final``, every format),
    built once, with what the command printed."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("built-final"))
    return Run(root, *_printed(["build", "--final", "--workspace", str(root)]))


@pytest.fixture(scope="session")
def built_sealed(tmp_path_factory: pytest.TempPathFactory) -> Sealed:
    """The small sample and a hostile note built in a sealed room (tests/sealed.py)."""
    from tests.sealed import build_sealed

    return build_sealed(tmp_path_factory.mktemp("scellee"))


def _printed(argv: list[str]) -> tuple[int, str, str]:
    """``python -m pipeline ARGV`` in-process: its exit code, stdout and stderr (plain
    spaces), for a session fixture (which has no ``capsys``)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, plain_spaces(out.getvalue()), plain_spaces(err.getvalue())


# --- the French model (tests/language, tests/stages/test_enrich.py) -------------------

class ThemesSample(NamedTuple):
    root: Path
    checked: Checked
    report: Report


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real French model, loaded once: every check of the session reuses it."""
    return load_model()


class _KeptModel:
    """``load_model`` as ``pipeline.build`` sees it in a test process: its
    ``cache_clear`` keeps the model. A build drops it before forking its workers, which
    suits a command (one check per process) but would make each later check of a test
    process load it again in a child (4 to 5 seconds each)."""

    def __call__(self) -> Any:
        return load_model()

    def cache_clear(self) -> None:
        pass


@pytest.fixture(scope="session", autouse=True)
def model_kept() -> Iterator[None]:
    """The model kept by the builds of each test process (not a set-up to share between
    processes: see PER_PROCESS)."""
    import pipeline.build

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.build, "load_model", _KeptModel())
        yield


@pytest.fixture(scope="session", autouse=True)
def office_kept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One LibreOffice for the builds of each test process, as one serves every DOCX of
    a build (``pages.shared_office``): started by the first build that needs it, stopped
    at the end of the session rather than with each build (some forty starts of 1 to
    2 seconds in ``make test``). tests/outputs/test_pages_shared.py checks a build's own
    LibreOffice with the real ``shared_office``; not a set-up to share between processes
    (see PER_PROCESS)."""
    from pipeline.outputs.docx import pages

    kept = pages.SharedOffice(tmp_path_factory.mktemp("libreoffice") / pages.OFFICE_FOLDER,
                              f"{pages.PIPE_PREFIX}{os.getpid()}_tests")

    @contextlib.contextmanager
    def shared_office(build: Path) -> Iterator[_KeptOffice]:
        pages._shared = (kept.folder, kept.pipe)
        try:
            yield _KeptOffice(kept.folder, kept.pipe)
        finally:
            pages._shared = None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "shared_office", shared_office)
        yield
    kept.stop()


class _KeptOffice(NamedTuple):
    """``SharedOffice`` as a build of a test process sees it: its ``stop`` (once the
    build's last DOCX is written) keeps LibreOffice for the next build."""
    folder: Path
    pipe: str

    def stop(self) -> None:
        pass


@pytest.fixture(autouse=True)
def model_loaded() -> None:
    """The model loaded in each test process (a check then analyses in the process, as
    a second check of a command does); again after a test that emptied its cache."""
    load_model()


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


# --- one Chromium for the session (tests/publication/test_axe.py, tests/preview/) ------

def chromium_missing() -> str | None:
    """Why Chromium cannot be driven here, or None."""
    import shutil as _shutil

    if _shutil.which("chromium") is None or _shutil.which("chromedriver") is None:
        return "chromium ou chromedriver absent (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium absent (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def chromium() -> Any:
    """Debian's Chromium through chromium-driver (selenium), started once per process
    of the test session: each test that needs it opens its own page. Skipped where it
    is missing, except where ``RC_NAVIGATEUR_REQUIS`` is set (``.ci/run``): there the
    test fails."""
    import os

    missing = chromium_missing()
    if missing:
        if os.environ.get("RC_NAVIGATEUR_REQUIS"):
            pytest.fail(missing)
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()
