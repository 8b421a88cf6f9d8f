"""Every output of two builds, made once for the publication checks: the repository's
examples (draft) and the « publication » sample workspace (draft and final edition),
with the real pandoc, WeasyPrint, python-docx, LibreOffice and Chromium."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.cli.main import main
from tests.conftest import copy_workspace


@dataclass(frozen=True)
class Built:
    name: str
    root: Path
    final: bool

    def outputs(self, suffix: str) -> list[Path]:
        """The contributions' deliverables of that kind (a final edition's in ``final/``
        where the build keeps it apart)."""
        found = []
        for folder in sorted((self.root / "build").iterdir()):
            if folder.is_dir() and not folder.name.startswith("_"):
                kept = folder / "final" if (folder / "final").is_dir() and self.final else folder
                found += [p for p in kept.glob(f"{folder.name}.{suffix}")]
        return found


@pytest.fixture(scope="session")
def published(built_examples, tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, ...]:
    assert built_examples.code == 0, built_examples.err  # the examples, built once
    examples = built_examples.root
    sample = copy_workspace("publication", tmp_path_factory.mktemp("publication"))
    assert main(["build", "--workspace", str(sample)]) == 0  # a missing image: a warning only
    final = copy_workspace("publication", tmp_path_factory.mktemp("publication-finale"))
    assert main(["build", "--final", "--workspace", str(final)]) == 0
    return (Built("exemples", examples, False), Built("publication", sample, False),
            Built("publication-finale", final, True))
