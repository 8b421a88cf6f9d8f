"""Render: the contribution's document as Pandoc Markdown, from the jinja2
template ``document.md.j2``. Data only goes in as escaped values or as literal
blocks for the ``notes.lua`` filter (see ``pipeline.outputs.markdown``)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup
from ruamel.yaml import YAML

from pipeline.charter import Charter
from pipeline.document import Document, Entry
from pipeline.outputs import phrases
from pipeline.outputs.contract import current as draft_contract
from pipeline.outputs.contract import note_anchor
from pipeline.outputs.figures import Figure, method_figures
from pipeline.outputs.markdown import finalize, identifier, markdown_block
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def environment(workspace: Workspace) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs]),
        undefined=jinja2.StrictUndefined, autoescape=False, finalize=finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        comment_start_string="{##", comment_end_string="##}",  # "{#id}" is Markdown here
    )
    env.filters["markdown"] = markdown_block
    env.filters["id"] = identifier
    env.filters["anchor"] = lambda path, lessons=False: Markup(note_anchor(path, lessons))
    env.filters["date_fr"] = french_date
    env.filters["dirname"] = posixpath.dirname
    env.filters["aside"] = phrases.aside
    return env


@dataclass(frozen=True)
class Rendered:
    markdown: str  # refers to each figure as an image « figure:<name> »
    figures: tuple[Figure, ...]


def render(document: Document, workspace: Workspace, charter: Charter) -> Rendered:
    entries = document.entries
    centres = {e.centre for e in entries}
    figures = method_figures(document, charter)
    markdown = environment(workspace).get_template("document.md.j2").render(
        document=document, contribution=document.contribution, charter=charter,
        method=phrases.method(len(entries), len(centres), document.contribution.recipient),
        contributors=_contributors(entries), glossary=_glossary(document, workspace),
        figures={f.name: f for f in figures}, contract=draft_contract(),
    )
    return Rendered(markdown, figures)


def _contributors(entries: tuple[Entry, ...]) -> list[tuple[object, list[Entry]]]:
    by_centre: dict[object, list[Entry]] = {}
    for entry in entries:
        by_centre.setdefault(entry.centre, []).append(entry)
    return sorted(by_centre.items(), key=lambda item: item[0].name)


def _glossary(document: Document, workspace: Workspace) -> list[tuple[str, str]]:
    """The acronyms of the glossary that the document's text actually uses."""
    data = YAML(typ="safe", pure=True).load(workspace.template("glossaire.yaml").read_text("utf-8"))
    contribution = document.contribution
    texts = [contribution.title, contribution.recipient, contribution.introduction or "",
             contribution.lessons or "", *contribution.questions]
    texts += [e.note.body + " " + e.note.title for e in document.entries]
    words = set(re.findall(r"\b[A-Z]{2,}\b", " ".join(texts))) | {"CRPV"}
    return sorted((str(k), str(v)) for k, v in data.items() if str(k) in words)
