"""The network's charter (colours, fonts, sizes, margins), read once from
``templates/charte/charte.yaml``; the DOCX reference document and the CSS are
both derived from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from pipeline.workspace import PACKAGE_TEMPLATES

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


def load_charter(path: Path) -> Charter:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return Charter(
        network_name=str(data["nom_reseau"]),
        network_acronym=str(data["sigle_reseau"]),
        colors={str(k): str(v) for k, v in data["couleurs"].items()},
        fonts={str(k): str(v) for k, v in data["polices"].items()},
        sizes_pt={str(k): float(v) for k, v in data["tailles_pt"].items()},
        margins_mm={str(k): float(v) for k, v in data["marges_mm"].items()},
        page_size=str(data["format_page"]),
    )
