"""The publication as one HTML page: pandoc's body inside the charter's page
template, with the stylesheet inlined so that the page reads offline."""

from __future__ import annotations

import base64

import jinja2
from markupsafe import Markup

from pipeline.charter import Charter
from pipeline.document import Document
from pipeline.outputs import phrases
from pipeline.outputs.docx.finish import draft_mark
from pipeline.outputs.logo import logo_svg
from pipeline.typography import french_date, french_text
from pipeline.workspace import Workspace


def _environment(workspace: Workspace) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs]),
        undefined=jinja2.StrictUndefined, autoescape=True,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["typo"] = french_text
    return env


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
