"""What a first user met with ``review`` (issue 20, item 10): ``-q`` is quiet, a draft
never recorded with ``envoi`` is warned about (as the README says), and the pages name
the contribution by its title, with French apostrophes, each centre's page listing
only the files that concern it. Real python-docx, pandoc (the draft built once)."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from tests.conftest import run
from tests.review.reviewing import comment, paragraph

NEVER_SENT = "revue.brouillon-non-envoye"
FILE_A = "reviews/vie-locale/relecture-alpha.docx"  # a remark on a note of alpha
FILE_B = "reviews/vie-locale/relecture-beta.docx"  # a remark on a note of beta


@pytest.fixture(scope="module")
def reviewed(built_petit: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built sample (copied), with two reviewers' files, never sent with envoi."""
    root = tmp_path_factory.mktemp("premier") / "petit"
    shutil.copytree(built_petit, root)
    draft = root / "build/vie-locale/vie-locale.docx"
    for target, text, author in ((FILE_A, "Un potager partagé", "Relectrice A"),
                                 (FILE_B, "L’école accueille", "Relecteur B")):
        document = docx.Document(str(draft))
        comment(document, paragraph(document, text), "Combien de familles ?", author)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        document.save(str(root / target))
    return root


def copied(root: Path, destination: Path) -> Path:
    shutil.copytree(root, destination / "petit")
    return destination / "petit"


def test_a_draft_never_sent_is_warned_about(reviewed, tmp_path, capsys) -> None:
    root = copied(reviewed, tmp_path)
    code, _, err = run(capsys, "review", "--workspace", str(root))
    assert code == 0
    warned = [line for line in err.splitlines() if NEVER_SENT in line]
    assert sorted(line.split(":")[0] for line in warned) == [FILE_A, FILE_B]
    assert all("attention : fait sur le brouillon actuel, jamais enregistré comme envoyé"
               in line and "make envoi" in line for line in warned)
    # Once recorded as sent, the same files are read without the warning.
    assert run(capsys, "envoi", "--workspace", str(root))[0] == 0
    code, _, err = run(capsys, "review", "--workspace", str(root))
    assert code == 0 and NEVER_SENT not in err and "vie-locale : 2 remarques." in err


def test_quiet_prints_only_the_warnings(reviewed, tmp_path, capsys) -> None:
    root = copied(reviewed, tmp_path)
    code, out, err = run(capsys, "review", "-q", "--workspace", str(root))
    assert code == 0 and out == ""
    lines = err.splitlines()
    assert lines and all(": attention : " in line for line in lines), lines
    loud = run(capsys, "review", "--workspace", str(root))
    assert "écrit : build/vie-locale/revue.html" in loud[1] and "remarque" in loud[2]


class Text(HTMLParser):
    """The text a reader sees (no tags, no style)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_of(page: Path) -> str:
    parser = Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


@pytest.fixture(scope="module")
def pages(reviewed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.cli.main import main

    root = copied(reviewed, tmp_path_factory.mktemp("pages"))
    assert main(["review", "-q", "--workspace", str(root)]) == 0
    return root / "build/vie-locale"


def test_pages_name_the_contribution_by_its_title(pages) -> None:
    for page in (pages / "revue.html", pages / "revue/alpha.html", pages / "revue/beta.html"):
        html = page.read_text(encoding="utf-8")
        assert "<title>Remarques des relecteurs — La vie locale</title>" in html, page
        assert "Contribution <strong>La vie locale</strong>" in html, page
        assert "<strong>vie-locale</strong>" not in html


def test_pages_use_french_apostrophes(pages) -> None:
    for page in (pages / "revue.html", pages / "revue/alpha.html", pages / "revue/beta.html"):
        text = text_of(page)
        assert "'" not in text, [w for w in text.split() if "'" in w]
    assert "L’école ouverte" in text_of(pages / "revue/beta.html")  # the note's title


def test_each_centres_page_lists_its_own_files(pages) -> None:
    alpha, beta = pages / "revue/alpha.html", pages / "revue/beta.html"
    assert FILE_A in text_of(alpha) and FILE_B not in text_of(alpha)
    assert FILE_B in text_of(beta) and FILE_A not in text_of(beta)
    everything = text_of(pages / "revue.html")
    assert FILE_A in everything and FILE_B in everything
