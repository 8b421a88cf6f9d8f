"""French typographic conventions, applied whatever the writer typed.

``french_text`` holds the rules for plain text; ``french_ast`` applies them to the
text runs of a pandoc JSON document, leaving code, links' targets and math alone.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
NBSP = "\u00a0"  # before « : », inside « », before units
NNBSP = "\u202f"  # narrow: before ; ! ? and between thousands
EDGE = "\x00"  # stands for a neighbouring inline element while a run is rewritten

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"\.\.\.", "…"),
    (r"(?<=\w)'(?=\w)", "’"),
    (r'"([^"\n]*)"', "«\\1»"),
    (r"«[ \u00a0\u202f]*", "«" + NBSP),
    (r"[ \u00a0\u202f]*»", NBSP + "»"),
    # A space typed before « : ; ! ? » becomes non-breaking; with none typed, one is
    # added only where the sign ends a word (not in URLs, times or « ?! »).
    (r"(?<=\S)[ \u00a0\u202f]+:", NBSP + ":"),
    (r"(?<=[^\s:/]):(?=[\s\x00;!?]|$)", NBSP + ":"),
    (r"(?<=\S)[ \u00a0\u202f]+([;!?])", NNBSP + "\\1"),
    (r"(?<=[^\s!?])([;!?])(?=[\s\x00;:!?»)\].,…]|$)", NNBSP + "\\1"),
    (r"(?<=\d)[ \u00a0\u202f]?(%|€|‰)", NBSP + "\\1"),
    (r"(?<![\d,.])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d,])",
     lambda m: m.group(1) + re.sub(r"[ \u00a0]", NNBSP, m.group(2))),
    (r"\b1(?:ère|ere)\b", "1re"),
    (r"\b(\d+)(?:ème|eme|ième|è)\b", "\\1e"),
    (r"(?<=\s)-(?=\s)", "–"),
))
# 1er, 2e, 2d(e), XIXe — Roman numerals of two letters or more, so « Le » and « Ce » stay.
ORDINAL = re.compile(r"^(?:(\d+)(er|re|e|de|d)|([IVXLC]{2,})(e))(\W*)$")


def french_text(text: str) -> str:
    """« … » with non-breaking spaces, ’, …, 1er / 2e, 30 000, 62 %, per French usage."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_SPACING = ((re.compile(r"(?<=\S) :(?=\s|$)"), NBSP + ":"),
            (re.compile(r"(?<=\S) ([;!?])(?=\s|$|\))"), NNBSP + "\\1"),
            (re.compile(r"« "), "«" + NBSP), (re.compile(r" »"), NBSP + "»"))


def french_spacing(text: str) -> str:
    """The spaces a message typed before « : ; ! ? » and inside « » made non-breaking,
    as French typography wants; nothing else changes (paths, « a:b » stay)."""
    for pattern, replacement in _SPACING:
        text = pattern.sub(replacement, text)
    return text


def french_date(day: date) -> str:
    """« 12 mars 2024 », « 1er mars 2024 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}{NBSP}{MONTHS[day.month - 1]} {day.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count}{NBSP}{word}"


# --- pandoc's JSON AST ----------------------------------------------------------

_TEXT = {"Str", "Space", "SoftBreak"}
_LEAVE_ALONE = {"Code", "CodeBlock", "Math", "RawInline", "RawBlock"}
_QUOTES = {"DoubleQuote": ("«" + NBSP, NBSP + "»"), "SingleQuote": ("“", "”")}


def french_ast(node: object) -> object:
    """The same document with French typography in every run of text."""
    if isinstance(node, list):
        if node and all(isinstance(i, dict) and "t" in i for i in node) and _inlines(node):
            return _run_list(node)
        return [french_ast(item) for item in node]
    if isinstance(node, dict):
        if node.get("t") in _LEAVE_ALONE:
            return node
        if node.get("t") == "Link":
            attr, content, target = node["c"]
            return {"t": "Link", "c": [attr, french_ast(content), target]}
        if node.get("t") == "Image":
            attr, content, target = node["c"]
            return {"t": "Image", "c": [attr, french_ast(content), target]}
        return {key: french_ast(value) for key, value in node.items()}
    return node


_INLINE_TYPES = _TEXT | {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                         "SmallCaps", "Quoted", "Cite", "Code", "LineBreak", "Math",
                         "RawInline", "Link", "Image", "Note", "Span"}


def _inlines(items: list[dict]) -> bool:
    return items[0]["t"] in _INLINE_TYPES


def _run_list(inlines: list[dict]) -> list[dict]:
    """Rewrites each maximal run of Str/Space; other inlines are recursed into."""
    inlines = _unquote(inlines)
    out: list[dict] = []
    index = 0
    while index < len(inlines):
        if inlines[index]["t"] not in _TEXT:
            out.append(french_ast(inlines[index]))
            index += 1
            continue
        end = index
        while end < len(inlines) and inlines[end]["t"] in _TEXT:
            end += 1
        text = "".join(i["c"] if i["t"] == "Str" else " " for i in inlines[index:end])
        before = EDGE if index > 0 else ""
        after = EDGE if end < len(inlines) else ""
        out += _tokens(french_text(before + text + after).replace(EDGE, ""))
        index = end
    return out


def _unquote(inlines: list[dict]) -> list[dict]:
    """pandoc's Quoted elements become French guillemets as plain text."""
    out: list[dict] = []
    for inline in inlines:
        if inline["t"] == "Quoted":
            opening, closing = _QUOTES[inline["c"][0]["t"]]
            out += [{"t": "Str", "c": opening}, *_unquote(inline["c"][1]),
                    {"t": "Str", "c": closing}]
        else:
            out.append(inline)
    return out


def _tokens(text: str) -> list[dict]:
    out: list[dict] = []
    for position, word in enumerate(text.split(" ")):
        if position:
            out.append({"t": "Space"})
        if word:
            out += _ordinal(word)
    return out


def _ordinal(word: str) -> list[dict]:
    match = ORDINAL.match(word)
    if not match:
        return [{"t": "Str", "c": word}]
    arabic, arabic_suffix, roman, roman_suffix, rest = match.groups()
    number, suffix = (arabic, arabic_suffix) if arabic else (roman, roman_suffix)
    out = [{"t": "Str", "c": number}, {"t": "Superscript", "c": [{"t": "Str", "c": suffix}]}]
    return out + ([{"t": "Str", "c": rest}] if rest else [])
