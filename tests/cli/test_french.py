"""Issue 13, point 6: a French command line — argparse's texts, errors and help,
near-miss suggestions and questions checked one by one in ``new-note``, French spacing
in every message, and no setuptools warning when the package is built."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from pipeline.stages.load import NEW_CENTRE
from pipeline.typography import french_spacing
from tests.conftest import REPOSITORY, copy_workspace

ENGLISH = re.compile(r"usage:|\b(positional arguments|show|help message|exit|invalid|choice|"
                     r"choose|required|unrecognized|error|expected|optional|the|and|or|"
                     r"WORKSPACE|CRPV_ID)\b")
# A plain space before « : ; ! ? » or after « / before »: French wants a non-breaking one.
LOOSE = re.compile(r" [:;!?](\s|$)|« | »")


def _pipeline(*argv: str, stdin: str | None = None,
              cwd=REPOSITORY) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *argv], capture_output=True,
                          text=True, input=stdin, cwd=cwd, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPOSITORY)})


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["check", "--help"],
                                  ["new-note", "--help"], ["review", "--help"]])
def test_help_is_french(argv):
    done = _pipeline(*argv)
    assert done.returncode == 0
    assert done.stdout.startswith("usage\u00a0: python -m pipeline")
    assert "options\u00a0:" in done.stdout
    assert "affiche cette aide et s'arrête" in done.stdout
    assert not ENGLISH.search(done.stdout), done.stdout
    assert not LOOSE.search(done.stdout), LOOSE.search(done.stdout)


def test_a_misspelt_command_is_answered_in_french_with_a_suggestion():
    done = _pipeline("buidl")
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last == ("python -m pipeline\u00a0: erreur\u00a0: commande «\u00a0buidl\u00a0» inconnue "
                    "(vouliez-vous dire «\u00a0build\u00a0»\u202f?)\u202f; possibles\u00a0: check, "
                    "build, new-note, themes, review, envoi, apercu, site, guide")
    assert not ENGLISH.search(done.stderr)


@pytest.mark.parametrize("argv", [[], ["check", "--zut"], ["build", "--memoire", "beaucoup"],
                                  ["new-note", "--format", "pdf"], ["build", "--format"]])
def test_argparse_errors_are_french(argv):
    done = _pipeline(*argv)
    assert done.returncode == 2
    assert "erreur\u00a0:" in done.stderr
    assert not ENGLISH.search(done.stderr), done.stderr
    assert not LOOSE.search(done.stderr), done.stderr


def test_every_message_of_check_and_build_has_french_spacing(tmp_path, capsys):
    from pipeline.cli.main import main

    root = copy_workspace("retours", tmp_path)
    printed = []
    for argv in (["check"], ["build", "--format", "html"]):  # in this process: its model
        main([*argv, "--workspace", str(root)])
        captured = capsys.readouterr()  # as printed, non-breaking spaces kept
        printed.append(captured.out + captured.err)
    done = _pipeline("new-note", "--crpv", "orvi", "--workspace", str(root))
    printed.append(done.stdout + done.stderr)
    for text in printed:
        for line in text.splitlines():
            # the writers' own text quoted in a message keeps its spaces; none here has any
            assert not LOOSE.search(line), line
    report = (root / "build/vie-locale/rapport.md").read_text(encoding="utf-8")
    problems = report.split("## Erreurs et avertissements")[1]
    assert not LOOSE.search(problems)


def test_a_table_row_is_said_with_its_space():
    from pipeline.diagnostics import Diagnostic, TableRow

    line = str(Diagnostic("sources/a/n.docx", TableRow(3), "erreur", "crpv inconnu", "x"))
    assert line == "sources/a/n.docx: ligne 3 du tableau\u00a0: crpv inconnu [x]"


def test_new_note_suggests_the_near_miss_and_sorts_the_centres(tmp_path):
    root = copy_workspace("petit", tmp_path)
    (root / "contributions/reseau.yaml").write_text(
        "centres:\n  - {id: oriv, nom: ORIV}\n  - {id: irev, nom: IREV}\n"
        "  - {id: alpha, nom: Centre Alpha}\n", encoding="utf-8")
    done = _pipeline("new-note", "--crpv", "orvi", "--titre", "X", "--contribution",
                     "vie-locale", "--workspace", str(root))
    assert done.returncode == 1
    assert done.stderr.strip() == ("new-note: centre «\u00a0orvi\u00a0» inconnu (vouliez-vous "
                                   "dire «\u00a0oriv\u00a0»\u202f?)\u202f; centres\u00a0: alpha, "
                                   f"irev, oriv\u202f; {french_spacing(NEW_CENTRE)} [option.crpv]")


def test_make_note_checks_each_answer_as_it_is_given(tmp_path):
    root = copy_workspace("petit", tmp_path)
    answers = "alpah\nalpha\nMon atelier\nvie-locle\nvie-locale\n"
    done = _pipeline("new-note", "--workspace", str(root), stdin=answers)
    assert done.returncode == 0, done.stderr
    errors = done.stderr.splitlines()
    assert errors[0] == ("centre «\u00a0alpah\u00a0» inconnu (vouliez-vous dire "
                         "«\u00a0alpha\u00a0»\u202f?)\u202f; centres\u00a0: alpha, beta"
                         f"\u202f; {french_spacing(NEW_CENTRE)}")
    assert errors[1].startswith("contribution «\u00a0vie-locle\u00a0» inconnue (vouliez-vous "
                                "dire «\u00a0vie-locale\u00a0»")
    # each question asked again after its wrong answer, before the next one
    prompts = re.findall(r"(Votre centre|Titre de la note|Contribution)", done.stdout)
    assert prompts == ["Votre centre", "Votre centre", "Titre de la note", "Contribution",
                       "Contribution"]
    assert (root / "sources/alpha/mon-atelier.md").is_file()


def test_make_note_stops_when_stdin_closes(tmp_path):
    root = copy_workspace("petit", tmp_path)
    done = _pipeline("new-note", "--workspace", str(root), stdin="gamma\n")
    assert done.returncode == 1
    assert "centre «\u00a0gamma\u00a0» inconnu" in done.stderr
    assert "indiquez votre centre avec --crpv parmi\u00a0: alpha, beta" in done.stderr


def _package_copy(tmp_path):
    """What pip builds the package from: the tracked files it needs, in a folder of
    their own."""
    copy = tmp_path / "paquet"
    files = subprocess.run(["git", "ls-files", "pipeline", "templates", "pyproject.toml",
                            "README.md"], capture_output=True, text=True, cwd=REPOSITORY,
                           check=True).stdout.split()
    for name in files:
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPOSITORY / name).read_bytes())
    return copy


@pytest.mark.complet  # a wheel built from a copy of the repository: a long check
def test_building_the_package_prints_no_setuptools_warning(tmp_path):
    """What the first ``make`` installs: the wheel's build says nothing about licence or
    undeclared packages, and the Lua filter is inside it."""
    copy = _package_copy(tmp_path)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w",
                           str(tmp_path / "roue"), str(copy)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    output = done.stdout + done.stderr
    assert not re.search(r"BuildBackendWarning|SetuptoolsDeprecationWarning|"
                         r"absent from the .packages. configuration|license", output, re.I)
    import zipfile

    wheel = next((tmp_path / "roue").glob("*.whl"))
    assert "pipeline/filters/notes.lua" in zipfile.ZipFile(wheel).namelist()


@pytest.mark.complet  # pip installs a copy of the repository: a long check
def test_the_editable_install_of_make_prints_no_setuptools_warning(tmp_path):
    """``make`` installs the package in editable mode: no « Editable installation »
    warning from setuptools either (a plain path file, pyproject's ``package-dir``)."""
    copy = _package_copy(tmp_path)
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    done = subprocess.run([str(tmp_path / "venv/bin/python"), "-m", "pip", "install",
                           "-v", "--no-deps", "-e", str(copy)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not re.search(r"BuildBackendWarning|SetuptoolsDeprecationWarning|Editable "
                         r"installation", done.stdout + done.stderr, re.I)


def _no_english(text: str) -> None:
    assert "Traceback" not in text, text
    found = ENGLISH.search(text)
    assert found is None, text[max(found.start() - 200, 0):found.end() + 100]


def test_check_build_and_review_speak_french_on_the_faulty_sample(tmp_path, capsys):
    """Issue 20's bar: the faulty sample (every kind of bad note) checked, built and its
    draft reviewed with hostile review files beside a real one: French only, no
    traceback."""
    from tests.conftest import run

    root = copy_workspace("fautif", tmp_path)
    printed = []
    for argv in (["check"], ["build", "--format", "html,docx"]):
        code, out, err = run(capsys, *argv, "--workspace", str(root))
        assert code == 1  # the faulty notes: errors said, the rest built
        printed.append(out + err)
    draft = root / "build/vie-locale/vie-locale.docx"
    hostile = tmp_path / "relectures"
    hostile.mkdir()
    (hostile / "pas-un-docx.docx").write_text("ceci n'est pas un document Word", encoding="utf-8")
    (hostile / "vide.odt").write_bytes(b"")
    shutil.copy(root / "sources/beta/ancienne-note.doc", hostile / "ancienne.doc")
    shutil.copy(draft, hostile / "brouillon.docx")
    code, out, err = run(capsys, "review", *map(str, sorted(hostile.iterdir())),
                         "--workspace", str(root))
    assert code == 1, err  # three files refused, each with its reason
    printed.append(out + err)
    for text in printed:
        _no_english(text)


def test_check_and_build_speak_french_on_the_examples(built_examples, capsys):
    from tests.conftest import run

    assert built_examples.code == 0
    code, out, err = run(capsys, "check", "--workspace", str(built_examples.root))
    assert code == 0
    for text in (built_examples.out + built_examples.err, out + err):
        _no_english(text)
