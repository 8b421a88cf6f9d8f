"""The notes' anchors in the draft and the map written beside it: one bookmark a note
and one around its lessons, named from the source path alone (``contract.note_anchor``),
read back as they were written."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import docx
from docx.oxml.ns import qn

from pipeline.outputs.contract import MAX_BOOKMARK, anchor_level, note_anchor
from pipeline.outputs.docx.anchors import comparable, read_anchors


def _map(root) -> dict:
    path = root / "build/vie-locale/vie-locale.ancres.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_map_reads_back_as_written_and_names_come_from_paths(built_petit):
    data = _map(built_petit)
    anchors = read_anchors(data)
    assert [asdict(a) for a in anchors] == data["ancres"]
    assert data["contribution"] == "vie-locale" and re.fullmatch(r"[0-9a-f]{12}", data["build"])
    for anchor in anchors:
        assert anchor.name == note_anchor(anchor.path, lessons=anchor.level == 3)
        assert len(anchor.name) <= MAX_BOOKMARK and anchor_level(anchor.name) == anchor.level
    paths = {a.path for a in anchors}
    assert "sources/alpha/jardin-maurepas.md" in paths
    assert "sources/beta/brouillon.md" not in paths  # not in the draft


def test_every_note_of_the_map_is_a_bookmark_of_the_draft(built_petit):
    body = docx.Document(str(built_petit / "build/vie-locale/vie-locale.docx")).element.body
    names = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    notes = {a.name for a in read_anchors(_map(built_petit)) if a.level == 2}
    assert notes and notes <= names


def test_names_tell_apart_paths_that_differ_by_an_accent_and_unknown_names_have_no_level():
    assert note_anchor("sources/a/fete.md") != note_anchor("sources/a/fête.md")
    assert re.fullmatch(r"rc_[0-9a-f]{8}_a_fete", note_anchor("sources/a/fête.md"))
    assert anchor_level("_Toc123") is None


def test_text_is_compared_across_typography():
    assert comparable("L’été\u00a0: « Fête » !") == comparable("l'ete : fete") == "letefete"
