"""The network's wordmark, derived from the charter: two overlapping circles (the
« regards croisés », in the primary and secondary colours, their overlap darker)
beside the acronym in the titles' font, bold, with the network's full name under it.

One geometry (:func:`geometry`) feeds both renderings: :func:`logo_svg` (a
standalone SVG) and :func:`logo_png` (drawn with Pillow; the same bytes on every run).

Usage: ``python -m pipeline.outputs.logo OUT.svg`` (or ``OUT.png``)
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

from pipeline.charter import CHARTER_PATH, Charter, load_charter

SUPERSAMPLING = 4  # Pillow's circles are not anti-aliased: draw larger, then reduce
MEASURE_SIZE = 1000  # font size at which texts are measured (then scaled)

# Proportions, in logo units (the SVG's user units).
PADDING = 8.0
CIRCLES = 0.46  # the circles' radius, in heights of the text block
OVERLAP = 0.8  # width of the overlap, in radii
GAP = 26.0  # between the circles and the letters
ACRONYM_SIZE = 100.0
TAGLINE_GAP = 0.24  # between the acronym's baseline and the tagline's cap line, in acronym sizes
TAGLINE_LEADING = 1.22
OVERLAP_DARKENING = 0.6


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    color: str


@dataclass(frozen=True)
class Text:
    x: float  # left end of the baseline
    y: float  # baseline
    size: float
    bold: bool
    family: str
    color: str
    content: str
    length: float  # advance width, measured with the font's own metrics


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    circles: tuple[Circle, Circle]
    overlap_color: str  # fill of the lens where the two circles meet
    texts: tuple[Text, ...]
    title: str


# --- fonts ---------------------------------------------------------------------------


@cache
def font_file(family: str, bold: bool) -> str | None:
    """The TrueType file fontconfig picks for ``family`` (None without fontconfig)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{family}:bold" if bold else family
    done = subprocess.run([fc_match, "-f", "%{file}", pattern], capture_output=True,
                          text=True, check=False)
    path = done.stdout.strip()
    return path if done.returncode == 0 and path and Path(path).is_file() else None


def _font(family: str, bold: bool, size: float) -> ImageFont.FreeTypeFont:
    path = font_file(family, bold)
    if path is None:  # no fontconfig: Pillow's own scalable font keeps the logo drawable
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size=size)


def _advance(text: str, family: str, bold: bool, size: float) -> float:
    return _font(family, bold, MEASURE_SIZE).getlength(text) * size / MEASURE_SIZE


def _cap_height(family: str, bold: bool, size: float) -> float:
    top = _font(family, bold, MEASURE_SIZE).getbbox("H", anchor="ls")[1]
    return -top * size / MEASURE_SIZE


# --- geometry ------------------------------------------------------------------------


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _overlap(first: str, second: str) -> str:
    """The two colours mixed, then darkened: where the two regards meet."""
    mixed = (round((a + b) / 2 * OVERLAP_DARKENING) for a, b in zip(_rgb(first), _rgb(second),
                                                                   strict=True))
    return _hex(tuple(mixed))


def _two_lines(words: list[str], family: str, size: float) -> tuple[str, str]:
    """Break the tagline where its longer line is the shortest, never after a short
    word (« de », « la »...) when another break is possible."""
    breaks = [i for i in range(1, len(words)) if len(words[i - 1]) > 3] or range(1, len(words))
    candidates = [(" ".join(words[:i]), " ".join(words[i:])) for i in breaks]
    return min(candidates, key=lambda pair: max(_advance(line, family, False, size)
                                                for line in pair))


def geometry(charter: Charter) -> Geometry:
    family = charter.fonts["titres"]
    acronym = charter.network_acronym
    name = charter.network_name
    acronym_length = _advance(acronym, family, True, ACRONYM_SIZE)
    acronym_caps = _cap_height(family, True, ACRONYM_SIZE)
    # The tagline is set on two lines exactly as wide as the acronym.
    words = name.split()
    lines = _two_lines(words, family, MEASURE_SIZE) if len(words) > 1 else (name,)
    widest = max(_advance(line, family, False, MEASURE_SIZE) for line in lines)
    tagline_size = MEASURE_SIZE * acronym_length / widest
    tagline_caps = _cap_height(family, False, tagline_size)
    block = (acronym_caps + TAGLINE_GAP * ACRONYM_SIZE + tagline_caps
             + (len(lines) - 1) * TAGLINE_LEADING * tagline_size)
    radius = CIRCLES * block
    height = 2 * PADDING + max(2 * radius, block)
    middle = height / 2
    first = Circle(PADDING + radius, middle, radius, charter.colors["primaire"])
    second = Circle(first.cx + (2 - OVERLAP) * radius, middle, radius,
                    charter.colors["secondaire"])
    x = second.cx + radius + GAP
    baseline = middle - block / 2 + acronym_caps
    texts = [Text(x, baseline, ACRONYM_SIZE, True, family, charter.colors["primaire"], acronym,
                  acronym_length)]
    line_baseline = baseline + TAGLINE_GAP * ACRONYM_SIZE + tagline_caps
    for line in lines:
        texts.append(Text(x, line_baseline, tagline_size, False, family,
                          charter.colors["discret"], line,
                          _advance(line, family, False, tagline_size)))
        line_baseline += TAGLINE_LEADING * tagline_size
    return Geometry(width=x + acronym_length + PADDING, height=height,
                    circles=(first, second),
                    overlap_color=_overlap(first.color, second.color), texts=tuple(texts),
                    title=f"{acronym} — {name}")


# --- SVG -----------------------------------------------------------------------------


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _circle(circle: Circle, fill: str, extra: str = "") -> str:
    return (f'<circle cx="{_n(circle.cx)}" cy="{_n(circle.cy)}" r="{_n(circle.r)}" '
            f'fill="{fill}"{extra}/>')


def logo_svg(charter: Charter) -> str:
    g = geometry(charter)
    first, second = g.circles
    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="logo-title" '
        f'viewBox="0 0 {_n(g.width)} {_n(g.height)}" '
        f'width="{_n(g.width)}" height="{_n(g.height)}">',
        f'<title id="logo-title">{escape(g.title)}</title>',
        f'<defs><clipPath id="logo-first">{_circle(first, "#000")}</clipPath></defs>',
        _circle(first, first.color),
        _circle(second, second.color),
        _circle(second, g.overlap_color, ' clip-path="url(#logo-first)"'),
    ]
    for text in g.texts:
        weight = "700" if text.bold else "400"
        family = quoteattr(f"{text.family}, sans-serif")
        # textLength keeps the measured width if another font stands in for the charter's.
        lines.append(
            f'<text x="{_n(text.x)}" y="{_n(text.y)}" font-family={family} '
            f'font-weight="{weight}" font-size="{_n(text.size)}" fill="{text.color}" '
            f'textLength="{_n(text.length)}" lengthAdjust="spacingAndGlyphs">'
            f"{escape(text.content)}</text>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


# --- PNG -----------------------------------------------------------------------------


def _disc(size: tuple[int, int], circle: Circle, scale: float) -> Image.Image:
    mask = Image.new("L", size, 0)
    box = [(circle.cx - circle.r) * scale, (circle.cy - circle.r) * scale,
           (circle.cx + circle.r) * scale, (circle.cy + circle.r) * scale]
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    return mask


def logo_png(charter: Charter, width_px: int = 900) -> bytes:
    """The logo as a PNG ``width_px`` wide, transparent background, no metadata."""
    g = geometry(charter)
    height_px = max(1, round(width_px * g.height / g.width))
    scale = SUPERSAMPLING * width_px / g.width
    size = (width_px * SUPERSAMPLING, height_px * SUPERSAMPLING)
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    first, second = g.circles
    first_mask, second_mask = _disc(size, first, scale), _disc(size, second, scale)
    image.paste(first.color, mask=first_mask)
    image.paste(second.color, mask=second_mask)
    lens = Image.new("L", size, 0)
    lens.paste(second_mask, mask=first_mask)  # second ∩ first
    image.paste(g.overlap_color, mask=lens)
    draw = ImageDraw.Draw(image)
    for text in g.texts:
        font = _font(text.family, text.bold, text.size * scale)
        draw.text((text.x * scale, text.y * scale), text.content, fill=text.color, font=font,
                  anchor="ls")
    # Reduce with premultiplied alpha, so that edges do not darken.
    small = image.convert("RGBa").resize((width_px, height_px), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.convert("RGBA").save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="file to write: .svg or .png")
    parser.add_argument("--width", type=int, default=900, help="PNG width in pixels")
    args = parser.parse_args(argv)
    charter = load_charter(CHARTER_PATH)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.suffix.lower() == ".png":
        args.out.write_bytes(logo_png(charter, args.width))
    else:
        args.out.write_text(logo_svg(charter), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
