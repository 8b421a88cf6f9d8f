"""Writing data into the Markdown intermediate document safely.

Every value a template prints is escaped (pandoc reads any backslash-escaped
ASCII punctuation literally), so a title can never become markup. Writers'
Markdown goes in as a literal code block that the ``notes.lua`` filter parses
on its own.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

# ASCII punctuation but the apostrophe, which pandoc only ever makes typographic (’).
_PUNCTUATION = re.compile(r"([!-&(-/:-@\[-`{-~])")
_SPACES = re.compile(r"[ \t\r\n]+")  # not str.split(): it would eat non-breaking spaces


def escape(value: object) -> str:
    """Plain text → inline Markdown that reads back as the same text."""
    if isinstance(value, Markup):
        return str(value)
    text = _SPACES.sub(" ", str(value)).strip()
    return _PUNCTUATION.sub(r"\\\1", text)


def identifier(value: str) -> Markup:
    """A heading id or link target: lower-case letters, digits and hyphens only."""
    return Markup(re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-") or "x")


def finalize(value: object) -> object:
    """jinja2 ``finalize``: escape everything printed unless marked safe."""
    if value is None:
        raise ValueError("valeur absente dans le modèle")
    return value if isinstance(value, Markup) else Markup(escape(value))


def markdown_block(text: str | None, *, shift: int = 3, base: str = "", where: str = "",
                   section: str | None = None) -> Markup:
    """A writer's Markdown as a literal block for the ``notes.lua`` filter.

    ``shift`` is the level its highest heading takes; ``section`` keeps only the
    part under that heading; ``base`` is the folder its images are relative to.
    """
    if not text or not text.strip():
        return Markup("")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    attributes = [f'shift="{shift}"', f'base="{quote(base)}"', f'where="{quote(where)}"']
    if section:
        attributes.append(f'section="{quote(section)}"')
    body = text if text.endswith("\n") else text + "\n"
    return Markup(f"{fence}{{.rc-md {' '.join(attributes)}}}\n{body}{fence}\n")
