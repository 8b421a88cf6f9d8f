"""Where a workspace keeps its inputs and outputs, and where the charter is found."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def contributions(self) -> Path:
        return self.root / "contributions"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """The workspace's own templates first, then the package's charter."""
        own = self.root / "templates"
        dirs = (own, PACKAGE_TEMPLATES) if own.is_dir() else (PACKAGE_TEMPLATES,)
        return tuple(dict.fromkeys(d.resolve() for d in dirs))

    def template(self, name: str) -> Path:
        for directory in self.template_dirs:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        raise FileNotFoundError(name)

    def escaping_links(self) -> tuple[str, ...]:
        """Symbolic links under sources/ that lead outside it (nothing is read through them)."""
        root = self.sources.resolve()
        links = []
        for folder, dirs, files in os.walk(self.sources):
            for name in sorted(dirs + files):
                path = Path(folder) / name
                if path.is_symlink() and not path.resolve().is_relative_to(root):
                    links.append(self.relative_link(path))
        return tuple(sorted(links))

    def relative_link(self, path: Path) -> str:
        """A link's own path (not its target's), relative to the workspace."""
        return path.absolute().relative_to(self.root.absolute()).as_posix()

    def relative(self, path: Path) -> str:
        """A path as the messages show it: relative to the workspace, with slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
