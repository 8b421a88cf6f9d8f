"""What the pipeline does to pandoc's JSON AST between parsing and writing: French
typography, accessible tables, names kept whole on a line, an id for every heading of
the table of contents, and the outline for the HTML table of contents."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from pipeline.language.redact import mark_names_ast
from pipeline.outputs.figures import Figure
from pipeline.pandoc_ast import plain_text, rewrite
from pipeline.typography import french_ast


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


TOC_DEPTH = 2  # the headings listed in every table of contents (DOCX, HTML, PDF)
NAME_CLASS = "nom"  # a proper name: never hyphenated, never broken at its hyphens
_NAME = re.compile(r"^[«(“‘\[]?[A-ZÀ-ÖØ-Þ][\w’'-]*[-’'][\w’'-]*|^[«(“‘\[]?[A-ZÀ-ÖØ-Þ]\w{3,}")


def finish_ast(ast: dict) -> dict:
    marked = mark_names_ast(ast)  # the drafts' resident names, as highlighted spans
    return scope_table_headers(keep_names(identify_headings(french_ast(marked))))  # type: ignore[arg-type]


def identify_headings(ast: dict) -> dict:
    """Headings of the table of contents' depth get an id where they have none (the
    writers' own headings in the introduction): the DOCX and the HTML tables then
    list the same headings."""
    taken = {h.anchor for h in outline(ast)}
    count = 0

    def change(node: dict) -> dict | None:
        nonlocal count
        if node["t"] != "Header" or node["c"][0] > TOC_DEPTH or node["c"][1][0]:
            return None
        level, (_, classes, pairs), inlines = node["c"]
        count += 1
        anchor = f"section-{count}"
        while anchor in taken:
            count += 1
            anchor = f"section-{count}"
        taken.add(anchor)
        return {"t": "Header", "c": [level, [anchor, classes, pairs], inlines]}

    return rewrite(ast, change)


def keep_names(ast: dict) -> dict:
    """Names (« Fatima Benali », « Val-d’Argent ») go in a span of class ``nom``, which
    the charter's CSS never hyphenates nor breaks at a hyphen: a word with a capital
    inside a sentence, or a capitalised compound anywhere; not a sentence's first word."""
    def change(node: dict) -> dict | None:
        if node["t"] in ("Para", "Plain"):
            return {"t": node["t"], "c": _names_in(node["c"], [True])}
        if node["t"] == "Header":
            level, attr, inlines = node["c"]
            return {"t": "Header", "c": [level, attr, _names_in(inlines, [True])]}
        return None

    return rewrite(ast, change)


_INLINE_CONTAINERS = {"Emph": None, "Strong": None, "Underline": None, "SmallCaps": None,
                      "Span": 1, "Link": 1}
_SENTENCE_END = tuple(".!?:…»")


def _names_in(inlines: list, opening: list[bool]) -> list:
    """``opening[0]``: the next word opens a sentence (shared across nested inlines)."""
    out = []
    for inline in inlines:
        kind = inline["t"]
        if kind == "Str":
            word = inline["c"]
            compound = _NAME.match(word) and any(c in word for c in "-’'")
            if _NAME.match(word) and (compound or not opening[0]):
                inline = {"t": "Span", "c": [["", [NAME_CLASS], []], [inline]]}
            opening[0] = word.endswith(_SENTENCE_END)
        elif kind in _INLINE_CONTAINERS:
            index = _INLINE_CONTAINERS[kind]
            if index is None:
                inline = {"t": kind, "c": _names_in(inline["c"], opening)}
            else:
                content = list(inline["c"])
                content[index] = _names_in(content[index], opening)
                inline = {"t": kind, "c": content}
        elif kind == "LineBreak":
            opening[0] = True
        out.append(inline)
    return out


def scope_table_headers(ast: dict) -> dict:
    """Header cells say they head their column (PDF/UA: /Scope on TH)."""
    def change(node: dict) -> dict | None:
        if node["t"] != "Table":
            return None
        attr, caption, colspecs, (head_attr, rows), bodies, foot = node["c"]
        rows = [[row_attr, [_with_scope(cell) for cell in cells]] for row_attr, cells in rows]
        return {"t": "Table", "c": [attr, caption, colspecs, [head_attr, rows],
                                    rewrite(bodies, change), foot]}

    return rewrite(ast, change)


def _with_scope(cell: list) -> list:
    (identifier, classes, pairs), *rest = cell
    pairs = [p for p in pairs if p[0] != "scope"] + [["scope", "col"]]
    return [[identifier, classes, pairs], *rest]


def with_figures(ast: dict, figures: tuple[Figure, ...], kind: str) -> dict:
    """Images « figure:<name> » get the figure's data (``kind``: "svg" or "png") and its
    alternative text, which states the data the chart shows."""
    by_name = {f"figure:{f.name}": f for f in figures}
    mime = "image/svg+xml" if kind == "svg" else "image/png"

    def change(node: dict) -> dict | None:
        if node["t"] != "Image" or node["c"][2][0] not in by_name:
            return None
        figure = by_name[node["c"][2][0]]
        data = base64.b64encode(getattr(figure, kind)).decode("ascii")
        alt = [{"t": "Str", "c": figure.alt}]
        return {"t": "Image", "c": [node["c"][0], alt, [f"data:{mime};base64,{data}", ""]]}

    return rewrite(ast, change)


def outline(ast: dict) -> tuple[Heading, ...]:
    """Level-1 and level-2 headings of the document, for the HTML table of contents."""
    headings: list[Heading] = []
    _collect(ast["blocks"], headings)
    return tuple(headings)


def _collect(blocks: list[dict], headings: list[Heading]) -> None:
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header" and content[0] <= TOC_DEPTH and content[1][0]:
            headings.append(Heading(content[0], content[1][0], plain_text(content[2])))
        elif kind == "Div":
            _collect(content[1], headings)
