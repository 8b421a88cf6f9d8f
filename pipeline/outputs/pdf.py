"""HTML page → tagged PDF with WeasyPrint, fetching nothing but the workspace's
and the charter's own files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
from weasyprint import DEFAULT_OPTIONS, HTML
from weasyprint.urls import URLFetcher

from pipeline.charter import Charter
from pipeline.files import write_atomic
from pipeline.outputs import Job
from pipeline.timing import timed
from pipeline.workspace import Workspace


def _page_references(original: property, pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, made once per page count instead of at each call.

    WeasyPrint's tagging asks for it for every tagged element, and pydyf builds the
    whole tuple each time: quadratic, about half of the PDF's writing time for a
    1000-note contribution. Pages are only ever appended to ``Kids``, so the page
    count says whether the tuple is still right."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_rc_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), original.fget(pdf))
        pdf.__dict__["_rc_page_references"] = cached
    return cached[1]


@contextmanager
def page_references_kept() -> Iterator[None]:
    """pydyf's ``PDF.page_references`` kept per page count while the block runs (the PDF
    is written in a job of its own), and pydyf as it was after."""
    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property):  # not as in pydyf 0.11 to 0.13: left alone
        yield
        return
    pydyf.PDF.page_references = property(partial(_page_references, original))
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


class WorkspaceFetcher(URLFetcher):
    """Serves ``data:`` URLs and files under the allowed folders, nothing else."""

    def __init__(self, allowed: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)

    def fetch(self, url: str, headers: dict | None = None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.allowed):
                raise ValueError(f"ressource hors de l'espace de travail refusée : {url}")
        return super().fetch(url, headers)


def write(job: Job, workspace: Workspace, charter: Charter) -> None:
    assert isinstance(job.source, str)  # the HTML page
    write_atomic(job.targets[0], html_to_pdf(job.source, workspace))


def html_to_pdf(page: str, workspace: Workspace) -> bytes:
    allowed = (workspace.sources, *workspace.template_dirs)
    html = HTML(string=page, base_url=workspace.root.resolve().as_uri() + "/",
                url_fetcher=WorkspaceFetcher(allowed))
    # What ``HTML.write_pdf`` does, in its two steps, so that each is timed.
    options = {**DEFAULT_OPTIONS, "pdf_variant": "pdf/ua-1", "pdf_tags": True,
               "attachments": [], "uncompressed_pdf": False}
    with timed("pdf-mise-en-page"):
        document = html.render(**options)
    with timed("pdf-ecriture"), page_references_kept():
        return scope_pdf_headers(document.write_pdf(**options))


def scope_pdf_headers(data: bytes) -> bytes:
    """Adds /Scope /Column to the header cells WeasyPrint tags as /TH.

    The page's ``<th scope="col">`` (``document_ast.scope_table_headers``) is not
    carried into the PDF's tags: WeasyPrint links each /TD to its headers (/Headers
    and /ID), which PDF/UA accepts; checkers and screen readers look for /Scope on
    the header itself.
    """
    import pikepdf  # only the PDF needs it

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for cell in struct_elements(pdf.Root.get("/StructTreeRoot")):
            if cell.get("/S") == pikepdf.Name.TH:
                attributes = cell.get("/A")
                if not isinstance(attributes, pikepdf.Dictionary):
                    attributes = cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
                attributes.Scope = pikepdf.Name.Column
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def struct_elements(node: object) -> Iterator:
    """Every element of a tagged PDF's structure tree, in reading order."""
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from struct_elements(child)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        yield from struct_elements(node.get("/K"))
