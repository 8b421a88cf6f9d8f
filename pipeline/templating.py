"""The one way templates are rendered: jinja2 over the workspace's templates (then
the package's), ``StrictUndefined`` (a misspelt field is an error, never a blank),
autoescape for HTML; what differs (a Markdown template's escaping) is passed in."""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from pipeline.workspace import Workspace


def environment(workspace: Workspace, *, html: bool, filters: dict[str, Callable] | None = None,
                **options: object) -> jinja2.Environment:
    """``html``: escape every value printed (HTML pages); else ``options`` say how (the
    Markdown document's ``finalize``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs]),
        undefined=jinja2.StrictUndefined, autoescape=html, trim_blocks=True,
        lstrip_blocks=True, **options)
    env.filters.update(filters or {})
    return env


def from_string(text: str) -> jinja2.Template:
    """A template given as text (a note's model), with the same strictness."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                              keep_trailing_newline=False).from_string(text)
