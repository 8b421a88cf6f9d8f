"""Convert: the Markdown document → pandoc's AST (parsed once) → a job for each output
format asked for, made from the AST or from the HTML page (``pipeline.outputs``
declares the formats and writes them). The build runs the jobs side by side (see
``pipeline/build.py``). Every file is written atomically."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipeline.charter import Charter
from pipeline.diagnostics import Report
from pipeline.document import Document
from pipeline.files import remove_stale_temporaries, write_atomic
from pipeline.outputs import Format, Job, Source, selected
from pipeline.outputs.ast_cache import Parsed, parse
from pipeline.outputs.changes import SinceSent, mark_changes
from pipeline.outputs.contract import note_anchor
from pipeline.outputs.document_ast import finish_ast, identify_headings, outline, with_figures
from pipeline.outputs.edition import build_id, edition_folder
from pipeline.pandoc import FILTERS, run_pandoc
from pipeline.pandoc_messages import french
from pipeline.rounds.sent import compared_with
from pipeline.stages.render import Rendered
from pipeline.timing import timed
from pipeline.workspace import Workspace


@dataclass(frozen=True)
class Converted:
    """The Markdown written; a job for each format asked for, none of them done yet."""

    markdown: Path
    jobs: tuple[Job, ...]
    since_sent: SinceSent | None = None  # what changed since the last envoi


def convert(document: Document, rendered: Rendered, workspace: Workspace, charter: Charter,
            formats: tuple[str, ...], report: Report) -> Converted:
    """Writes the Markdown, parses it once, and gives each format asked for (in the
    registry, ``pipeline.outputs``) the form of the document it is made from."""
    markdown = rendered.markdown
    out_dir = edition_folder(workspace, document.contribution.id, document.final)
    remove_stale_temporaries(out_dir)
    stem = out_dir / document.contribution.id
    write_atomic(stem.with_suffix(".md"), markdown.encode("utf-8"))
    with timed("analyse-pandoc"):
        tree = to_ast(markdown, workspace, report, workspace.relative(stem.with_suffix(".md")),
                      final=document.final, pieces=rendered.pieces)
    build = build_id(markdown.encode("utf-8"))
    with timed("changements"):
        since = since_sent(document, tree, workspace, build)
    sources = _Sources(tree, rendered, document, workspace, charter)
    changed = _Sources(since.changes.tree, rendered, document, workspace, charter) \
        if since else None
    jobs = tuple(Job(f, document.contribution.id, sources.made(f.source), document, build,
                     stem, _changes(f, changed), since.built if since else None)
                 for f in selected(formats))
    return Converted(stem.with_suffix(".md"), jobs, since)


def _changes(format: Format, changed: _Sources | None) -> bytes | str | None:
    """The form of the document with its changes since the last envoi marked, for the
    formats that show them."""
    return changed.made(format.source) if changed and format.changes else None


def since_sent(document: Document, tree: dict, workspace: Workspace,
               build: str) -> SinceSent | None:
    """For a draft (of build id ``build``), once another draft of its contribution was
    sent (``envoi``): see ``compared_with``."""
    sent = None if document.final else compared_with(workspace, document.contribution.id,
                                                      build)
    if sent is None or not sent.markdown.is_file():
        return None
    # The sent draft's own warnings were given when it was built: not again.
    old = to_ast(sent.markdown.read_text(encoding="utf-8"), workspace, Report(),
                 workspace.relative(sent.markdown))
    changes = mark_changes(old, tree, f"{document.build_date.isoformat()}T00:00:00Z")
    paths = [n.path for n in sent.notes] + [e.note.path for e in document.entries]
    return SinceSent(sent, changes, {note_anchor(p): p for p in paths}, _built(sent.docx))


def _built(docx: Path) -> str | None:
    """The day a draft was built, as its cover says it: its core properties' creation
    date (``outputs/docx/finish.py`` writes the build date there)."""
    try:
        with zipfile.ZipFile(docx) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", core)
    return found.group(1) if found else None


class _Sources:
    """The forms of the document the formats are made from, each made once if asked."""

    def __init__(self, tree: dict, rendered: Rendered, document: Document,
                 workspace: Workspace, charter: Charter) -> None:
        self.tree, self.rendered, self.document = tree, rendered, document
        self.workspace, self.charter = workspace, charter

    def made(self, source: Source) -> bytes | str:
        return self.ast_png if source == "ast-png" else self.page

    @cached_property
    def ast_png(self) -> bytes:
        with timed("docx"):
            return _json(with_figures(self.tree, self.rendered.figures, "png"))

    @cached_property
    def page(self) -> str:
        from pipeline.outputs import html  # its page template, only when a format needs it

        with timed("html"):
            ast = _json(with_figures(self.tree, self.rendered.figures, "svg"))
            return html.page(ast, outline(self.tree), self.document, self.workspace,
                             self.charter)


def to_ast(markdown: str, workspace: Workspace, report: Report, where: str,
           texts: dict[str, tuple[str, int]] | None = None,
           final: bool = False,
           pieces: tuple = ()) -> dict:
    """The document parsed once by pandoc (notes through ``notes.lua``), then finished.

    The filter's warnings about the writers' texts are reported only with ``texts``
    (each source's text and first line, to put a line on them): the build's ``check``
    reported them already (``pipeline/stages/inspect.py``), the same for ``check`` and
    ``build``, and once for a note that several contributions hold; the preview, which
    checks one note again, passes them. ``final``: refused images are left out rather
    than shown as missing. With the ``pieces`` of the rendered document, the skeleton's
    and each note's parse come from the cache when they are there
    (``outputs/ast_cache.py``)."""
    options = [f"--metadata=rc-forbidden={link}" for link in workspace.escaping_links()]
    options += ["--metadata=rc-final=true"] if final else []
    parsed = parse(pieces, workspace, tuple(options)) if pieces else None
    if parsed is None:  # in one run
        result = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                             str(FILTERS / "notes.lua"), *options], markdown.encode("utf-8"),
                            workspace.root)
        parsed = Parsed(json.loads(result.output), result.warnings, result.messages)
    for warning in sorted(set(parsed.warnings) if texts is not None else (),
                          key=lambda w: (w.path, w.message)):
        text, first_line = texts.get(warning.path, ("", 1))
        report.warning(warning.path, _line_of(warning.needle, text, first_line),
                       warning.message, warning.code)
    for message in parsed.messages:
        report.warning(where, None, french(message), "pandoc")
    return identify_headings(parsed.tree) if parsed.finished else finish_ast(parsed.tree)


def source_texts(document: Document) -> dict[str, tuple[str, int]]:
    """Each writer's text in the document, with the line its first line has in its file."""
    contribution = document.contribution
    folder = contribution.path.rsplit("/", 1)[0]
    texts = {e.note.path: (e.note.body, e.note.body_line) for e in document.entries
             if e.note.body_line}  # 0: a Word/LibreOffice note, which has no lines
    for name, text in (("introduction.md", contribution.introduction),
                       ("enseignements.md", contribution.lessons)):
        if text:
            texts[f"{folder}/{name}"] = (text, 1)
    return texts


def _line_of(needle: str, text: str, first_line: int) -> int | None:
    index = text.find(needle) if needle else -1
    return None if index < 0 else first_line + text.count("\n", 0, index)


def _json(tree: dict) -> bytes:
    return json.dumps(tree, ensure_ascii=False).encode("utf-8")
