"""A 200-note workspace (``bench.build``'s generator: long, numbered titles made from the
example notes): every note of every draft anchored, and a comment in each note placed on
that note and on the line of its paragraph. DOCX only; about a minute: a long check
(``make test-complet``)."""

from __future__ import annotations

import json

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from bench.build import generate
from pipeline.outputs.docx.anchors import comparable
from tests.conftest import run
from tests.review.reviewing import csv_rows

NOTES = 200


def first_paragraphs(document) -> dict[str, object]:
    """Each note bookmark → the first paragraph of the note's text (after its heading
    and its « Note Meta » block)."""
    found: dict[str, object] = {}
    current = None
    for element in document.element.body.iter(qn("w:bookmarkStart"), qn("w:p")):
        if element.tag == qn("w:bookmarkStart"):
            name = element.get(qn("w:name"))
            current = name if name.startswith("rc_") else current
            continue
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else ""
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        if current and current not in found and not style_id.startswith(("Heading", "Note")) \
                and len(comparable(text)) > 20:
            found[current] = element
    return found


@pytest.mark.complet
def test_every_note_of_200_is_anchored_and_its_remark_placed(tmp_path, capsys):
    root = tmp_path / "espace"
    generate(root, NOTES)
    code, _, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code in (0, 1), err
    for contribution in ("culture-2024", "contrat-de-ville-integrateur-2024"):
        folder = root / "build" / contribution
        anchors = json.loads((folder / f"{contribution}.ancres.json").read_text("utf-8"))
        notes = {a["name"]: a["path"] for a in anchors["ancres"] if a["level"] == 2}
        assert len(notes) > 50
        draft = folder / f"{contribution}.docx"
        document = docx.Document(str(draft))
        names = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
        assert set(notes) <= names  # 100 % of the notes anchored
        paragraphs = first_paragraphs(document)
        assert set(paragraphs) == set(notes)
        expected = {}
        for number, (name, element) in enumerate(sorted(paragraphs.items())):
            runs = Paragraph(element, document._body).runs
            document.add_comment(runs, text=f"Remarque {number}", author="Relectrice")
            expected[f"Remarque {number}"] = (notes[name], element)
        reviewed = tmp_path / f"{contribution}-relu.docx"
        document.save(str(reviewed))
        code, _, err = run(capsys, "review", str(reviewed), "--workspace", str(root))
        assert code == 0, err
        rows = {r["remarque"]: r for r in csv_rows(folder / "revue.csv")}
        assert set(rows) == set(expected)
        for remark, (path, element) in expected.items():
            row = rows[remark]
            assert row["note"] == path, row
            lines = (root / path).read_text(encoding="utf-8").split("\n")
            line = comparable(lines[int(row["ligne"]) - 1])[:15]
            assert line and line in comparable("".join(t.text or "" for t in
                                                       element.iter(qn("w:t")))), row
