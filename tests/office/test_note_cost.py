"""Word and LibreOffice notes bounded by what they cost to lay out (issue 20, point 6):
a note of 5 000 short paragraphs refused before pandoc reads it, with the reason in
French; a long but real note still built; a note's own table of contents one message.
Real python-docx, pandoc and builds."""

from __future__ import annotations

import random
import time
from pathlib import Path

import docx
from docx.oxml import parse_xml

from pipeline.office.cost import MAX_NOTE_LOAD, note_load
from pipeline.office.package import OfficeFileError, check_note_bounds, open_package
from tests.conftest import plain_spaces, run
from tests.office.test_office_notes import GOOD, office_note

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WORDS = ["quartier", "habitants", "atelier", "médiathèque", "jardin", "école", "association",
         "centre", "social", "culture", "fête", "projet"]


def _long_note(root: Path, name: str, paragraphs: int) -> Path:
    """A note from the template with ``paragraphs`` sentences of a dozen words each."""
    path = office_note(root, name, {**GOOD, "themes": "jardins"})
    document = docx.Document(str(path))
    rng = random.Random(20)
    for _ in range(paragraphs):
        document.add_paragraph(" ".join(rng.choice(WORDS) for _ in range(12)) + ".")
    document.save(str(path))
    return path


def test_a_note_of_5000_paragraphs_is_refused_before_pandoc(workspace, capsys):
    root = workspace("petit")
    path = _long_note(root, "long.docx", 5_000)
    package = open_package(path, "docx")
    start = time.process_time()
    try:
        check_note_bounds(package)
    except OfficeFileError as exc:
        refused = exc.message
    else:
        raise AssertionError("the note was not refused")
    assert time.process_time() - start < 2  # counted on the bytes: milliseconds, loosely
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    line = next(x for x in plain_spaces(err).splitlines() if x.startswith("sources/alpha/long"))
    assert line == plain_spaces(f"sources/alpha/long.docx: {refused} [note.fichier]")
    assert "document trop long pour une note (5 0" in line and "paragraphes" in line
    assert "au plus 1 000)" in line and "découpez-le en plusieurs notes" in line


def test_tables_and_pictures_count_in_what_a_note_costs():
    cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    xml = (f"<w:body><w:tbl>{'<w:tr>' + cell * 10 + '</w:tr>'}</w:tbl>"
           "<w:p><w:r><w:drawing></w:drawing></w:r></w:p><w:p/></w:body>").encode()
    load = note_load(xml, "docx")
    assert (load.paragraphs, load.tables, load.cells, load.pictures) == (12, 1, 10, 1)
    assert load.total == 12 + 5 + 20
    odt = (b'<office:text><text:h text:outline-level="2">T</text:h><text:p/>'
           b'<table:table table:name="t"><table:table-row><table:table-cell><text:p>x</text:p>'
           b'</table:table-cell></table:table-row></table:table>'
           b'<text:p><draw:frame draw:name="i"/></text:p></office:text>')
    assert note_load(odt, "odt") == type(load)(4, 1, 1, 1)
    many = type(load)(100, 10, 1_000, 30)
    assert many.total > MAX_NOTE_LOAD
    assert plain_spaces(many.message()).startswith(
        "document trop long pour une note (100 paragraphes, 10 tableaux de 1 000 cellules, "
        "30 images : l'équivalent de 1 200 paragraphes à mettre en page ; au plus 1 000)")


def test_a_long_real_note_of_300_paragraphs_still_builds(workspace, capsys):
    root = workspace("petit")
    _long_note(root, "longue.docx", 300)
    code, _, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 0, err
    assert "longue.docx" not in err
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert html.count("médiathèque") > 100


def _with_contents(path: Path, headings: list[str]) -> None:
    """Word's own table of contents after the metadata table: a TOC field, hyperlinks to
    « _Toc » bookmarks on the headings, a PAGEREF page number each (as Word writes it)."""
    document = docx.Document(str(path))
    entries = "".join(
        f'<w:p {W}><w:pPr><w:pStyle w:val="TOC2"/></w:pPr>'
        + ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
           '"preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar '
           'w:fldCharType="separate"/></w:r>' if i == 0 else "")
        + f'<w:hyperlink w:anchor="_Toc{100 + i}" w:history="1"><w:r><w:t>{h}</w:t></w:r>'
        f'<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
        f'xml:space="preserve"> PAGEREF _Toc{100 + i} \\h </w:instrText></w:r><w:r><w:fldChar '
        f'w:fldCharType="separate"/></w:r><w:r><w:t>{i + 1}</w:t></w:r><w:r><w:fldChar '
        f'w:fldCharType="end"/></w:r></w:hyperlink>'
        + ('<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(headings) - 1 else "")
        + "</w:p>" for i, h in enumerate(headings))
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of '
                    f'Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
                    f"{entries}</w:sdtContent></w:sdt>")
    document.tables[0]._tbl.addnext(sdt)
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading") and paragraph.text in headings:
            i = headings.index(paragraph.text)
            paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="{i}" '
                                             f'w:name="_Toc{100 + i}"/>'))
            paragraph._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{i}"/>'))
    document.save(str(path))


def test_a_word_table_of_contents_is_one_message(workspace, capsys):
    root = workspace("petit")
    path = office_note(root, "sommaire.docx", {**GOOD, "themes": "jardins"})
    headings = ["Contexte", "Ce qui a été observé", "Acteurs", "Enseignements"]
    _with_contents(path, headings)
    code, _, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    lines = [x for x in plain_spaces(err).splitlines() if x.startswith("sources/alpha/sommaire")]
    assert lines == ["sources/alpha/sommaire.docx: info : table des matières de la note "
                     "retirée (4 entrées) : le document de la contribution a la sienne, qui "
                     "reprend les titres de la note [note.sommaire]"], err
    assert code == 0
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert "Ce qui a été observé 2" not in html
