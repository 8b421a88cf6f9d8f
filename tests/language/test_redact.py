"""Residents' names out of the final edition (initials), marked in drafts; the
professionals' names kept; the writer's file untouched. Real model, pandoc, WeasyPrint."""

import shutil
from datetime import date
from typing import NamedTuple

import docx
import lxml.html
from pypdf import PdfReader

from pipeline.language.privacy import PossibleName
from pipeline.language.redact import (
    END,
    START,
    initials,
    mark_names_ast,
    marked_span,
    redact_note,
)
from pipeline.model import Note, Territory
from tests.conftest import copy_workspace, plain_spaces, run, write_note

NOTE = """---
titre: Le jardin de Fatima
crpv: alpha
auteurs: [Jeanne Leroy]
contribution: vie-locale
themes: [jardins]
personnes_citees: [Aïcha Traoré]
date: 2024-05-02
statut: valide
---

## Ce qui a été observé

Le maire, Jean Dupont, a inauguré le jardin avec Séverine Demoustier, directrice du
centre social.

Fatima, 34 ans, mère de deux enfants, a planté les premières graines. Nadia, une jeune
du quartier, arrose le mercredi ; M. Karim Haddad, habitant de la tour B, prête ses
outils.

Aïcha Traoré, voisine, a accepté d'être nommée.

## Enseignements

Selon Fabien Bressan (Labo Cités), Fatima et Nadia ont convaincu le bailleur.
"""
RESIDENTS = ("Fatima", "Nadia", "Karim", "Haddad")
PROFESSIONALS = ("Jean Dupont", "Séverine Demoustier", "Fabien Bressan", "Aïcha Traoré")


def _note(body, title="Titre"):
    return Note("sources/a/n.md", "a/n", title, "a", ("Camille Martin",), ("c",), (),
                Territory(), date(2024, 1, 1), "valide", body, 10, "h", {"titre": 2})


def test_initials_keep_civilities_hyphens_and_initials():
    assert initials("Fatima") == "F."
    assert initials("Karim Haddad") == "K.H."
    assert initials("Jean-Marc L.") == "J.-M.L."


def test_a_final_note_gets_initials_with_their_lines_and_professionals_stay():
    body = ("M. Karim Haddad prête ses outils.\nFatima Zahra Diallo, directrice, et "
            "Fatima arrosent.\n")
    people = [PossibleName("sources/a/n.md", 10, "M. Karim Haddad", "habitant", "",
                           ("Karim", "Haddad")),
              PossibleName("sources/a/n.md", 11, "Fatima", "habitant", "", ("Fatima",)),
              PossibleName("sources/a/n.md", 11, "Fatima Zahra Diallo", "professionnel",
                           "directrice", ("Fatima", "Zahra", "Diallo"))]
    note, done = redact_note(_note(body, "Chez Fatima"), people, final=True)
    assert note.body == ("M. K.H. prête ses outils.\nFatima Zahra Diallo, directrice, et "
                         "F. arrosent.\n")
    assert note.title == "Chez F."
    assert [str(r) for r in done] == [
        "sources/a/n.md:2 : « Fatima » → « F. »",
        "sources/a/n.md:10 : « Karim Haddad » → « K.H. »",
        "sources/a/n.md:11 : « Fatima » → « F. »"]


def test_a_name_across_a_line_break_is_replaced_whole():
    people = [PossibleName("sources/a/n.md", 10, "Karim Haddad", "habitant", "",
                           ("Karim", "Haddad"))]
    note, done = redact_note(_note("Texte de Karim\nHaddad.\n"), people, final=True)
    assert note.body == "Texte de K.\nH.\n" and [r.line for r in done] == [10]


def test_link_and_image_targets_keep_the_name():
    people = [PossibleName("sources/a/n.md", 10, "Fatima", "habitant", "", ("Fatima",))]
    body = "![Fatima au jardin](images/Fatima.jpg) [blog](https://ex.org/Fatima) <Fatima@ex.org>\n"
    note, done = redact_note(_note(body), people, final=True)
    assert note.body == ("![F. au jardin](images/Fatima.jpg) [blog](https://ex.org/Fatima) "
                         "<Fatima@ex.org>\n") and len(done) == 1


def test_a_draft_marks_the_names_and_the_ast_highlights_them():
    people = [PossibleName("sources/a/n.md", 10, "Fatima", "habitant", "", ("Fatima",))]
    note, _ = redact_note(_note("Fatima arrose.\n", "Chez Fatima"), people, final=False)
    assert note.body == f"{START}Fatima{END} arrose.\n" and note.title == "Chez Fatima"
    para = {"t": "Para", "c": [{"t": "Str", "c": f"{START}Karim"}, {"t": "Space"},
                               {"t": "Str", "c": f"Haddad{END},"}]}
    span = marked_span([{"t": "Str", "c": "Karim"}, {"t": "Space"}, {"t": "Str", "c": "Haddad"}])
    assert span["c"][0][1] == ["rc-personne"] and span["c"][1][0]["c"][0] == ["", ["mark"], []]
    assert mark_names_ast([para]) == [{"t": "Para", "c": [span, {"t": "Str", "c": ","}]}]


def _workspace(tmp_path):
    root = copy_workspace("petit", tmp_path)
    shutil.rmtree(root / "sources")
    path = write_note(root, "alpha/jardin-de-fatima.md", "", "")
    path.write_text(NOTE, encoding="utf-8")
    return root, path


class Built(NamedTuple):
    returncode: int
    stderr: str


def _build(capsys, root, *options) -> Built:
    """The real command, in this process (whose model the builds keep: tests/conftest.py)."""
    code, _, err = run(capsys, "build", *options, "--workspace", str(root))
    return Built(code, err)


def _texts(root):
    out = root / "build" / "vie-locale"
    out = out / "final" if (out / "final" / "vie-locale.html").is_file() else out
    html = _visible(out / "vie-locale.html")
    word = "\n".join(p.text for p in docx.Document(str(out / "vie-locale.docx")).paragraphs)
    pdf = "\n".join(page.extract_text() for page in PdfReader(str(out / "vie-locale.pdf")).pages)
    return {"html": html, "docx": word, "pdf": " ".join(pdf.split())}


def _visible(page) -> str:
    """The page's text as a reader sees it (names sit in spans of their own)."""
    return " ".join(lxml.html.parse(str(page)).getroot().text_content().split())


def test_the_final_edition_prints_no_resident_and_every_professional(tmp_path, capsys):
    root, path = _workspace(tmp_path)
    before = path.read_bytes()
    done = _build(capsys, root, "--final", "--format", "html,docx,pdf")
    assert done.returncode == 0, done.stderr
    for kind, text in _texts(root).items():
        for name in RESIDENTS:
            assert name not in text, (kind, name)
        for name in PROFESSIONALS:
            assert name in text, (kind, name)
        assert "F., 34 ans" in text and "M. K.H., habitant" in text, kind
    assert path.read_bytes() == before
    report = (root / "build" / "vie-locale" / "final" / "rapport.md").read_text(encoding="utf-8")
    source = "sources/alpha/jardin-de-fatima.md"
    for line, name, printed in ((2, "Fatima", "F."), (17, "Fatima", "F."),
                                (17, "Nadia", "N."), (18, "Karim Haddad", "K.H."),
                                (25, "Fatima", "F."), (25, "Nadia", "N.")):
        assert f"- {source}:{line} : « {name} » → « {printed} »" in report
    assert "Jean Dupont" not in report.split("## Noms d'habitant·es")[1]


def test_a_draft_shows_the_residents_marked(tmp_path, capsys):
    root, _ = _workspace(tmp_path)
    done = _build(capsys, root, "--format", "html,docx")
    assert done.returncode == 0, done.stderr
    assert "nom d'habitant·e possible : « Fatima » (34 ans)" in plain_spaces(done.stderr)
    out = root / "build" / "vie-locale"
    html = (out / "vie-locale.html").read_text(encoding="utf-8")
    assert '<span class="rc-personne"' in html and "<mark>Fatima</mark>" in html
    marked = " | ".join(m.text_content() for m in lxml.html.parse(str(out / "vie-locale.html"))
                        .getroot().iter("mark"))
    assert "Jean Dupont" in _visible(out / "vie-locale.html") and "Dupont" not in marked
    document = docx.Document(str(out / "vie-locale.docx"))
    highlighted = " | ".join(r.text for p in document.paragraphs for r in p.runs
                             if r.font.highlight_color is not None)
    assert all(name in highlighted for name in RESIDENTS), highlighted
    assert not any(name in highlighted for name in PROFESSIONALS), highlighted
    assert START not in html and END not in html
    report = (out / "rapport.md").read_text(encoding="utf-8")
    assert "- sources/alpha/jardin-de-fatima.md:17 : « Nadia »" in report
