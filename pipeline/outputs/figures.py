"""The figures of the method chapter: notes per centre and notes per theme, drawn
with matplotlib in the charter's colours and font.

Each figure is given twice: SVG (text kept as text, so the PDF embeds the real
font) for the HTML page and the PDF, PNG at 150 dpi for the DOCX. Both are
byte-reproducible: fixed SVG hash salt, no date or software stamp.

matplotlib is imported inside :func:`method_figures` (only the build needs it)
and used through ``matplotlib.figure.Figure`` objects on an explicit Agg canvas:
no pyplot, no global figure left open, no backend switch; the rc settings are
only changed inside an ``rc_context``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.charter import Charter
from pipeline.document import UNCLASSIFIED, Document
from pipeline.files import write_atomic
from pipeline.typography import french_text, plural

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

PNG_DPI = 150
WIDTH_CM = 16.0  # an A4 text column (210 mm − 2 × 22 mm margins ≈ 16.6 cm)
CM_PER_INCH = 2.54
LABEL_WIDTH = 35  # characters before a category label wraps
FONT_SIZE_PT = 9.0
# Height, in inches: room for the value axis and its label, then per bar.
BASE_HEIGHT_IN = 0.75
BAR_HEIGHT_IN = 0.34
LINE_HEIGHT_IN = FONT_SIZE_PT * 1.25 / 72
LABEL_GAP_IN = 0.14
HASH_SALT = "regards-croises"
GRID_TINT = 0.25  # the grid: « discret » at 25 % over white


@dataclass(frozen=True)
class Figure:
    name: str  # file-safe id, e.g. "notes-par-centre"
    caption: str  # French caption
    alt: str  # French alternative text stating the data itself
    svg: bytes  # vector, for HTML and PDF
    png: bytes  # raster (150 dpi), for the DOCX


def method_figures(document: Document, charter: Charter,
                   cache: Path | None = None) -> tuple[Figure, ...]:
    """The method chapter's charts, or none if the document has no notes; with
    ``cache`` (``build/_figures/``), a chart drawn before is read from there."""
    if not document.entries:
        return ()
    per_centre = [(french_text(centre.name), count)
                  for centre, count in document.notes_per_centre()]
    per_theme = [(french_text(chapter.theme.title), len(chapter.entries))
                 for chapter in document.chapters
                 if chapter.entries or chapter.theme.id != UNCLASSIFIED.id]
    return (
        _figure("notes-par-centre", "Nombre de notes par centre de ressources",
                per_centre, charter.colors["primaire"], charter, cache),
        _figure("notes-par-theme",
                "Nombre de notes par thème (chaque note est comptée sous son premier thème)",
                per_theme, charter.colors["primaire"], charter, cache),
    )


def _alt(data: list[tuple[str, int]]) -> str:
    items = " ; ".join(f"{label}, {plural(count, 'note')}" for label, count in data)
    return french_text(f"Diagramme en barres horizontales : {items}.")


# Drawn figures, by what they are drawn from: a process that renders again and again
# (the live preview) draws a chart only when its data changed.
_DRAWN: dict[str, Figure] = {}
DRAWN_KEPT = 16


def _figure(name: str, caption: str, data: list[tuple[str, int]], color: str,
            charter: Charter, cache: Path | None = None) -> Figure:
    key = repr((name, caption, data, color, charter))
    if key not in _DRAWN:
        if len(_DRAWN) >= DRAWN_KEPT:
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[key] = _stored_figure(key, cache, name, caption, data) or \
            _store(key, cache, _drawn_figure(name, caption, data, color, charter))
    return _DRAWN[key]


# On disk, a chart is named by what it is drawn from and by what draws it (this code,
# matplotlib's version): a build whose figures' data did not change does not even
# import matplotlib (about 2 s of a contribution's preparation, a second of drawing).
STORED_KEPT = 32


def _stored_name(key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8"))
    digest.update(Path(__file__).read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("matplotlib").encode())
    return digest.hexdigest()


def _stored_figure(key: str, cache: Path | None, name: str, caption: str,
                   data: list[tuple[str, int]]) -> Figure | None:
    if cache is None:
        return None
    stem = cache / _stored_name(key)
    try:
        svg, png = stem.with_suffix(".svg").read_bytes(), stem.with_suffix(".png").read_bytes()
    except OSError:
        return None
    return Figure(name, caption, _alt(data), svg, png)


def _store(key: str, cache: Path | None, figure: Figure) -> Figure:
    if cache is not None:
        stem = cache / _stored_name(key)
        write_atomic(stem.with_suffix(".png"), figure.png)
        write_atomic(stem.with_suffix(".svg"), figure.svg)  # last: read as the mark
        stored = sorted(cache.glob("*.svg"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[STORED_KEPT:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".png").unlink(missing_ok=True)
    return figure


def _drawn_figure(name: str, caption: str, data: list[tuple[str, int]], color: str,
                  charter: Charter) -> Figure:
    matplotlib_folder()
    import matplotlib

    colors = charter.colors
    font = charter.fonts["texte"]
    rc = {
        "svg.hashsalt": HASH_SALT,
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": [font, "DejaVu Sans"],  # DejaVu Sans: matplotlib's own fallback
        "font.size": FONT_SIZE_PT,
        "text.color": colors["texte"],
        "axes.labelcolor": colors["discret"],
        "axes.edgecolor": colors["discret"],
        "xtick.color": colors["discret"],
        "ytick.color": colors["discret"],
        "ytick.labelcolor": colors["texte"],
        "axes.linewidth": 0.8,
    }
    with matplotlib.rc_context(rc):
        figure = _draw(data, color, colors)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Figure(name, caption, _alt(data), svg.getvalue(), png.getvalue())


# What drawing imports (``pipeline.outputs.warm_up``).
MODULES = ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg",
           "matplotlib.ticker")


def matplotlib_folder() -> None:
    """matplotlib's configuration and font cache in the temporary folder, not in
    ``~/.config`` and ``~/.cache``: a build writes nothing outside the workspace and
    the temporary folder (and a user's ``matplotlibrc`` cannot change the figures)."""
    if "MPLCONFIGDIR" not in os.environ and "matplotlib" not in sys.modules:
        folder = Path(tempfile.gettempdir()) / f"rc-matplotlib-{os.getuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = str(folder)


def _draw(data: list[tuple[str, int]], color: str, colors: dict[str, str]) -> MplFigure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.ticker import MaxNLocator

    labels = [textwrap.fill(label, LABEL_WIDTH, break_long_words=False) for label, _ in data]
    counts = [count for _, count in data]
    # Bars are evenly spaced: the spacing must fit the two tallest neighbouring labels.
    tall = [(label.count("\n") + 1) * LINE_HEIGHT_IN + LABEL_GAP_IN for label in labels]
    spacing = max([BAR_HEIGHT_IN, *tall[:1], *((a + b) / 2 for a, b in pairwise(tall))])
    height = BASE_HEIGHT_IN + spacing * len(labels)

    figure = MplFigure(figsize=(WIDTH_CM / CM_PER_INCH, height), layout="constrained",
                       facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(data))
    bars = axes.barh(positions, counts, height=0.62, color=color)
    axes.set_yticks(positions, labels)
    axes.bar_label(bars, labels=[str(c) for c in counts], padding=4, color=colors["texte"],
                   fontweight="bold")
    axes.set_xlim(0, max(max(counts), 1) * 1.12 + 0.2)  # room for the count after the bar
    axes.set_ylim(len(data) - 0.5, -0.5)  # first item on top
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Nombre de notes")
    axes.grid(axis="x", color=_tint(colors["discret"], GRID_TINT), linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0, pad=6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def _tint(color: str, strength: float) -> str:
    """``color`` (``#RRGGBB``) laid at ``strength`` opacity over white."""
    channels = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in channels)
