"""The glossary (``templates/glossaire.yaml``): acronyms and what they stand for; a
contribution's glossary lists those its text uses. Read like every file a user
edits: with its schema, and a message with a line for each problem."""

from __future__ import annotations

from pathlib import Path

from pipeline.coerce import coerce_value, read_checked
from pipeline.diagnostics import Report
from pipeline.schema import GLOSSARY_FIELD
from pipeline.yamlread import Located


def load_glossary(path: Path, report: Report | None = None,
                  shown: str | None = None) -> dict[str, str]:
    """Acronym → meaning; ``ConfigurationError`` with every problem's line if wrong."""
    where = shown or path.as_posix()

    def read(data: Located, own: Report) -> dict[str, str] | None:
        value = coerce_value(GLOSSARY_FIELD, data, where, own)
        return None if value is None else {str(k): str(v) for k, v in dict(value).items()}

    return read_checked(path, where, report, read)
