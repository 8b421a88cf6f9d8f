"""What reviewers do to paragraphs, tracked: a paragraph added, split in two, two
joined, one deleted, one moved — one remark per gesture, on its note, at the line of
the note where it happened; a comment over two notes under each. On the draft the
pipeline built, edited as Word writes it (python-docx and lxml) and through
LibreOffice's own API (a .odt and a .docx saved by it); on real Word files from
Open-Xml-PowerTools' and pandoc's test suites (``data/README.md``)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from pipeline.review.reading import read_review
from tests.conftest import copy_workspace, line_of, run
from tests.review.gestures import (
    delete_whole,
    extend_comment,
    join,
    make_bold,
    move_before,
    new_paragraph,
    split,
)
from tests.review.reviewing import LONG_NOTE, comment, csv_rows, paragraph, with_long_note

DATA = Path(__file__).with_name("data")
LONG = ("## Contexte\n\nPremier paragraphe écrit sur deux lignes,\ndont la seconde porte "
        "la fin.\n\nDeuxième paragraphe à joindre au suivant.\n\nTroisième paragraphe qui "
        "le reçoit.\n\nQuatrième paragraphe à déplacer.\n\n## Enseignements\n\n"
        "Écouter d'abord.\n")
LONG_PATH = f"sources/{LONG_NOTE}"
FETE = "sources/alpha/fete-des-voisins.md"
ECOLE = "sources/beta/ecole-ouverte.md"
SPORT = "sources/alpha/deux-contributions.md"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace("petit", tmp_path_factory.mktemp("gestes"))
    with_long_note(root, LONG)
    from pipeline.cli.main import main

    assert main(["build", "--format", "docx", "--workspace", str(root)]) == 0
    return root / "build/vie-locale/vie-locale.docx"


def root_of(draft: Path) -> Path:
    return draft.parents[2]


def review(capsys, draft: Path, *files: Path) -> tuple[str, list[dict[str, str]]]:
    code, out, err = run(capsys, "review", *map(str, files), "--workspace",
                         str(root_of(draft)))
    assert code == 0, err
    assert "Traceback" not in err
    return out + err, [r for r in csv_rows(root_of(draft) / "build/vie-locale/revue.csv")
                 if r["type"] != "réponse"]


def found(rows: list[dict[str, str]]) -> list[tuple[str, str, int | None]]:
    return sorted((r["type"], r["note"], int(r["ligne"]) if r["ligne"] else None)
                  for r in rows)


def reviewed_in_word(draft: Path, target: Path) -> Path:
    document = docx.Document(str(draft))
    author = "Relecteur W"
    split(paragraph(document, "Premier paragraphe"), "Premier paragraphe écrit sur deux lignes,",
          author, 801)
    join(paragraph(document, "Deuxième paragraphe"), author, 802)
    new_paragraph(paragraph(document, "Troisième paragraphe"), "Un paragraphe ajouté.",
                  author, 803, typed_at_end=False)
    move_before(paragraph(document, "Quatrième paragraphe"),
                paragraph(document, "Premier paragraphe"), author, 810, "move1")
    new_paragraph(paragraph(document, "Une fête organisée"), "Avec un grand repas.", author,
                  820, typed_at_end=True)
    delete_whole(paragraph(document, "L’école accueille"), author, 830)
    made = comment(document, paragraph(document, "Le sport et le jardinage"),
                   "Ces deux notes se répondent.", "Relectrice A")
    extend_comment(document, made, paragraph(document, "Troisième paragraphe"))
    document.save(str(target))
    return target


def test_each_paragraph_gesture_in_word_is_one_remark_at_its_line(draft, tmp_path, capsys):
    root = root_of(draft)
    out, rows = review(capsys, draft, reviewed_in_word(draft, tmp_path / "w.docx"))
    long_line = lambda needle: line_of(root, LONG_PATH, needle)  # noqa: E731
    assert found(rows) == sorted([
        ("paragraphe coupé", LONG_PATH, long_line("Premier paragraphe")),
        ("paragraphes joints", LONG_PATH, long_line("Deuxième paragraphe")),
        ("insertion de paragraphe", LONG_PATH, long_line("Troisième paragraphe")),
        ("déplacement", LONG_PATH, long_line("Quatrième paragraphe")),
        ("insertion de paragraphe", FETE, line_of(root, FETE, "Une fête organisée")),
        ("suppression de paragraphe", ECOLE, line_of(root, ECOLE, "L'école accueille")),
        ("commentaire", SPORT, line_of(root, SPORT, "Le sport et le jardinage")),
        ("commentaire", LONG_PATH, long_line("Troisième paragraphe")),
    ])
    assert "vie-locale : 8 remarques." in out
    by_type = {r["type"]: r for r in rows}
    assert by_type["insertion de paragraphe"]["remarque"] in ("Un paragraphe ajouté.",
                                                              "Avec un grand repas.")
    assert by_type["suppression de paragraphe"]["remarque"] == \
        "L’école accueille les familles le samedi matin."
    moved = by_type["déplacement"]
    assert moved["remarque"] == "Quatrième paragraphe à déplacer."
    assert moved["placement"] == f"déplacé vers la ligne {long_line('Premier paragraphe')}"
    spanning = {r["note"]: r["placement"] for r in rows if r["type"] == "commentaire"}
    assert spanning[SPORT].startswith("porte aussi sur la note « Une note longue » "
                                      f"({LONG_PATH}, ligne ")
    assert spanning[LONG_PATH].startswith("porte aussi sur la note « Le sport et les jardins »")
    body_line = line_of(root, LONG_PATH, "## Contexte")
    assert all(int(r["ligne"]) >= body_line for r in rows if r["note"] == LONG_PATH)


def test_paragraph_gestures_made_in_libreoffice_odt_and_docx(draft, tmp_path, capsys, office):
    """The same gestures typed in LibreOffice with changes recorded, saved as .odt and as
    .docx (LibreOffice writes both its own way)."""
    root = root_of(draft)
    edits = [{"split": "Premier paragraphe", "after": "deux lignes,"},
             {"join": "Deuxième paragraphe"},
             {"new": "Un paragraphe ajouté.", "after": "Troisième paragraphe"},
             {"delete": "Quatrième paragraphe"},
             {"new": "Avec un grand repas.", "after": "Une fête organisée"}]
    long_line = lambda needle: line_of(root, LONG_PATH, needle)  # noqa: E731
    expected = sorted([
        ("paragraphe coupé", LONG_PATH, long_line("Premier paragraphe")),
        ("paragraphes joints", LONG_PATH, long_line("Deuxième paragraphe")),
        ("insertion de paragraphe", LONG_PATH, long_line("Troisième paragraphe")),
        ("suppression de paragraphe", LONG_PATH, long_line("Quatrième paragraphe")),
        ("insertion de paragraphe", FETE, line_of(root, FETE, "Une fête organisée")),
    ])
    for suffix in ("odt", "docx"):
        made = office.review(draft, tmp_path / f"relu.{suffix}", edits)
        out, rows = review(capsys, draft, made)
        assert found(rows) == expected, suffix
        assert {r["relecteur"] for r in rows} == {"Relectrice ODT"}
        assert "vie-locale : 5 remarques." in out


@pytest.mark.parametrize(("name", "expected"), [
    ("RP005-Deleted-Paragraph-Mark.docx", ["paragraphes joints"]),
    ("RP006-Inserted-Paragraph-Mark.docx", ["paragraphe coupé"]),
    ("RP008-Multiple-Inserted-Para-Mark.docx", ["paragraphe coupé"] * 3),
    ("RP015-MoveFrom-MoveTo.docx", ["déplacement"]),
    ("paragraph_insertion_deletion.docx", ["paragraphe coupé", "paragraphes joints"]),
])
def test_real_word_files_give_one_remark_per_gesture(name, expected):
    remarks = read_review(DATA / name, name).remarks
    assert [r.kind for r in remarks] == expected
    assert all(r.author and r.text and r.place is not None for r in remarks)


def test_a_real_move_is_told_where_it_left_and_where_it_arrived():
    (moved,) = read_review(DATA / "RP015-MoveFrom-MoveTo.docx", "m.docx").remarks
    assert (moved.text, moved.author) == ("When you click Online Video.", "Eric White")
    assert moved.place.text == "When you click Online Video."
    ((arrival, offset),) = moved.also
    assert arrival.text == "You can also type a keyword."  # arrived at its end
    assert offset == len("Youcanalsotypeakeyword")


def test_a_format_change_is_one_remark_on_its_paragraph(draft, tmp_path):
    """Nothing a reviewer did is left out: bold put on a paragraph's runs (Word's
    ``w:rPrChange``) is one remark on that paragraph."""
    document = docx.Document(str(draft))
    target = paragraph(document, "Un potager partagé")
    first = target.runs[0]
    first.text, second = "Un potager partagé ", first.text[len("Un potager partagé "):]
    target.add_run(second)  # two runs: one remark for the paragraph, not one per run
    make_bold(target, "Relecteur W", 900)
    document.save(str(tmp_path / "gras.docx"))
    remarks = read_review(tmp_path / "gras.docx", "gras.docx").remarks
    assert [(r.kind, r.author, r.place.text) for r in remarks] == [
        ("mise en forme", "Relecteur W", "Un potager partagé de douze parcelles.")]
