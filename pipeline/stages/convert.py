"""Convert: the Markdown document → pandoc's AST (parsed once) → DOCX and HTML;
the HTML page → PDF with WeasyPrint. Every file is written atomically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.charter import Charter
from pipeline.diagnostics import Report
from pipeline.files import write_atomic
from pipeline.pandoc import FILTERS, run_pandoc
from pipeline.stages.group import Document
from pipeline.typography import french_ast, french_date
from pipeline.workspace import Workspace

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def convert(document: Document, markdown: str, workspace: Workspace, charter: Charter,
            formats: tuple[str, ...], report: Report) -> tuple[Path, ...]:
    out_dir = workspace.build / document.contribution.id
    stem = out_dir / document.contribution.id
    write_atomic(stem.with_suffix(".md"), markdown.encode("utf-8"))
    ast = to_ast(markdown, workspace, report, workspace.relative(stem.with_suffix(".md")))
    written = []
    if "docx" in formats:
        write_docx(ast, document, workspace, charter, stem.with_suffix(".docx"))
        written.append(stem.with_suffix(".docx"))
    if "html" in formats or "pdf" in formats:
        page = html_page(ast, document, workspace, charter)
        if "html" in formats:
            write_atomic(stem.with_suffix(".html"), page.encode("utf-8"))
            written.append(stem.with_suffix(".html"))
        if "pdf" in formats:
            write_pdf(page, document, workspace, stem.with_suffix(".pdf"))
            written.append(stem.with_suffix(".pdf"))
    return tuple(written)


def to_ast(markdown: str, workspace: Workspace, report: Report, where: str) -> bytes:
    result = run_pandoc(["--from=markdown", "--to=json", "--lua-filter",
                         str(FILTERS / "notes.lua")], markdown.encode("utf-8"), workspace.root)
    for path, code, message in sorted(set(result.warnings)):
        report.warning(path, None, message, code)
    for message in result.messages:
        report.warning(where, None, f"pandoc : {message}", "pandoc")
    return json.dumps(french_ast(json.loads(result.output)), ensure_ascii=False).encode("utf-8")


# --- DOCX -----------------------------------------------------------------------

def write_docx(ast: bytes, document: Document, workspace: Workspace, charter: Charter,
               target: Path) -> None:
    from pipeline.docx_finish import finish_docx  # python-docx only when a DOCX is made

    reference = reference_docx(workspace, charter)
    result = run_pandoc(["--from=json", "--to=docx", "--reference-doc", str(reference),
                         "--toc", "--toc-depth=2", "--sandbox", "--output=-"], ast,
                        workspace.root)
    write_atomic(target, finish_docx(result.output, document, charter))


def reference_docx(workspace: Workspace, charter: Charter) -> Path:
    """The charter's reference document, made again whenever the charter changes."""
    from pipeline.charter_docx import write_reference_docx

    key = hashlib.sha256(repr(charter).encode("utf-8")).hexdigest()[:16]
    path = workspace.build / "_charte" / f"reference-{key}.docx"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        write_reference_docx(charter, temporary)
        temporary.replace(path)
    return path


# --- HTML and PDF ---------------------------------------------------------------

def html_page(ast: bytes, document: Document, workspace: Workspace, charter: Charter) -> str:
    from pipeline.html_page import render_page

    body = run_pandoc(["--from=json", "--to=html5", "--section-divs"], ast, workspace.root)
    return render_page(body.output.decode("utf-8"), outline(ast), document, workspace, charter)


def write_pdf(page: str, document: Document, workspace: Workspace, target: Path) -> None:
    from pipeline.pdf import html_to_pdf

    write_atomic(target, html_to_pdf(page, workspace))


def outline(ast: bytes) -> tuple[Heading, ...]:
    """Level-1 and level-2 headings of the document, for the HTML table of contents."""
    headings: list[Heading] = []
    _collect(json.loads(ast)["blocks"], headings)
    return tuple(headings)


def _collect(blocks: list[dict], headings: list[Heading]) -> None:
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header" and content[0] <= 2 and content[1][0]:
            headings.append(Heading(content[0], content[1][0], _text(content[2])))
        elif kind == "Div":
            _collect(content[1], headings)


def _text(inlines: list[dict]) -> str:
    parts = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout"):
            parts.append(_text(content))
        elif kind in ("Link", "Span", "Quoted"):
            parts.append(_text(content[1]) if kind != "Quoted" else f"« {_text(content[1])} »")
        elif kind == "Code":
            parts.append(content[1])
    return "".join(parts)


def build_date_label(document: Document) -> str:
    return french_date(document.build_date)
