"""A build in a sealed room, shared by tests/test_build_costs.py and
tests/hostile/test_no_reach_outside.py: the small sample plus a note that tries to reach
outside, built by ``python -m pipeline build --temps`` in a child process whose HOME,
XDG folders and temporary folder are empty folders of its own, an audit hook recording
every file it opens and every connection it makes. One build (LibreOffice, pandoc and
WeasyPrint started once) for what a build writes, reads, fetches and measures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from PIL import Image

from tests.conftest import copy_workspace, plain_spaces

XDG = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")

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


class Sealed(NamedTuple):
    root: Path  # the workspace, built
    homes: dict[str, Path]  # HOME, the XDG folders and TMPDIR given to the build
    secret: Path  # a folder outside the workspace, which the hostile note points at
    record: Path  # where the audit hook wrote what it saw
    opened: list[str]  # every file opened, every connection ("socket:…")
    out: str  # what the build printed (plain spaces)


def build_sealed(top: Path) -> Sealed:
    root = copy_workspace("petit", top)
    secret = top / "secret"
    secret.mkdir()
    Image.new("RGB", (8, 8), "red").save(secret / "photo.png")
    (root / "sources/alpha/liens").symlink_to(secret, target_is_directory=True)
    (root / "sources/alpha/tentatives.md").write_text(HOSTILE.format(secret=secret),
                                                      encoding="utf-8")
    homes = {name: top / name.lower() for name in ("HOME", *XDG, "TMPDIR")}
    for folder in homes.values():
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env.update({k: str(v) for k, v in homes.items()}, SOURCE_DATE_EPOCH="1717200000")
    record = top / "opened.json"
    # The hook sees a name opened under a folder's descriptor (shutil.rmtree does so in
    # the temporary folders) as relative to the current folder: that is its TMPDIR.
    done = subprocess.run([sys.executable, "-c", HOOK, str(record), "build", "--temps",
                           "--workspace", str(root)], capture_output=True, text=True,
                          env=env, cwd=homes["TMPDIR"],  # the package as installed
                          timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(record.read_text())
    assert result["code"] == 0, done.stderr
    return Sealed(root, homes, secret, record, result["opened"], plain_spaces(done.stdout))
