"""The method chapter's figures: real matplotlib on the small sample workspace."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image

from pipeline.build import check
from pipeline.charter import CHARTER_PATH, Charter, load_charter
from pipeline.diagnostics import Report
from pipeline.document import Document
from pipeline.outputs.figures import Figure, method_figures
from pipeline.stages.group import group
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    root = copy_workspace("petit", tmp_path_factory.mktemp("figures"))
    report = Report()
    checked = check(Workspace(root), report)
    contribution = next(c for c in checked.inputs.contributions if c.id == "vie-locale")
    return group(contribution, checked.placements, checked.inputs.registry, report,
                 final=False, build_date=date(2024, 3, 12))


@pytest.fixture(scope="module")
def charter() -> Charter:
    return load_charter(CHARTER_PATH)


@pytest.fixture(scope="module")
def figures(document: Document, charter: Charter) -> tuple[Figure, ...]:
    return method_figures(document, charter)


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def test_two_figures_per_centre_and_per_theme(figures):
    assert [f.name for f in figures] == ["notes-par-centre", "notes-par-theme"]
    assert all(f.caption and f.alt for f in figures)


def test_svg_is_xml_with_labels_as_text(figures, document):
    centres, themes = (_texts(f.svg) for f in figures)
    assert {"Centre Alpha", "Centre Bêta", "3", "2"} <= set(centres)
    assert {c.theme.title for c in document.chapters} <= set(themes)
    assert "À classer" in themes  # not empty in the sample, so kept
    assert all(b"font-family: 'Lato'" in f.svg for f in figures)


def test_alt_states_the_data(figures):
    alt = figures[0].alt.replace("\u00a0", " ")
    assert alt.startswith("Diagramme en barres horizontales")
    assert "Centre Alpha, 3 notes" in alt
    assert "Centre Bêta, 2 notes" in alt
    assert alt.index("Centre Alpha") < alt.index("Centre Bêta")
    themes = figures[1].alt.replace("\u00a0", " ")
    assert "Les jardins partagés, 2 notes" in themes
    assert "Les fêtes de quartier, 1 note" in themes


def test_png_uses_the_charter_primary_colour(figures, charter):
    for figure in figures:
        assert figure.png.startswith(PNG_SIGNATURE)
        image = Image.open(io.BytesIO(figure.png)).convert("RGB")
        assert 900 < image.width < 1000  # 16 cm at 150 dpi
        colours = {rgb for _, rgb in image.getcolors(maxcolors=image.width * image.height)}
        assert _rgb(charter.colors["primaire"]) in colours


def test_bar_colour_follows_the_charter(document, charter, figures):
    other = dataclasses.replace(charter, colors={**charter.colors, "primaire": "#123456"})
    recoloured = method_figures(document, other)
    for before, after in zip(figures, recoloured, strict=True):
        old = charter.colors["primaire"].lower().encode()
        assert b"fill: " + old in before.svg
        assert b"fill: " + old not in after.svg
        assert b"fill: #123456" in after.svg


def test_reproducible(document, charter, figures):
    again = method_figures(document, charter)
    assert [(f.svg, f.png) for f in again] == [(f.svg, f.png) for f in figures]


def test_empty_a_classer_is_left_out_but_empty_themes_are_kept(document, charter):
    chapters = tuple(dataclasses.replace(c, entries=()) if c.theme.id in {"fetes", "a-classer"}
                     else c for c in document.chapters)
    themes = _texts(method_figures(dataclasses.replace(document, chapters=chapters),
                                   charter)[1].svg)
    assert "Les fêtes de quartier" in themes
    assert "À classer" not in themes


def test_no_notes_no_figures(document, charter):
    chapters = tuple(dataclasses.replace(c, entries=()) for c in document.chapters)
    assert method_figures(dataclasses.replace(document, chapters=chapters), charter) == ()
