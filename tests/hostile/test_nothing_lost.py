"""Outputs are replaced whole or not at all, and the same inputs give the same bytes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
from pypdf import PdfReader

from tests.conftest import REPOSITORY, copy_workspace


def _build(root, env=None):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})


def test_a_build_killed_midway_leaves_whole_deliverables(tmp_path):
    root = copy_workspace("petit", tmp_path)
    assert _build(root).wait() == 0
    out = root / "build/vie-locale/vie-locale"
    for delay in (0.5, 2.0, 4.0):
        (root / "sources/alpha/fete-des-voisins.md").write_text(
            (root / "sources/alpha/fete-des-voisins.md").read_text("utf-8") + f"\n{delay}\n",
            encoding="utf-8")
        process = _build(root)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        docx.Document(str(out.with_suffix(".docx")))  # opens: whole, old or new
        assert len(PdfReader(out.with_suffix(".pdf")).pages) > 3
        assert out.with_suffix(".html").read_text("utf-8").rstrip().endswith("</html>")
    assert _build(root).wait() == 0  # the next build clears what the killed ones left
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []


def test_the_example_workspace_gives_the_same_bytes_twice(tmp_path):
    """Two builds in two folders, under SOURCE_DATE_EPOCH: byte-identical deliverables."""
    epoch = {"SOURCE_DATE_EPOCH": "1710201600"}  # 12 mars 2024
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
    assert len(outputs[0]) == 6
    assert outputs[0] == outputs[1]
    html = outputs[0][Path("build/culture-2024/culture-2024.html")]
    assert "version du 12\u00a0mars 2024".encode() in html
