"""Convert: the Markdown parsed once by pandoc (the real one), every output made from
that one AST; the notes filter's warnings pointed at the writer's line. Checked
through a real build, whatever the jobs it is split into."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess

import docx
import pytest
from pypdf import PdfReader

import pipeline.pandoc
from pipeline.cli.main import main
from tests.conftest import copy_workspace, line_of, plain_spaces, write_note

FAULTY = """## Contexte

Une première ligne.

Un paragraphe avec <span>du HTML brut</span> dedans.

![Une photo absente](absente.png)

## Enseignements

Une leçon.
"""
NOTE = "sources/alpha/fautive.md"


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory):
    """The sample workspace plus a faulty note, built in the three formats, with every
    pandoc run noted down in a file (the jobs are other processes); the real pandoc runs."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("convert"))
    write_note(root, "alpha/fautive.md", "titre: Une note fautive\ncrpv: alpha\n"
               "auteurs: [A B]\ncontribution: vie-locale\nthemes: [jardins]\n"
               "date: 2024-05-01\nstatut: valide", FAULTY)
    log = root.parent / "pandoc.jsonl"
    real = subprocess.run

    def spy(command, *args, **kwargs):
        if command[0] == pipeline.pandoc.pandoc_path():
            with log.open("a", encoding="utf-8") as stream:
                stream.write(json.dumps(command[1:]) + "\n")
        return real(command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(io.StringIO()) as err:
        patch.setattr(pipeline.pandoc.subprocess, "run", spy)
        code = main(["build", "--contribution", "vie-locale", "--quiet", "--workspace",
                     str(root)])
    assert code == 0, err.getvalue()
    runs = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return root, runs, err.getvalue().splitlines()


def test_the_markdown_is_parsed_once_for_all_three_formats(built):
    root, runs, _ = built
    # check's inspection reads each note alone (pipeline/stages/inspect.py): not a parse
    parses = [r for r in runs if any(a.startswith("--from=markdown") for a in r)
              and "--metadata=rc-inspect=1" not in r]
    # the notes' blocks through the filter once, the template's text around them once
    # (pipeline/outputs/ast_cache.py): never once per format
    filtered = [r for r in parses if "--lua-filter" in r]
    assert len(filtered) == 1 and len(parses) <= 2
    assert all("--to=json" in r for r in parses)
    writers = sorted(a for r in runs if "--from=json" in r for a in r if a.startswith("--to="))
    assert writers == ["--to=docx", "--to=html5"]  # from the AST; the PDF from the page
    out = root / "build/vie-locale"
    for suffix in (".md", ".html", ".docx", ".pdf"):
        assert (out / f"vie-locale{suffix}").stat().st_size > 0


def test_the_three_outputs_hold_the_same_notes(built):
    root, *_ = built
    out = root / "build/vie-locale"
    html = (out / "vie-locale.html").read_text(encoding="utf-8")
    text = "\n".join(p.text for p in docx.Document(str(out / "vie-locale.docx")).paragraphs)
    pdf = "".join(page.extract_text() for page in PdfReader(out / "vie-locale.pdf").pages)
    for title in ("Un jardin au pied des tours", "Une note fautive"):
        assert title in html and title in text and title in " ".join(pdf.split())


def test_filter_warnings_carry_the_writers_line(built):
    root, _, err = built
    mine = [plain_spaces(line) for line in err if line.startswith(NOTE)]
    html, image = line_of(root, NOTE, "<span>"), line_of(root, NOTE, "absente.png")
    assert any(line.startswith(f"{NOTE}:{html}: attention : ") and line.endswith("[note.html]")
               for line in mine), mine
    assert any(line.startswith(f"{NOTE}:{image}: attention : ")
               and line.endswith("[note.image]") for line in mine), mine
