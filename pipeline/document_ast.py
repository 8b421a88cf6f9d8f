"""What the pipeline does to pandoc's JSON AST between parsing and writing: French
typography, accessible tables, and the outline for the HTML table of contents."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from pipeline.figures import Figure
from pipeline.typography import french_ast


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def finish_ast(ast: dict) -> dict:
    return scope_table_headers(french_ast(ast))


def scope_table_headers(node: object) -> object:
    """Header cells say they head their column (PDF/UA: /Scope on TH)."""
    if isinstance(node, list):
        return [scope_table_headers(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Table":
        attr, caption, colspecs, head, bodies, foot = node["c"]
        head_attr, rows = head
        rows = [[row_attr, [_with_scope(cell) for cell in cells]] for row_attr, cells in rows]
        node = {"t": "Table", "c": [attr, caption, colspecs, [head_attr, rows], bodies, foot]}
    return {key: scope_table_headers(value) for key, value in node.items()}


def _with_scope(cell: list) -> list:
    (identifier, classes, pairs), *rest = cell
    pairs = [p for p in pairs if p[0] != "scope"] + [["scope", "col"]]
    return [[identifier, classes, pairs], *rest]


def with_figures(node: object, figures: tuple[Figure, ...], kind: str) -> object:
    """Images « figure:<name> » get the figure's data (``kind``: "svg" or "png") and its
    alternative text, which states the data the chart shows."""
    by_name = {f"figure:{f.name}": f for f in figures}
    if isinstance(node, list):
        return [with_figures(item, figures, kind) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Image" and node["c"][2][0] in by_name:
        figure = by_name[node["c"][2][0]]
        mime = "image/svg+xml" if kind == "svg" else "image/png"
        data = base64.b64encode(getattr(figure, kind)).decode("ascii")
        alt = [{"t": "Str", "c": figure.alt}]
        return {"t": "Image", "c": [node["c"][0], alt, [f"data:{mime};base64,{data}", ""]]}
    return {key: with_figures(value, figures, kind) for key, value in node.items()}


def outline(ast: dict) -> tuple[Heading, ...]:
    """Level-1 and level-2 headings of the document, for the HTML table of contents."""
    headings: list[Heading] = []
    _collect(ast["blocks"], headings)
    return tuple(headings)


def _collect(blocks: list[dict], headings: list[Heading]) -> None:
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header" and content[0] <= 2 and content[1][0]:
            headings.append(Heading(content[0], content[1][0], inline_text(content[2])))
        elif kind == "Div":
            _collect(content[1], headings)


def inline_text(inlines: list[dict]) -> str:
    parts = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript",
                      "Subscript"):
            parts.append(inline_text(content))
        elif kind in ("Link", "Span"):
            parts.append(inline_text(content[1]))
        elif kind == "Code":
            parts.append(content[1])
    return "".join(parts)
