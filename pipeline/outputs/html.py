"""The publication as one HTML page: pandoc's body inside the charter's page
template, with the stylesheet inlined so that the page reads offline. The page is
written as it is (``write``) and laid out as the PDF (``pipeline.outputs.pdf``)."""

from __future__ import annotations

import base64

import jinja2
from markupsafe import Markup

from pipeline.charter import Charter
from pipeline.document import Document
from pipeline.files import write_atomic
from pipeline.outputs import Job, phrases
from pipeline.outputs.document_ast import Heading
from pipeline.outputs.docx.finish import draft_mark
from pipeline.outputs.logo import logo_svg
from pipeline.pandoc import run_pandoc
from pipeline.templating import environment
from pipeline.typography import french_date, french_text
from pipeline.workspace import Workspace


def _environment(workspace: Workspace) -> jinja2.Environment:
    return environment(workspace, html=True, filters={"typo": french_text})


def stylesheet(workspace: Workspace, charter: Charter) -> str:
    """The charter's CSS (screen and print), derived from ``charte.yaml``."""
    template = _environment(workspace).get_template("charte/publication.css.j2")
    return template.render(charter=charter)


def render_page(body: str, outline: tuple, document: Document, workspace: Workspace,
                charter: Charter) -> str:
    template = _environment(workspace).get_template("publication.html.j2")
    return template.render(
        body=Markup(body), outline=outline, document=document,
        contribution=document.contribution, charter=charter,
        css=Markup(stylesheet(workspace, charter)),
        recipient_line=phrases.recipient_line(document.contribution.recipient),
        description=phrases.description(charter.network_name, document.contribution.recipient,
                                        document.contribution.year),
        draft_mark=None if document.final else draft_mark(document),
        build_date=french_date(document.build_date),
        logo="data:image/svg+xml;base64," + base64.b64encode(
            logo_svg(charter).encode("utf-8")).decode("ascii"),
    )


def page(ast: bytes, headings: tuple[Heading, ...], document: Document, workspace: Workspace,
         charter: Charter) -> str:
    """The page of the document whose AST (SVG figures) is ``ast``."""
    body = run_pandoc(["--from=json", "--to=html5", "--section-divs", "--sandbox"], ast,
                      workspace.root)
    return render_page(body.output.decode("utf-8"), headings, document, workspace, charter)


def write(job: Job, workspace: Workspace, charter: Charter) -> None:
    assert isinstance(job.source, str)  # the page
    write_atomic(job.targets[0], job.source.encode("utf-8"))
