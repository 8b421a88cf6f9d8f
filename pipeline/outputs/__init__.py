"""The output formats, declared once.

The build loops over ``FORMATS``; the command line's help and its ``--format``
check read it. Adding a format is one module with a ``write(job, workspace,
charter)`` function (returning a notice to pass on, or None) and one line below. A
format is made from one of the two forms the converted document takes (``Source``):
pandoc's AST with PNG figures, or the HTML page (SVG figures, the charter's
stylesheet)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pipeline.charter import Charter
    from pipeline.diagnostics import Diagnostic
    from pipeline.document import Document
    from pipeline.workspace import Workspace

Source = Literal["ast-png", "page"]  # pandoc's AST (JSON) with PNG figures; the HTML page


@dataclass(frozen=True)
class Format:
    name: str  # the word of ``--format``, and the suffix of the file
    description: str  # French: shown by ``build --help``
    source: Source  # what it is made from
    module: str  # the module whose ``write(job, workspace, charter)`` writes it
    files: tuple[str, ...]  # the suffixes of the files it writes, beside build/<id>/<id>
    base_memory: int = 0  # what writing it takes, in bytes (measured peaks, see below)…
    memory_per_unit: int = 0  # …plus this much per character (or byte) of its source
    own_job: bool = True  # False: cheap, written while the document is prepared
    changes: str | None = None  # the file's suffix that shows what changed since the
    # last envoi, made from the same source with the changes marked (``Job.changes``)

    def writer(self) -> Callable[[Job, Workspace, Charter], Diagnostic | None]:
        """The format's writer, imported only when a file of it is written."""
        return importlib.import_module(self.module).write


# Measured here (peak RSS): WeasyPrint took 296 MB for a 200-note page of 0.6 M
# characters, 1 086 MB for a 1000-note page of 2.7 M; python-docx and the pandoc it
# runs, up to 730 MB together (PSS) for the 10.5 MB JSON of a 360-note contribution.
FORMATS: tuple[Format, ...] = (
    Format("docx", "projet Word, à relire", "ast-png", "pipeline.outputs.docx.writer",
           (".docx", ".ancres.json"), base_memory=100_000_000, memory_per_unit=60,
           changes="-changements.docx"),
    Format("pdf", "PDF balisé, accessible", "page", "pipeline.outputs.pdf", (".pdf",),
           base_memory=100_000_000, memory_per_unit=380),
    Format("html", "page web autonome", "page", "pipeline.outputs.html", (".html",),
           own_job=False),
)


def warm_up(formats: tuple[str, ...]) -> None:
    """Imports what writing ``formats`` and drawing the figures take (WeasyPrint,
    python-docx, pikepdf, matplotlib: seconds of imports), so that the jobs, forks of
    this process, find them done: called while the language model loads in a process
    of its own, when this one would only wait."""
    from pipeline.outputs import figures

    modules = [f.module for f in selected(formats)]
    modules += ["pikepdf"] if "pdf" in formats else []
    for module in (*modules, *figures.MODULES):
        if module.startswith("matplotlib"):
            figures.matplotlib_folder()
        importlib.import_module(module)


def names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def selected(wanted: tuple[str, ...]) -> tuple[Format, ...]:
    """The formats asked for, in the registry's order."""
    return tuple(f for f in FORMATS if f.name in wanted)


@dataclass(frozen=True)
class Job:
    """One file (or set of files) of one contribution to write, with all it needs."""

    format: Format
    contribution: str  # its id
    source: bytes | str  # see ``Format.source``
    document: Document
    build_id: str  # the Markdown's hash: says which build a reviewed draft comes from
    stem: Path  # build/<id>/<id> (or build/<id>/final/<id>)
    changes: bytes | str | None = None  # the source with what changed since the last envoi
    sent_built: str | None = None  # the day the draft sent was built (its cover's date)

    @property
    def targets(self) -> tuple[Path, ...]:
        files = tuple(self.stem.with_suffix(suffix) for suffix in self.format.files)
        return (*files, self.changes_target) if self.changes is not None else files

    @property
    def changes_target(self) -> Path:
        return self.stem.with_name(f"{self.stem.name}{self.format.changes}")

    @property
    def memory(self) -> int:
        """What writing it will take, in bytes, from the size of its source."""
        return self.format.base_memory + self.format.memory_per_unit * len(self.source)

    def write(self, workspace: Workspace, charter: Charter) -> Diagnostic | None:
        """Writes the files; returns a notice the build should pass on, if any."""
        return self.format.writer()(self, workspace, charter)
