"""Convert: the Markdown parsed once by pandoc (the real one), every output made from
that one AST; the notes filter's warnings pointed at the writer's line."""

from __future__ import annotations

import subprocess
from datetime import date

import docx
import pytest

import pipeline.pandoc
from pipeline.build import check
from pipeline.charter import load_charter
from pipeline.diagnostics import Report
from pipeline.stages.convert import convert, write_docx, write_pdf
from pipeline.stages.group import group
from pipeline.stages.render import render
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, line_of, write_note

FAULTY = """## Contexte

Une première ligne.

Un paragraphe avec <span>du HTML brut</span> dedans.

![Une photo absente](absente.png)

## Enseignements

Une leçon.
"""


@pytest.fixture(scope="module")
def converted(nlp, tmp_path_factory):
    """The sample workspace plus a faulty note, converted to the three formats, with
    every pandoc run noted down (the real pandoc runs; the spy only records)."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("convert"))
    write_note(root, "alpha/fautive.md", "titre: Une note fautive\ncrpv: alpha\n"
               "auteurs: [A B]\ncontribution: vie-locale\nthemes: [jardins]\n"
               "date: 2024-05-01\nstatut: valide", FAULTY)
    workspace, report = Workspace(root), Report()
    checked = check(workspace, report)
    contribution = next(c for c in checked.inputs.contributions if c.id == "vie-locale")
    document = group(contribution, checked.placements, checked.inputs.registry, report,
                     final=False, build_date=date(2024, 3, 12))
    charter = load_charter(workspace.template("charte/charte.yaml"))
    rendered = render(document, workspace, charter)
    runs: list[list[str]] = []
    real = subprocess.run

    def spy(command, *args, **kwargs):
        if command[0] == pipeline.pandoc.pandoc_path():
            runs.append(list(command[1:]))
        return real(command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.pandoc.subprocess, "run", spy)
        conversion = Report()
        result = convert(document, rendered, workspace, charter, ("docx", "pdf", "html"),
                         conversion)
        write_docx(result.docx, workspace, charter)
        write_pdf(result.pdf, workspace)
    return root, result, conversion, runs


def test_the_markdown_is_parsed_once_for_all_three_formats(converted):
    root, result, _, runs = converted
    parses = [r for r in runs if "--from=markdown" in r]
    assert len(parses) == 1 and "--to=json" in parses[0]
    assert not [r for r in runs if any(a.startswith("--from=markdown") for a in r)
                and r not in parses]
    writers = sorted(a for r in runs if "--from=json" in r for a in r if a.startswith("--to="))
    assert writers == ["--to=docx", "--to=html5"]  # from the AST; the PDF from the page
    out = root / "build/vie-locale"
    assert {p.name for p in result.outputs} >= {"vie-locale.html",
                                                "vie-locale.docx", "vie-locale.pdf"}
    assert all(p.is_file() and p.stat().st_size for p in result.outputs)
    assert (out / "vie-locale.md").read_text(encoding="utf-8").startswith("---\ntitle:")


def test_the_three_outputs_hold_the_same_notes(converted):
    root, *_ = converted
    out = root / "build/vie-locale"
    html = (out / "vie-locale.html").read_text(encoding="utf-8")
    docx_text = "\n".join(p.text for p in docx.Document(str(out / "vie-locale.docx")).paragraphs)
    for title in ("Un jardin au pied des tours", "Une note fautive"):
        assert title in html and title in docx_text


def test_filter_warnings_carry_the_writers_line(converted):
    root, _, report, _ = converted
    found = {(d.code, d.line) for d in report.diagnostics if d.path == "sources/alpha/fautive.md"}
    note = "sources/alpha/fautive.md"
    assert ("note.html", line_of(root, note, "<span>")) in found
    assert ("note.image", line_of(root, note, "absente.png")) in found
    assert all(d.severity == "attention" for d in report.diagnostics)
