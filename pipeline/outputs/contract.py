"""The contract between the draft and the review: what ``review`` relies on in a DOCX
the pipeline wrote, declared once. The template (through the render context), the
reference document's styles, the finishing pass and the anchors write these names;
``pipeline/review/`` reads them. Change a value here and both sides follow.

Read ``current()`` at call time rather than copying its fields at import: a test
swaps the whole contract to show that nothing else holds a copy."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

MAX_BOOKMARK = 40  # Word's limit for a bookmark's name
CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


@dataclass(frozen=True)
class DraftContract:
    # styles (pandoc's ``custom-style`` names; the style id is the name without spaces)
    note_meta: str = "Note Meta"  # the note's centre, authors, date: from its front matter
    see_also: str = "Voir Aussi"  # a chapter's own paragraph, after its notes
    # fixed headings
    cross_reading: str = "Regards croisés"  # the chapter of every note's lessons
    # bookmarks: one around each note, one around its lessons in the cross-reading
    note_prefix: str = "rc_"
    lessons_prefix: str = "rx_"
    # the draft's custom properties (docProps/custom.xml)
    property_contribution: str = "contribution"
    property_build: str = "build"
    property_edition: str = "version"
    # the author of the tracked changes in ``<id>-changements.docx`` (not a reviewer's)
    changes_author: str = "Regards croisés"


CONTRACT = DraftContract()


def current() -> DraftContract:
    return CONTRACT


def style_id(name: str) -> str:
    """The id pandoc's DOCX writer gives a ``custom-style`` (its name without spaces)."""
    return name.replace(" ", "")


def style_key(name: str) -> str:
    """A style name or id compared across Word (« NoteMeta ») and LibreOffice
    (« Note_20_Meta »): letters and digits only, lower case."""
    plain = unicodedata.normalize("NFKD", name.replace("_20_", ""))
    return "".join(c for c in plain.lower() if c.isalnum() and c.isascii())


def note_anchor(path: str, lessons: bool = False) -> str:
    """THE name of a note's bookmark (and link target), from its path only: the prefix,
    a hash of the path, then the path in letters, digits and underscores, cut at
    Word's 40 characters (short enough that pandoc keeps it as it is)."""
    contract = current()
    prefix = contract.lessons_prefix if lessons else contract.note_prefix
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    stem = path.removeprefix("sources/").rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^A-Za-z0-9]+", "_", ascii_stem).strip("_")
    return f"{prefix}{digest}_{readable}"[:MAX_BOOKMARK].rstrip("_")


def anchor_level(name: str) -> int | None:
    """The heading level that ends a bookmark of ours: 2 for a note, 3 for its lessons."""
    contract = current()
    if name.startswith(contract.note_prefix):
        return 2
    if name.startswith(contract.lessons_prefix):
        return 3
    return None
