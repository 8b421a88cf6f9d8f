"""A build reads nothing outside the workspace and the installed software, whatever
the notes say (paths, links, images); and it fetches nothing."""

import json
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from PIL import Image

from tests.conftest import REPOSITORY, copy_workspace

HOOK = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.abspath(os.fsdecode(args[0])))
    if event == "socket.connect":
        opened.append("socket:" + repr(args[1]))
sys.addaudithook(hook)
from pipeline.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as stream:
    json.dump({"code": code, "opened": opened}, stream)
"""

HOSTILE = """---
titre: Tentatives
crpv: alpha
auteurs: [A B]
contribution: vie-locale
themes: [ecoles]
date: 2024-01-01
statut: valide
---

![a](../../../secret/photo.png) ![b]({secret}/photo.png) ![c](file://{secret}/photo.png)
![d](liens/photo.png) ![e](http://127.0.0.1:9/x.png)

[lien](file://{secret}/photo.png) <img src="{secret}/photo.png">

## Enseignements

Rien.
"""


def _allowed_roots(root: Path) -> tuple[str, ...]:
    paths = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    return tuple(str(Path(p).resolve()) for p in (
        root, REPOSITORY / "pipeline", REPOSITORY / "templates", sys.prefix, sys.base_prefix,
        REPOSITORY / "geography",  # the official geography's data package (npm)
        *paths, "/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts",
        "/var/cache/fontconfig", Path.home() / ".cache", Path.home() / ".config/matplotlib",
        "/usr/share/zoneinfo", "/dev/null", "/usr/lib", "/lib", "/etc/ssl", "/etc/mime.types",
        # Python's tempfile probes the temporary folder once (files it creates itself)
        tempfile.gettempdir(),
    ))


def test_a_build_opens_nothing_outside(tmp_path):
    root = copy_workspace("petit", tmp_path)
    secret = tmp_path / "secret"
    secret.mkdir()
    Image.new("RGB", (8, 8), "red").save(secret / "photo.png")
    (root / "sources/alpha/liens").symlink_to(secret, target_is_directory=True)
    (root / "sources/alpha/tentatives.md").write_text(HOSTILE.format(secret=secret),
                                                      encoding="utf-8")
    record = tmp_path / "opened.json"
    done = subprocess.run([sys.executable, "-c", HOOK, str(record), "build", "--workspace",
                           str(root)], capture_output=True, text=True, check=False,
                          cwd=tmp_path, env={**os.environ, "MPLCONFIGDIR": str(root / "build")})
    result = json.loads(record.read_text())
    assert result["code"] == 0, done.stderr
    allowed = _allowed_roots(root)
    outside = [p for p in result["opened"] if not p.startswith("socket:")
               and not str(Path(p).resolve()).startswith(allowed)
               and not p.startswith(str(record))
               # the shared LibreOffice's end is awaited on each process's state, read-only
               and not re.fullmatch(r"/proc/\d+/stat", p)]
    assert outside == [], sorted(set(outside))[:40]
    assert not [p for p in result["opened"] if str(secret) in str(Path(p).resolve())]
    assert not [p for p in result["opened"] if p.startswith("socket:")]
    for kind in ("docx", "html"):
        data = (root / f"build/vie-locale/vie-locale.{kind}").read_bytes()
        assert b"127.0.0.1" not in data or kind == "html"  # an image URL is never fetched
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert str(secret) not in html
