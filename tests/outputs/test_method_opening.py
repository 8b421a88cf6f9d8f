"""The introduction's generated section « La méthode » never opens with the sentence
the editorial team's own introduction already opens a paragraph with (the example's
« La démarche » did, word for word)."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline.outputs import phrases
from tests.conftest import REPOSITORY, copy_workspace

EXAMPLE = REPOSITORY / "contributions/culture-2024/introduction.md"


def first_sentences(markdown: str) -> list[str]:
    """The first sentence of each paragraph, apostrophes alike."""
    paragraphs = [p.strip() for p in markdown.replace("’", "'").split("\n\n")]
    return [re.split(r"(?<=[.!?])\s", p)[0] for p in paragraphs
            if p and not p.startswith(("#", ":", "|", "!", "`", "*"))]


def test_the_opening_is_left_out_when_the_introduction_has_it() -> None:
    assert phrases.method_opening(EXAMPLE.read_text(encoding="utf-8")) == ""
    assert phrases.method_opening("Cette contribution s’appuie sur le travail d’observation "
                                  "mené par les centres.") == ""  # ’ or ': the same words
    assert phrases.method_opening("Un texte.\n\nAutre chose.") == phrases.METHOD_OPENING
    assert phrases.method_opening(None) == phrases.METHOD_OPENING


@pytest.fixture(scope="module")
def rendered(nlp, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small sample with the example's introduction, its Markdown made by a build."""
    from pipeline.cli.main import main

    root = copy_workspace("petit", tmp_path_factory.mktemp("methode"))
    shutil.copy(EXAMPLE, root / "contributions/vie-locale/introduction.md")
    assert main(["build", "--format", "html", "--quiet", "--workspace", str(root)]) == 0
    return (root / "build/vie-locale/vie-locale.md").read_text(encoding="utf-8")


def test_no_two_sections_of_the_introduction_open_alike(rendered: str) -> None:
    chapter = rendered.split("# Introduction et méthode", 1)[1].split("\n# ", 1)[0]
    sections = re.split(r"\n## ", chapter)[1:]
    openings = [first_sentences(s.split("\n", 1)[1])[:1] for s in sections]
    heads = [" ".join(re.findall(r"\w+", o[0].lower())[:6]) for o in openings if o]
    assert len(heads) == len(set(heads)), heads
    method = next(s for s in sections if s.startswith("La méthode"))
    assert method.split("\n", 2)[2].startswith("Au total\\, ")  # escaped by the template
