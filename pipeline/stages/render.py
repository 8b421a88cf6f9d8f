"""Render: the contribution's document as Pandoc Markdown, from the jinja2
template ``document.md.j2``. Data only goes in as escaped values or as literal
blocks for the ``notes.lua`` filter (see ``pipeline.outputs.markdown``)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from pipeline import templating
from pipeline.charter import Charter
from pipeline.document import Document, Entry
from pipeline.outputs import phrases
from pipeline.outputs.ast_cache import NoteBlock
from pipeline.outputs.contract import current as draft_contract
from pipeline.outputs.contract import note_anchor
from pipeline.outputs.figures import Figure, method_figures
from pipeline.outputs.markdown import finalize, identifier, markdown_block
from pipeline.typography import french_date
from pipeline.workspace import Workspace


def environment(workspace: Workspace) -> jinja2.Environment:
    """Markdown, not HTML: every value printed is escaped by ``finalize``."""
    return templating.environment(
        workspace, html=False, finalize=finalize, keep_trailing_newline=True,
        comment_start_string="{##", comment_end_string="##}",  # "{#id}" is Markdown here
        filters={"markdown": markdown_block, "id": identifier, "date_fr": french_date,
                 "dirname": posixpath.dirname, "aside": phrases.aside,
                 "anchor": lambda path, lessons=False: Markup(note_anchor(path, lessons))})


@dataclass(frozen=True)
class Rendered:
    markdown: str  # refers to each figure as an image « figure:<name> »
    figures: tuple[Figure, ...]
    # the same text, each writer's block apart (pipeline/outputs/ast_cache.py)
    pieces: tuple[str | NoteBlock, ...] = field(default=(), compare=False, repr=False)


_BLOCK = "\x00rc-block\x00"  # where a writer's block goes, until they are all known


def render(document: Document, workspace: Workspace, charter: Charter,
           glossary: dict[str, str]) -> Rendered:
    """``glossary``: every acronym and its meaning (``pipeline.glossary``)."""
    entries = document.entries
    centres = {e.centre for e in entries}
    figures = method_figures(document, charter, workspace.build / "_figures")
    blocks: list[NoteBlock] = []

    def recorded(text: str | None, **options: object) -> Markup:
        markup = markdown_block(text, **options)  # type: ignore[arg-type]
        if not markup:
            return markup
        blocks.append(NoteBlock(str(markup), str(options.get("base", ""))))
        return Markup(_BLOCK)

    env = environment(workspace)
    env.filters["markdown"] = recorded
    skeleton = env.get_template("document.md.j2").render(
        document=document, contribution=document.contribution, charter=charter,
        method=phrases.method(len(entries), len(centres), document.contribution.recipient),
        # our own sentence, plain Markdown: as it was in the template, not escaped
        method_opening=Markup(phrases.method_opening(document.contribution.introduction)),
        contributors=_contributors(entries), glossary=_glossary(document, glossary),
        figures={f.name: f for f in figures}, contract=draft_contract(),
    ).split(_BLOCK)
    pieces: list[str | NoteBlock] = [skeleton[0]]
    for block, text in zip(blocks, skeleton[1:], strict=True):
        pieces += [block, text]
    markdown = "".join(p if isinstance(p, str) else p.markup for p in pieces)
    return Rendered(markdown, figures, tuple(pieces))


def _contributors(entries: tuple[Entry, ...]) -> list[tuple[object, list[Entry]]]:
    by_centre: dict[object, list[Entry]] = {}
    for entry in entries:
        by_centre.setdefault(entry.centre, []).append(entry)
    return sorted(by_centre.items(), key=lambda item: item[0].name)


def _glossary(document: Document, glossary: dict[str, str]) -> list[tuple[str, str]]:
    """The acronyms of the glossary that the document's text actually uses."""
    contribution = document.contribution
    texts = [contribution.title, contribution.recipient, contribution.introduction or "",
             contribution.lessons or "", *contribution.questions]
    texts += [e.note.body + " " + e.note.title for e in document.entries]
    words = set(re.findall(r"\b[A-Z]{2,}\b", " ".join(texts))) | {"CRPV"}
    return sorted((k, v) for k, v in glossary.items() if k in words)
