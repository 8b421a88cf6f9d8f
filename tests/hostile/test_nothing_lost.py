"""Outputs are replaced whole or not at all, and the same inputs give the same bytes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY, copy_workspace
from tests.outputs.test_pages_shared import office_processes

EPOCH = {"SOURCE_DATE_EPOCH": "1710201600"}  # 12 mars 2024


# this checkout's pipeline, not whichever one the environment has installed
CODE = {"PYTHONPATH": str(REPOSITORY)}


def _build(root, env=None):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **CODE, **(env or {})})


# The build as ``python -m pipeline build``, except that the moment it is about to put a
# finished temporary file over the deliverable named by RC_HOLD (pipeline/files.py:
# ``write_atomic``), the process that writes it says so in RC_MARK and waits to be killed.
HELD_BUILD = """
import os, runpy, sys, time
from pathlib import Path

import pytest

real = os.replace

def replace(source, target, *args, **kwargs):
    if Path(target).name == os.environ["RC_HOLD"]:
        Path(os.environ["RC_MARK"]).write_text(Path(source).name, encoding="utf-8")
        time.sleep(600)
    return real(source, target, *args, **kwargs)

os.replace = replace
sys.argv = ["pipeline", "build"]
runpy.run_module("pipeline", run_name="__main__")
"""


def _kill_while_writing(root: Path, deliverable: str, mark: Path) -> str:
    """Starts a build, kills it (all its processes) as the temporary file of
    ``deliverable`` is written and not yet renamed; returns that file's name."""
    mark.unlink(missing_ok=True)
    process = subprocess.Popen([sys.executable, "-c", HELD_BUILD], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **CODE, **EPOCH, "RC_HOLD": deliverable,
                                    "RC_MARK": str(mark)},
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not mark.exists():  # polled: what is awaited is an event, not a delay
            assert process.poll() is None, "the build ended before writing " + deliverable
            assert time.monotonic() < deadline, deliverable + " was never written"
            time.sleep(0.05)
        return mark.read_text(encoding="utf-8")
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the build and its jobs, as a crash would
        process.wait()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.complet  # four builds, three of them killed: a long check
def test_a_build_killed_while_writing_leaves_whole_deliverables(tmp_path):
    """Killed as each deliverable's temporary file is written: that deliverable is as it
    was before that build, byte for byte, and every deliverable is whole: the previous
    one, or what the next complete build makes (under SOURCE_DATE_EPOCH, the same bytes)."""
    root = copy_workspace("petit", tmp_path)
    assert _build(root, EPOCH).wait() == 0
    out = root / "build/vie-locale"
    note = root / "sources/alpha/fete-des-voisins.md"
    note.write_text(note.read_text("utf-8") + "\nUne phrase ajoutée après l'envoi.\n",
                    encoding="utf-8")
    sources = _snapshot(root / "sources")
    names = ("vie-locale.md", "vie-locale.html", "vie-locale.docx", "vie-locale.pdf")
    previous = {name: (out / name).read_bytes() for name in names}
    after_kills = []
    for deliverable in names[1:]:  # the Markdown is written just before the HTML
        before = (out / deliverable).read_bytes()  # a job of an earlier run may have made it
        temporary = _kill_while_writing(root, deliverable, tmp_path / "ecriture")
        assert temporary.startswith(f".rc-{deliverable}.")
        assert (out / temporary).is_file()  # killed mid-write: the new file was there
        assert (out / deliverable).read_bytes() == before  # and is not in its place
        after_kills.append({name: (out / name).read_bytes() for name in names})
        assert _snapshot(root / "sources") == sources  # nothing a writer wrote was touched
    assert _build(root, EPOCH).wait() == 0  # the next build clears what the killed ones left
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    # and any LibreOffice they left running
    assert office_processes(root / "build" / "_libreoffice") == []
    assert "Une phrase ajoutée après l’envoi." in (out / "vie-locale.html").read_text("utf-8")
    fresh = {name: (out / name).read_bytes() for name in names}
    assert all(fresh[name] != previous[name] for name in names)
    for found in after_kills:
        for name, data in found.items():
            assert data in (previous[name], fresh[name]), f"{name} is neither old nor new"
    assert _snapshot(root / "sources") == sources


@pytest.mark.complet  # two full builds of the examples: a long check
def test_the_example_workspace_gives_the_same_bytes_twice(tmp_path):
    """Two builds in two folders, under SOURCE_DATE_EPOCH: byte-identical deliverables."""
    epoch = EPOCH
    outputs = []
    for name in ("un", "deux"):
        root = tmp_path / name
        for folder in ("contributions", "sources"):
            shutil.copytree(REPOSITORY / folder, root / folder)
        assert _build(root, epoch).wait() == 0
        outputs.append({path.relative_to(root): path.read_bytes()
                        for path in sorted((root / "build").glob("*/*"))
                        if path.suffix in (".docx", ".pdf", ".html")
                        and not path.parent.name.startswith("_")})
    assert len(outputs[0]) == 9  # three contributions: DOCX, PDF, HTML
    assert outputs[0] == outputs[1]
    html = outputs[0][Path("build/culture-2024/culture-2024.html")]
    assert "version du 12\u00a0mars 2024".encode() in html
