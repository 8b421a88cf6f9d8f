"""The network's charter (colours, fonts, sizes, margins), read once from
``templates/charte/charte.yaml``; the DOCX reference document and the CSS are
both derived from it. Read like every file a user edits: with its schema, and a
message with a line for each problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.coerce import coerce, read_checked
from pipeline.diagnostics import Report
from pipeline.schema import CHARTER_FIELDS
from pipeline.workspace import PACKAGE_TEMPLATES
from pipeline.yamlread import Located

CHARTER_PATH = PACKAGE_TEMPLATES / "charte/charte.yaml"  # the package's own charter


@dataclass(frozen=True)
class Charter:
    network_name: str
    network_acronym: str
    colors: dict[str, str]
    fonts: dict[str, str]
    sizes_pt: dict[str, float]
    margins_mm: dict[str, float]
    page_size: str


def load_charter(path: Path, report: Report | None = None, shown: str | None = None) -> Charter:
    """The charter in ``path`` (shown as ``shown`` in messages), checked against its
    schema (``pipeline.schema.CHARTER_FIELDS``): ``ConfigurationError`` with every
    problem's line if it is wrong, its warnings in ``report``."""
    where = shown or path.as_posix()

    def read(data: Located, own: Report) -> Charter | None:
        fields = coerce(CHARTER_FIELDS, data, where, own, what="la charte")
        if not fields.ok:
            return None
        v = fields.values
        return Charter(
            network_name=str(v["nom_reseau"]), network_acronym=str(v["sigle_reseau"]),
            colors=dict(v["couleurs"]), fonts=dict(v["polices"]),
            sizes_pt=dict(v["tailles_pt"]), margins_mm=dict(v["marges_mm"]),
            page_size=str(v["format_page"]),
        )

    return read_checked(path, where, report, read)
