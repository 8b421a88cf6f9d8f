"""What the pipeline does to pandoc's JSON AST between parsing and writing: French
typography, accessible tables, and the outline for the HTML table of contents."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from pipeline.figures import Figure
from pipeline.language.redact import mark_names_ast
from pipeline.pandoc_ast import plain_text, rewrite
from pipeline.typography import french_ast


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def finish_ast(ast: dict) -> dict:
    return scope_table_headers(french_ast(mark_names_ast(ast)))  # type: ignore[arg-type]


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
        if kind == "Header" and content[0] <= 2 and content[1][0]:
            headings.append(Heading(content[0], content[1][0], plain_text(content[2])))
        elif kind == "Div":
            _collect(content[1], headings)
