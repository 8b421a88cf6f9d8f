"""Helpers over pandoc's JSON AST: plain text out of it, and rewriting its elements."""

from __future__ import annotations

from collections.abc import Callable

Element = dict


def rewrite(node: object, change: Callable[[Element], Element | None]) -> object:
    """The same tree where ``change`` replaced each element it returned one for (the
    replacement is not walked again); other elements are walked into."""
    if isinstance(node, list):
        return [rewrite(item, change) for item in node]
    if not isinstance(node, dict):
        return node
    if "t" in node:
        replacement = change(node)
        if replacement is not None:
            return replacement
    return {key: rewrite(value, change) for key, value in node.items()}

BREAKS = {"LineBreak": "\n", "SoftBreak": " ", "Space": " "}
SECOND = {"Link", "Image", "Span", "Cite"}  # [something, inlines, …]
SKIPPED = {"Note", "RawBlock"}


def plain_text(node: object) -> str:
    """The text of inlines or blocks; paragraphs and line breaks become newlines."""
    parts: list[str] = []
    _collect(node, parts)
    return "".join(parts)


def _collect(node: object, parts: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _collect(item, parts)
        return
    if not isinstance(node, dict) or node.get("t") in SKIPPED:
        return
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        parts.append(str(content))
    elif kind in BREAKS:
        parts.append(BREAKS[kind])
    elif kind in ("Code", "Math", "RawInline", "CodeBlock"):
        parts.append(str(content[-1]))
    elif kind == "Quoted":
        double = content[0]["t"] == "DoubleQuote"
        parts.append("« " if double else "‘")
        _collect(content[1], parts)
        parts.append(" »" if double else "’")
    elif kind in SECOND:
        _collect(content[1], parts)
    elif kind == "Header":
        _collect(content[2], parts)
    else:
        _collect(content, parts)
    if kind in ("Para", "Plain", "Header", "CodeBlock"):
        parts.append("\n")
