"""The notes' bookmarks in the draft: names Word accepts, made from the source path
alone (so that ``review`` can make them again), and the levels that close them."""

from __future__ import annotations

import re

from pipeline.outputs.docx.anchors import (
    LESSONS_PREFIX,
    MAX_NAME,
    anchor_level,
    bookmark_name,
    comparable,
)


def test_a_bookmark_name_is_short_ascii_and_starts_with_a_letter():
    for path in ("sources/alpha/jardin-maurepas.md",
                 "sources/résovilles/une-très-longue-note-sur-la-fête-du-quartier-été.md",
                 "sources/a/b.docx"):
        name = bookmark_name(path)
        assert len(name) <= MAX_NAME and re.fullmatch(r"rc_[0-9a-f]{8}(_[A-Za-z0-9_]*)?", name)
        assert not name.endswith("_")


def test_names_are_made_from_the_path_alone_and_tell_paths_apart():
    assert bookmark_name("sources/alpha/jardin-maurepas.md") == \
        "rc_4c22bee5_alpha_jardin_maurepas"
    assert bookmark_name("sources/a/fete.md") != bookmark_name("sources/a/fête.md")
    assert bookmark_name("sources/a/n.md", LESSONS_PREFIX).startswith("rx_")


def test_a_bookmark_is_closed_by_a_heading_as_high_as_its_note():
    assert anchor_level(bookmark_name("sources/a/n.md")) == 2
    assert anchor_level("note-alpha-n") == 2  # pandoc's own, at the note's heading
    assert anchor_level(bookmark_name("sources/a/n.md", LESSONS_PREFIX)) == 3
    assert anchor_level("_Toc123") is None


def test_text_is_compared_across_typography():
    assert comparable("L’été\u00a0: « Fête » !") == comparable("l'ete : fete") == "letefete"
