"""What the last build was made from, so that a build does only the work its inputs
call for: nothing at all when nothing changed, and only the contributions whose
notes, configuration or templates changed otherwise.

The state lives in ``build/_etat.json``. Keys are hashes of everything that goes
into an output: the files themselves, the pipeline's own code, the options and the
build date (it is printed in drafts)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.diagnostics import Diagnostic
from pipeline.files import write_atomic
from pipeline.workspace import Workspace

PACKAGE = Path(__file__).resolve().parent
STATE_FILE = "_etat.json"


@cache
def code_hash() -> str:
    """The pipeline's own code: a change to it rebuilds everything."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".lua") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def files_hash(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() if path.is_relative_to(root)
                      else path.as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _tree(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [Path(d) / f for d, _, files in os.walk(folder) for f in files
            if not f.startswith(".")]


def templates_hash(workspace: Workspace) -> str:
    return "".join(files_hash(_tree(d), d) for d in workspace.template_dirs)


def workspace_key(workspace: Workspace, options_key: str) -> str:
    """Every input of the workspace at once but the drafts sent (the build adds what of
    them its outputs depend on): the no-op check, before any parsing."""
    parts = [code_hash(), options_key, templates_hash(workspace),
             files_hash(_tree(workspace.sources), workspace.root),
             files_hash(_tree(workspace.contributions), workspace.root)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def key_of(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Made:
    """What the state keeps of a contribution it made: the key of its inputs, the
    diagnostics its making gave, and its files (relative to the workspace)."""

    key: str
    diagnostics: tuple[Diagnostic, ...] = ()
    outputs: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"key": self.key, "diagnostics": [d.to_json() for d in self.diagnostics],
                "outputs": list(self.outputs)}

    @classmethod
    def from_json(cls, data: dict) -> Made:
        return cls(data["key"], tuple(Diagnostic.from_json(d) for d in data["diagnostics"]),
                   tuple(data["outputs"]))


@dataclass
class BuildState:
    workspace: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    contributions: dict[str, Made] = field(default_factory=dict)

    @classmethod
    def read(cls, workspace: Workspace) -> BuildState:
        try:
            data = json.loads((workspace.build / STATE_FILE).read_text(encoding="utf-8"))
            return cls(data["workspace"],
                       [Diagnostic.from_json(d) for d in data["diagnostics"]],
                       {c: Made.from_json(m) for c, m in data["contributions"].items()})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, workspace: Workspace) -> None:
        data = {"workspace": self.workspace,
                "diagnostics": [d.to_json() for d in self.diagnostics],
                "contributions": {c: m.to_json() for c, m in self.contributions.items()}}
        write_atomic(workspace.build / STATE_FILE,
                     json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def up_to_date(self, contribution_id: str, key: str, workspace: Workspace) -> bool:
        made = self.contributions.get(contribution_id)
        return made is not None and made.key == key and all(
            (workspace.root / path).is_file() for path in made.outputs)
