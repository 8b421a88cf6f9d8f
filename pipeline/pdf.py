"""HTML page → tagged PDF with WeasyPrint, fetching nothing but the workspace's
and the charter's own files."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from pipeline.workspace import Workspace


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


def html_to_pdf(page: str, workspace: Workspace) -> bytes:
    allowed = (workspace.sources, *workspace.template_dirs)
    html = HTML(string=page, base_url=workspace.root.resolve().as_uri() + "/",
                url_fetcher=WorkspaceFetcher(allowed))
    return html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, attachments=[],
                          uncompressed_pdf=False)
