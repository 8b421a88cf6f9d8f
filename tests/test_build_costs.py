"""What a build costs and touches: the time of each step (``build --temps``), nothing
written outside the workspace and the temporary folder (an empty HOME stays empty),
and nothing rewritten after an ``envoi`` (real pandoc, WeasyPrint, LibreOffice)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.timing import STEPS
from tests.conftest import REPOSITORY, copy_workspace, plain_spaces, run

XDG = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def built_away(tmp_path_factory: pytest.TempPathFactory):
    """The small workspace built by ``python -m pipeline build --temps`` in a process of
    its own, whose HOME and XDG folders are empty folders of their own."""
    top = tmp_path_factory.mktemp("costs")
    root = copy_workspace("petit", top)
    homes = {name: top / name.lower() for name in ("HOME", *XDG)}
    for folder in homes.values():
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env.update({k: str(v) for k, v in homes.items()}, SOURCE_DATE_EPOCH="1717200000")
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--temps",
                           "--workspace", str(root)], capture_output=True, text=True,
                          env=env, cwd=REPOSITORY, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    return root, homes, plain_spaces(done.stdout)


def test_a_build_writes_nothing_in_home_nor_in_the_xdg_folders(built_away):
    root, homes, _ = built_away
    assert (root / "build/vie-locale/vie-locale.docx").is_file()
    for name, folder in homes.items():
        assert _files(folder) == [], f"{name} : {_files(folder)}"
    assert (root / "build/_libreoffice/profil").is_dir()  # LibreOffice's own, in build/


def _seconds(cell: str) -> float:
    return float(cell.replace(",", "."))


def test_temps_gives_each_step_its_time_and_they_add_up_to_no_more_than_the_build(
        built_away):
    _, _, out = built_away
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] in STEPS.values():
            rows[cells[0]] = cells
    assert list(rows) == list(STEPS.values())  # every step, in the build's order
    header = next(line for line in out.splitlines() if line.startswith("| étape"))
    assert "autre" in header and "vie-locale" in header  # a column per contribution
    wholes = {label: _seconds(cells[-2]) for label, cells in rows.items()}
    assert all(value >= 0 for value in wholes.values())
    for label in ("analyse de la langue", "DOCX", "PDF : mise en page", "PDF : écriture",
                  "pages (LibreOffice)", "HTML", "analyse pandoc"):
        assert wholes[label] > 0, label  # measured in the jobs' processes, brought back
    found = re.search(r"Durée de la construction : ([\d,]+) s, (\d) tâches? à la fois", out)
    assert found, out
    wall, workers = _seconds(found.group(1)), int(found.group(2))
    assert sum(wholes.values()) <= wall * workers + 0.1 * len(wholes)  # rounding


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in (root / "build").rglob("*")
            if p.is_file() and not p.name.startswith("_") and "/_" not in
            p.relative_to(root / "build").as_posix()}


def test_a_build_right_after_envoi_rewrites_nothing(built_away, tmp_path, capsys,
                                                    monkeypatch):
    root = Path(shutil.copytree(built_away[0], tmp_path / "copie"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # the same build date
    code, _, err = run(capsys, "envoi", "--workspace", str(root))
    assert code == 0, err
    before = _stamps(root)
    assert "build/vie-locale/vie-locale.pdf" in before and "build/index.html" in before
    code, out, err = run(capsys, "build", "--workspace", str(root))
    assert code == 0, err
    assert _stamps(root) == before
    assert "notes vérifiées" not in err  # the no-op: nothing read beyond the state
    assert "à jour : build/vie-locale/ (rien n'a changé)" in out
    assert "à jour : build/autre/ (rien n'a changé)" in out
    assert "écrit :" not in out
    # the next change is shown against the draft just sent
    note = root / "sources/beta/ecole-ouverte.md"
    note.write_text(note.read_text("utf-8") + "\nUne phrase ajoutée après l'envoi.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code == 0, err
    assert "écrit : build/vie-locale/vie-locale-changements.docx" in out
    report = (root / "build/vie-locale/rapport.md").read_text("utf-8")
    assert "Notes modifiées : sources/beta/ecole-ouverte.md" in report
