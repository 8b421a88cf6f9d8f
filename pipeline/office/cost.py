"""What a Word or LibreOffice note will cost to build, counted in its XML before
pandoc reads it.

A note's size in bytes says little: 5 000 short paragraphs are 600 KB of XML, read by
pandoc in a few seconds, but laid out as a 150-page chapter (DOCX page numbers, the
PDF) they took a build past 1 GB and 150 s. What costs is what is laid out: the
paragraphs (those of table cells included), the tables' cells, the pictures. Their
sum, a picture weighing as much as a short page, is bounded; measured on this machine
(2 cores, loaded), a note of 1 000 paragraphs adds about 25 s to a build of every
format, one of 300 about 8 s (docs/performance.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.typography import NNBSP

MAX_NOTE_LOAD = 1_000  # paragraphs, or their equivalent: a long note is a few hundred
PICTURE_LOAD = 20  # a picture, as many paragraphs: a third of a page laid out
CELL_LOAD = 0.5  # beside its own paragraph, a cell's borders and widths

_TAGS = {
    "docx": {"paragraphs": rb"<w:p[ >/]", "tables": rb"<w:tbl[ >]", "cells": rb"<w:tc[ >]",
             "pictures": rb"<w:drawing[ >]|<w:pict[ >]|<w:object[ >]"},
    "odt": {"paragraphs": rb"<text:[ph][ >/]", "tables": rb"<table:table[ >]",
            "cells": rb"<table:table-cell[ >/]", "pictures": rb"<draw:frame[ >]"},
}


@dataclass(frozen=True)
class NoteLoad:
    paragraphs: int
    tables: int
    cells: int
    pictures: int

    @property
    def total(self) -> int:
        return round(self.paragraphs + CELL_LOAD * self.cells + PICTURE_LOAD * self.pictures)

    def message(self) -> str:
        """Why the note is refused, and what to do, in the writer's words."""
        parts = [_count(self.paragraphs, "paragraphe")]
        if self.tables:
            parts.append(f"{_count(self.tables, 'tableau', 'tableaux')} de "
                         f"{_count(self.cells, 'cellule')}")
        if self.pictures:
            parts.append(_count(self.pictures, "image"))
        what = ", ".join(parts)
        if self.tables or self.pictures:
            what += f" : l'équivalent de {_number(self.total)} paragraphes à mettre en page"
        return (f"document trop long pour une note ({what} ; au plus "
                f"{_number(MAX_NOTE_LOAD)}) : découpez-le en plusieurs notes, une par pratique "
                "observée, ou retirez-en ce qui n'est pas la note (annexes, tableaux de données)")


def note_load(xml: bytes, kind: str) -> NoteLoad:
    """Counted on the bytes, nothing parsed: a refused note costs a few milliseconds."""
    tags = _TAGS[kind]
    return NoteLoad(*(len(re.findall(tags[key], xml))
                      for key in ("paragraphs", "tables", "cells", "pictures")))


def _number(value: int) -> str:
    """« 5 029 »: French digit groups (a narrow non-breaking space)."""
    return f"{value:,}".replace(",", NNBSP)


def _count(value: int, word: str, plural: str | None = None) -> str:
    return f"{_number(value)} {word if value == 1 else plural or word + 's'}"
