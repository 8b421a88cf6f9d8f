"""The line of the writer's Markdown a paragraph of the draft comes from, compared
without typography, the remark's offset picking the line inside the paragraph."""

from __future__ import annotations

from pipeline.outputs.docx.anchors import comparable
from pipeline.review.lines import Carried, carry, markdown_source, source_of_text
from tests.conftest import SAMPLES, line_of, write_note

NOTE = SAMPLES / "petit/sources/alpha/jardin-maurepas.md"


def test_title_and_body_lines_of_a_note():
    source = markdown_source(NOTE)
    assert (source.title_line, source.body_line) == (2, 11)


def test_a_paragraph_is_found_whatever_its_typography():
    source = markdown_source(NOTE)
    # the draft has typographic apostrophes and non-breaking spaces; the source has not
    assert source.line_of("Un potager partagé de douze parcelles.", 0) == \
        line_of(NOTE.parents[2], "sources/alpha/jardin-maurepas.md", "Un potager")
    assert source.line_of("LE JARDIN CRÉE DES LIENS\u00a0DURABLES", 0) == 18


def test_the_offset_picks_the_line_inside_a_paragraph_on_several_lines(tmp_path):
    body = ("## Contexte\n\nUne première ligne du paragraphe,\nune deuxième avec un "
            "[lien](https://exemple.fr),\n- et une liste\n")
    path = write_note(tmp_path, "alpha/n.md", "titre: Une note\ncrpv: alpha", body)
    source = markdown_source(path)
    paragraph = "Une première ligne du paragraphe, une deuxième avec un lien, et une liste"
    first = line_of(tmp_path, "sources/alpha/n.md", "Une première")
    assert source.line_of(paragraph, 0) == first
    one = len(comparable("Une première ligne du paragraphe,"))
    two = one + len(comparable("une deuxième avec un lien,"))
    assert [source.line_of(paragraph, offset) for offset in (one - 1, one, two - 1, two)] == \
        [first, first + 1, first + 1, first + 2]
    assert source.title_line == 2


def test_a_paragraph_the_note_no_longer_has_gives_the_first_line_of_the_body():
    assert markdown_source(NOTE).line_of("Un paragraphe écrit depuis", 3) == 11


def test_office_notes_and_broken_notes_have_no_lines(tmp_path):
    office = tmp_path / "n.docx"
    office.write_bytes(b"PK")
    broken = tmp_path / "b.md"
    broken.write_text("pas d'en-tête\n", encoding="utf-8")
    assert markdown_source(office) is None and markdown_source(broken) is None
    assert markdown_source(tmp_path / "absente.md") is None


SENT = "---\ntitre: T\n---\n\nun\ndeux\ntrois\nquatre\n"


def test_a_line_of_the_text_as_sent_is_carried_to_the_text_as_it_is_now():
    now = "---\ntitre: T\n---\n\nun ajout\nun\ndeux\ntrois bis\nquatre\n"
    assert carry(SENT, SENT, 6) == Carried(6, False)
    assert carry(SENT, now, 6) == Carried(7, False)  # « deux », one line lower
    assert carry(SENT, now, 7) == Carried(8, True)  # « trois », rewritten
    assert carry(SENT, "---\ntitre: T\n---\n\nun\nquatre\n", 6) == Carried(None, True)


def test_a_text_is_read_like_a_file():
    source = source_of_text(SENT)
    assert (source.title_line, source.body_line) == (2, 4)
    assert source.line_of("trois", 0) == 7
    assert source_of_text("pas d'en-tête\n") is None
