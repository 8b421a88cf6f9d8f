"""What a build costs and touches: the time of each step (``build --temps``), nothing
written outside the workspace and the temporary folder (an empty HOME stays empty),
and nothing rewritten after an ``envoi`` (real pandoc, WeasyPrint, LibreOffice). The
build is the sealed one (tests/sealed.py), shared with tests/hostile/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pipeline.timing import STEPS
from tests.conftest import run
from tests.sealed import Sealed


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_build_writes_nothing_in_home_nor_in_the_xdg_folders(built_sealed: Sealed):
    assert (built_sealed.root / "build/vie-locale/vie-locale.docx").is_file()
    for name, folder in built_sealed.homes.items():
        if name != "TMPDIR":
            assert _files(folder) == [], f"{name} : {_files(folder)}"
    # in the temporary folder, only matplotlib's font list, kept from build to build
    # (pipeline/outputs/figures.py); LibreOffice's own folder is gone with it
    left = [p.name for p in built_sealed.homes["TMPDIR"].iterdir()]
    assert all(name.startswith("rc-matplotlib-") for name in left), left
    office = built_sealed.root / "build/_libreoffice"
    assert (office / "profil").is_dir()  # in build/
    assert (office / "tmp").is_dir() and _files(office / "tmp") == []


def _seconds(cell: str) -> float:
    return float(cell.replace(",", "."))


def test_temps_gives_each_step_its_time_and_they_add_up_to_no_more_than_the_build(
        built_sealed: Sealed):
    out = built_sealed.out
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


def test_a_build_right_after_envoi_rewrites_nothing(built_sealed: Sealed, tmp_path, capsys,
                                                    monkeypatch):
    root = Path(shutil.copytree(built_sealed.root, tmp_path / "copie", symlinks=True))
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


def test_the_bench_reads_the_table_the_build_prints(built_sealed: Sealed):
    # bench/build.py explains its missed targets from this table: each contribution's
    # column and the whole must come out as the build printed them
    from bench.build import PREPARE_STEPS, contribution_columns, step_seconds

    steps, wall, jobs = step_seconds(built_sealed.out)
    columns = contribution_columns(built_sealed.out)
    assert set(columns) == {"autre", "vie-locale"} and wall > 0 and jobs >= 1
    for label in (*PREPARE_STEPS, "PDF : mise en page"):
        in_columns = sum(column[label] for column in columns.values())
        # each figure is rounded to a tenth: the columns' sum and the whole may differ
        assert abs(in_columns - steps[label]) <= 0.05 * (len(columns) + 1) + 1e-9, label
    assert columns["vie-locale"]["analyse pandoc"] > 0
    assert columns["vie-locale"]["PDF : mise en page"] > 0
