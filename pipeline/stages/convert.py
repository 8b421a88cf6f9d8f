"""Convert: the Markdown document → pandoc's AST (parsed once) → the HTML page here;
the DOCX (pandoc) and the PDF (WeasyPrint, on the page) are left as jobs, which the
build runs side by side (see ``pipeline/build.py``). Every file is written atomically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.charter import Charter
from pipeline.diagnostics import Diagnostic, Report
from pipeline.document import Document
from pipeline.files import remove_stale_temporaries, write_atomic
from pipeline.outputs.changes import SinceSent, mark_changes
from pipeline.outputs.contract import note_anchor
from pipeline.outputs.document_ast import Heading, finish_ast, outline, with_figures
from pipeline.outputs.edition import edition_folder
from pipeline.pandoc import FILTERS, run_pandoc
from pipeline.rounds.sent import latest
from pipeline.stages.render import Rendered
from pipeline.workspace import Workspace

FORMATS = ("docx", "pdf", "html")
# What WeasyPrint takes (peak RSS, measured here): 296 MB for a 200-note build's page
# of 0.6 M characters, 1 086 MB for a 1000-note build's 2.7 M characters.
PDF_BASE_MEMORY = 100_000_000  # WeasyPrint and its fonts, before any page
PDF_MEMORY_PER_CHARACTER = 380  # of the HTML page
DOCX_BASE_MEMORY = 100_000_000
DOCX_MEMORY_PER_BYTE = 30  # of the AST's JSON


@dataclass(frozen=True)
class PdfJob:
    """What the PDF is made from: the HTML page, laid out by WeasyPrint."""

    page: str
    target: Path

    @property
    def memory(self) -> int:
        """What WeasyPrint will take, in bytes, from the page's size."""
        return PDF_BASE_MEMORY + PDF_MEMORY_PER_CHARACTER * len(self.page)


@dataclass(frozen=True)
class DocxJob:
    """What the DOCX is made from: the AST (PNG figures), on the charter's reference."""

    ast: bytes
    document: Document
    markdown: str
    target: Path
    reference: Path
    changes: bytes | None = None  # the AST with what changed since the last envoi

    @property
    def changes_target(self) -> Path:
        return self.target.with_name(f"{self.target.stem}-changements.docx")

    @property
    def outputs(self) -> tuple[Path, ...]:
        """The DOCX, its anchors, and the changes file when there is one."""
        return (self.target, self.target.with_suffix(".ancres.json"),
                *([self.changes_target] if self.changes is not None else []))

    @property
    def memory(self) -> int:
        """What pandoc and python-docx will take, in bytes, from the AST's size."""
        return DOCX_BASE_MEMORY + DOCX_MEMORY_PER_BYTE * len(self.ast)


@dataclass(frozen=True)
class Converted:
    written: tuple[Path, ...]
    docx: DocxJob | None = None  # still to make
    pdf: PdfJob | None = None
    since_sent: SinceSent | None = None  # what changed since the last envoi

    @property
    def outputs(self) -> tuple[Path, ...]:
        """Every file of the contribution once its jobs are done."""
        later = list(self.docx.outputs) if self.docx else []
        return (*self.written, *later, *([self.pdf.target] if self.pdf else []))


def convert(document: Document, rendered: Rendered, workspace: Workspace, charter: Charter,
            formats: tuple[str, ...], report: Report,
            reference: Path | None = None) -> Converted:
    """Writes the Markdown and the HTML page; returns them, and the DOCX's (on the
    charter's ``reference`` document) and the PDF's jobs for the formats asked for."""
    markdown = rendered.markdown
    out_dir = edition_folder(workspace, document.contribution.id, document.final)
    remove_stale_temporaries(out_dir)
    stem = out_dir / document.contribution.id
    write_atomic(stem.with_suffix(".md"), markdown.encode("utf-8"))
    tree = to_ast(markdown, workspace, report, workspace.relative(stem.with_suffix(".md")),
                  final=document.final)
    written, docx, pdf = [], None, None
    since = since_sent(document, tree, workspace)
    if "docx" in formats:
        changes = _json(with_figures(since.changes.tree, rendered.figures, "png")) \
            if since else None
        docx = DocxJob(_json(with_figures(tree, rendered.figures, "png")), document, markdown,
                       stem.with_suffix(".docx"), reference or reference_docx(workspace, charter),
                       changes)
    if "html" in formats or "pdf" in formats:
        ast = _json(with_figures(tree, rendered.figures, "svg"))
        page = html_page(ast, outline(tree), document, workspace, charter)
        if "html" in formats:
            write_atomic(stem.with_suffix(".html"), page.encode("utf-8"))
            written.append(stem.with_suffix(".html"))
        if "pdf" in formats:
            pdf = PdfJob(page, stem.with_suffix(".pdf"))
    return Converted(tuple(written), docx, pdf, since)


def since_sent(document: Document, tree: dict, workspace: Workspace) -> SinceSent | None:
    """For a draft, once a draft of its contribution was sent (``envoi``)."""
    sent = None if document.final else latest(workspace, document.contribution.id)
    if sent is None or not sent.markdown.is_file():
        return None
    # The sent draft's own warnings were given when it was built: not again.
    old = to_ast(sent.markdown.read_text(encoding="utf-8"), workspace, Report(),
                 workspace.relative(sent.markdown))
    changes = mark_changes(old, tree, f"{document.build_date.isoformat()}T00:00:00Z")
    paths = [n.path for n in sent.notes] + [e.note.path for e in document.entries]
    return SinceSent(sent, changes, {note_anchor(p): p for p in paths})


def to_ast(markdown: str, workspace: Workspace, report: Report, where: str,
           final: bool = False) -> dict:
    """The document parsed once by pandoc (notes through ``notes.lua``), then finished;
    ``final``: refused images are left out rather than shown as missing.

    The filter's warnings about the writers' texts are not reported here: ``check``
    reported them (``pipeline/stages/inspect.py``), the same for ``check`` and
    ``build``, and once for a note that several contributions hold."""
    forbidden = [f"--metadata=rc-forbidden={link}" for link in workspace.escaping_links()]
    forbidden += ["--metadata=rc-final=true"] if final else []
    result = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                         str(FILTERS / "notes.lua"), *forbidden], markdown.encode("utf-8"),
                        workspace.root)
    for message in result.messages:
        report.warning(where, None, f"pandoc : {message}", "pandoc")
    return finish_ast(json.loads(result.output))


# --- DOCX -----------------------------------------------------------------------

def write_docx(job: DocxJob, workspace: Workspace, charter: Charter) -> Diagnostic | None:
    """Writes the DOCX; returns a notice when its page numbers could not be computed."""
    from pipeline.outputs.docx.anchors import anchors_json
    from pipeline.outputs.docx.finish import finish_docx
    from pipeline.outputs.docx.pages import number_pages
    from pipeline.outputs.logo import logo_png  # Pillow and python-docx only for a DOCX

    result = run_pandoc(["--from=json", "--to=docx", "--reference-doc", str(job.reference),
                         "--toc", "--toc-depth=2", "--sandbox", "--output=-"], job.ast,
                        workspace.root)
    build_id = hashlib.sha256(job.markdown.encode("utf-8")).hexdigest()[:12]
    finished = finish_docx(result.output, job.document, charter, build_id=build_id,
                           logo_png=logo_png(charter))
    numbered, notice = number_pages(finished)  # LibreOffice, where installed
    write_atomic(job.target, numbered)
    # the bookmark → note map that ``review`` reads (pipeline/outputs/docx/anchors.py)
    write_atomic(job.target.with_suffix(".ancres.json"), anchors_json(job.document, build_id))
    if job.changes is not None:  # the same draft, with what changed since the last envoi
        result = run_pandoc(["--from=json", "--to=docx", "--reference-doc", str(job.reference),
                             "--toc", "--toc-depth=2", "--sandbox", "--output=-"], job.changes,
                            workspace.root)
        write_atomic(job.changes_target, finish_docx(result.output, job.document, charter,
                                                     build_id=build_id,
                                                     logo_png=logo_png(charter)))
    return None if notice is None else Diagnostic(workspace.relative(job.target), None, "info",
                                                  notice, "docx.pages")


def reference_docx(workspace: Workspace, charter: Charter) -> Path:
    """The charter's reference document, made again when the charter or its maker changes
    (by the building process: jobs running side by side must not race on it)."""
    from pipeline.outputs.contract import current
    from pipeline.outputs.docx import reference as charter_docx

    maker = Path(charter_docx.__file__).read_bytes() + repr(current()).encode("utf-8")
    key = hashlib.sha256(repr(charter).encode("utf-8") + maker).hexdigest()[:16]
    path = workspace.build / "_charte" / f"reference-{key}.docx"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        charter_docx.write_reference_docx(charter, temporary)
        temporary.replace(path)
    return path


# --- HTML and PDF ---------------------------------------------------------------

def html_page(ast: bytes, headings: tuple[Heading, ...], document: Document,
              workspace: Workspace, charter: Charter) -> str:
    from pipeline.outputs.html import render_page

    body = run_pandoc(["--from=json", "--to=html5", "--section-divs", "--sandbox"], ast,
                      workspace.root)
    return render_page(body.output.decode("utf-8"), headings, document, workspace, charter)


def write_pdf(job: PdfJob, workspace: Workspace) -> None:
    from pipeline.outputs.pdf import html_to_pdf

    write_atomic(job.target, html_to_pdf(job.page, workspace))


def _json(tree: dict) -> bytes:
    return json.dumps(tree, ensure_ascii=False).encode("utf-8")
