"""A review round, end to end, with the real pandoc, python-docx and LibreOffice: a
draft built and commented on every note, recorded as sent (``envoi``), notes edited
(lines inserted above a commented passage, a commented paragraph deleted, a note
removed, one added), the draft rebuilt — then the old reviewer's file reviewed, the
changes file checked, and the final edition built apart."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline.outputs.docx.anchors import comparable
from tests.conftest import copy_workspace, line_of, run, write_note
from tests.review.reviewing import comment, csv_rows, with_long_note

SENT_DAY, NEXT_DAY = "1741046400", "1741132800"  # 4 and 5 March 2025
LONG = ("## Contexte\n\nUn premier paragraphe.[^1]\n\nLe passage commenté de la note longue.\n\n"
        "## Enseignements\n\nÉcouter d'abord.\n\n[^1]: Une source.\n")
TABLE_SENT = "\n| Lieu | Public |\n|---|---|\n| Salle des fêtes | 30 |\n"
TABLE_NEW = "\n| Année | Danseurs |\n|---|---|\n| 2023 | 40 |\n| 2024 | 55 |\n"
# the passage commented in each note of the draft (its first paragraph, but for long.md)
PASSAGES = {
    "sources/alpha/deux-contributions.md": "Le sport et le jardinage se complètent.",
    "sources/alpha/fete-des-voisins.md": "Une fête organisée chaque année au pied des tours.",
    "sources/alpha/jardin-maurepas.md": "Un potager partagé de douze parcelles.",
    "sources/alpha/long.md": "Le passage commenté de la note longue.",
    "sources/beta/ecole-ouverte.md": "L'école accueille les familles le samedi matin.",
    "sources/beta/sans-theme.md": "Un texte sans thème déclaré.",
}


@dataclass(frozen=True)
class Round:
    root: Path
    commented: Path  # the reviewer's file, made on the draft sent on 4 March
    sent: Path  # envois/vie-locale/2025-03-04/


def note_paragraphs(document) -> dict[str, object]:
    """Each passage's first paragraph in the draft (under its theme, before the
    cross-reading repeats the lessons)."""
    wanted = {comparable(text): path for path, text in PASSAGES.items()}
    found = {}
    for paragraph in document.paragraphs:
        path = wanted.get(comparable(paragraph.text))
        if path is not None and path not in found:
            found[path] = paragraph
    return found


@pytest.fixture(scope="module")
def review_round(tmp_path_factory: pytest.TempPathFactory) -> Round:
    root = copy_workspace("petit", tmp_path_factory.mktemp("round"))
    with_long_note(root, LONG)
    unthemed = root / "sources/beta/sans-theme.md"  # a note with a table, removed below
    unthemed.write_text(unthemed.read_text(encoding="utf-8") + TABLE_SENT, encoding="utf-8")
    from pipeline.cli.main import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SENT_DAY)
        assert main(["build", "--format", "docx", "--workspace", str(root)]) == 0
        assert main(["envoi", "--contribution", "vie-locale", "--workspace", str(root)]) == 0
        draft = root / "build/vie-locale/vie-locale.docx"
        document = docx.Document(str(draft))
        paragraphs = note_paragraphs(document)
        assert set(paragraphs) == set(PASSAGES)  # every note of the draft is commented
        for path, paragraph in paragraphs.items():
            comment(document, paragraph, f"Remarque sur {path}", "Relectrice A")
        commented = tmp_path_factory.mktemp("relecture") / "relectrice-a.docx"
        document.save(str(commented))
        # the centres revise their notes
        long = root / "sources/alpha/long.md"
        long.write_text(long.read_text(encoding="utf-8").replace(
            "Le passage commenté", "Trois lignes\najoutées au-dessus.\n\nLe passage commenté"
        ).replace("Une source.", "Une source révisée."), encoding="utf-8")
        garden = root / "sources/alpha/jardin-maurepas.md"
        garden.write_text(garden.read_text(encoding="utf-8").replace(
            "Un potager partagé de douze parcelles.\n\n", ""), encoding="utf-8")
        (root / "sources/beta/sans-theme.md").unlink()
        write_note(root, "beta/nouvelle.md", "titre: Une note nouvelle\ncrpv: beta\n"
                   "auteurs: [C D]\ncontribution: vie-locale\nthemes: [fetes]\n"
                   "date: 2024-09-01\nstatut: valide", "## Contexte\n\nUn bal populaire.\n"
                   + TABLE_NEW)
        patch.setenv("SOURCE_DATE_EPOCH", NEXT_DAY)
        assert main(["build", "--format", "docx", "--workspace", str(root)]) == 0
    return Round(root, commented, root / "envois/vie-locale/2025-03-04")


def test_envoi_records_the_draft_as_sent(review_round):
    sent = review_round.sent
    manifest = json.loads((sent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["date"] == "2025-03-04" and manifest["contribution"] == "vie-locale"
    notes = {n["chemin"]: n["statut"] for n in manifest["notes"]}
    assert notes["sources/alpha/long.md"] == "valide"
    assert set(notes) == set(PASSAGES)
    assert (sent / "notes/alpha/long.md").read_text(encoding="utf-8").endswith(LONG)
    assert docx.Document(str(sent / "vie-locale.docx")).core_properties.title
    anchors = json.loads((sent / "vie-locale.ancres.json").read_text(encoding="utf-8"))
    assert anchors["build"] == manifest["build"]


def test_sending_again_the_same_draft_or_a_new_one(review_round, tmp_path, capsys,
                                                    monkeypatch):
    root = shutil.copytree(review_round.root, tmp_path / "copie")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEXT_DAY)
    code, _, err = run(capsys, "envoi", "--workspace", str(root))
    assert code == 0, err
    assert "enregistré comme envoyé le 5 mars 2025 : envois/vie-locale/2025-03-05/" in err
    assert "envois/autre/2025-03-05/" in err  # never sent before: all contributions by default
    code, _, err = run(capsys, "envoi", "--workspace", str(root))
    assert code == 0, err
    assert "déjà enregistré comme envoyé (envois/vie-locale/2025-03-05/)" in err
    assert sorted(p.name for p in (root / "envois/vie-locale").iterdir()) == \
        ["2025-03-04", "2025-03-05"]
    (root / "sources/alpha/long.md").write_text("---\ntitre: changée\n---\n", encoding="utf-8")
    code, _, err = run(capsys, "envoi", "--contribution", "vie-locale", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/long.md: note modifiée (ou supprimée) depuis la construction" in err


def test_the_old_file_is_reviewed_against_the_draft_it_was_made_on(review_round, capsys):
    root = review_round.root
    code, _, err = run(capsys, "review", str(review_round.commented), "--workspace", str(root))
    assert code == 0, err
    assert "fait sur le brouillon envoyé le 4 mars 2025" in err
    rows = {r["remarque"]: r for r in csv_rows(root / "build/vie-locale/revue.csv")}
    assert set(rows) == {f"Remarque sur {path}" for path in PASSAGES}  # nothing dropped
    for path, row in ((p, rows[f"Remarque sur {p}"]) for p in PASSAGES):
        assert row["note"] == path, row
    unchanged = ["sources/alpha/deux-contributions.md", "sources/alpha/fete-des-voisins.md",
                 "sources/beta/ecole-ouverte.md"]
    for path in unchanged:
        row = rows[f"Remarque sur {path}"]
        assert int(row["ligne"]) == line_of(root, path, PASSAGES[path][:20]), row
        assert row["ligne"] == row["ligne envoyée"] and row["placement"] == ""
    moved = rows["Remarque sur sources/alpha/long.md"]
    assert int(moved["ligne"]) == line_of(root, "sources/alpha/long.md", "Le passage commenté")
    assert int(moved["ligne"]) == int(moved["ligne envoyée"]) + 3
    deleted = rows["Remarque sur sources/alpha/jardin-maurepas.md"]
    assert deleted["ligne"] == ""
    assert deleted["placement"] == "passage supprimé depuis l'envoi (ligne 14 du texte envoyé)"
    removed = rows["Remarque sur sources/beta/sans-theme.md"]
    assert removed["placement"] == "note supprimée depuis l'envoi"
    page = unescape((root / "build/vie-locale/revue.html").read_text(encoding="utf-8"))
    # the page for people: French apostrophes (the CSV keeps the text as typed)
    assert "passage supprimé depuis l’envoi (ligne 14 du texte envoyé)" in page
    # one page per centre, with its own notes only
    alpha = (root / "build/vie-locale/revue/alpha.html").read_text(encoding="utf-8")
    beta = (root / "build/vie-locale/revue/beta.html").read_text(encoding="utf-8")
    assert "sources/alpha/long.md" in alpha and "sources/beta/" not in alpha
    assert "sources/beta/ecole-ouverte.md" in beta and "sources/alpha/" not in beta


def changes_by_bookmark(path: Path) -> dict[str, set[str]]:
    """Tracked changes (w:ins, w:del) by the note bookmark they fall in ("" outside)."""
    found: dict[str, set[str]] = {}
    open_names: dict[str, str] = {}
    for element in docx.Document(str(path)).element.body.iter():
        if element.tag == qn("w:bookmarkStart"):
            open_names[element.get(qn("w:id"))] = element.get(qn("w:name"))
        elif element.tag == qn("w:bookmarkEnd"):
            open_names.pop(element.get(qn("w:id")), None)
        elif element.tag in (qn("w:ins"), qn("w:del")):
            ours = [n for n in open_names.values() if n.startswith(("rc_", "rx_"))]
            kind = "ins" if element.tag == qn("w:ins") else "del"
            found.setdefault(ours[-1] if ours else "", set()).add(kind)
            assert element.get(qn("w:author")) == "Regards croisés"
            assert element.get(qn("w:date")) == "2025-03-05T00:00:00Z"
    return found


def test_the_changes_file_shows_what_changed_since_the_envoi(review_round, tmp_path):
    root = review_round.root
    changes = root / "build/vie-locale/vie-locale-changements.docx"
    anchors = json.loads((root / "build/vie-locale/vie-locale.ancres.json").read_text("utf-8"))
    name = {a["path"]: a["name"] for a in anchors["ancres"] if a["level"] == 2}
    found = changes_by_bookmark(changes)
    assert found == {
        name["sources/alpha/long.md"]: {"ins"},  # lines inserted
        name["sources/alpha/jardin-maurepas.md"]: {"del"},  # a paragraph deleted
        name["sources/beta/nouvelle.md"]: {"ins"},  # a new note, inserted whole
        # a paragraph cannot be joined to a table: the mark of the last paragraph before
        # the note removed (added) with its table is deleted (inserted)
        name["sources/beta/ecole-ouverte.md"]: {"del"},
        name["sources/alpha/fete-des-voisins.md"]: {"ins"},
        # outside the notes: the removed note, deleted whole (it has no bookmark any
        # more) with its chapter, the annex's list of authors, the table of contents
        "": {"del", "ins"},
    }
    # word by word: the inserted words only, not the whole paragraph
    body = docx.Document(str(changes)).element.body
    inserted = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    assert "Trois lignes ajoutées au-dessus." in " ".join(inserted)
    assert not any("Le passage commenté" in text for text in inserted)
    deleted = " ".join("".join(t.text for t in e.iter(qn("w:delText")))
                       for e in body.iter(qn("w:del")))
    assert "Un potager partagé de douze parcelles." in deleted
    assert "Un texte sans thème déclaré." in deleted
    report = (root / "build/vie-locale/rapport.md").read_text(encoding="utf-8")
    assert "## Changements depuis l'envoi du 4\u00a0mars 2025" in report
    assert "- Notes modifiées : sources/alpha/jardin-maurepas.md, sources/alpha/long.md" in report
    assert "- Notes ajoutées : sources/beta/nouvelle.md" in report
    assert "- Notes retirées : sources/beta/sans-theme.md" in report
    out = tmp_path / "pdf"
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(out),
                           str(changes)], capture_output=True, text=True, timeout=300,
                          check=False)
    pdf = out / "vie-locale-changements.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000, done.stdout + done.stderr


def test_the_final_edition_is_built_apart(review_round, tmp_path, capsys, monkeypatch):
    root = shutil.copytree(review_round.root, tmp_path / "copie")
    draft = root / "build/vie-locale"
    before = {p.name: p.read_bytes() for p in draft.iterdir() if p.is_file()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEXT_DAY)
    code, out, err = run(capsys, "build", "--final", "--format", "docx,html", "--workspace",
                         str(root))
    assert code == 0, err
    assert "écrit : build/vie-locale/final/vie-locale.docx" in out
    assert {p.name: p.read_bytes() for p in draft.iterdir() if p.is_file()} == before
    final = draft / "final"
    assert {p.name for p in final.iterdir()} >= {"vie-locale.docx", "vie-locale.html",
                                                  "rapport.md"}
    assert "version finale" in (final / "rapport.md").read_text(encoding="utf-8")
    assert not (final / "vie-locale-changements.docx").exists()
    # a build of one format afterwards: the draft's folder holds drafts only
    code, out, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 0, err
    assert "écrit : build/vie-locale/vie-locale.html" in out
    assert "PROJET" in (draft / "vie-locale.html").read_text(encoding="utf-8")
    assert "PROJET" not in (final / "vie-locale.html").read_text(encoding="utf-8")
    state = json.loads((root / "build/_etat.json").read_text(encoding="utf-8"))
    assert {"vie-locale", "vie-locale/final"} <= set(state["contributions"])
    code, out, _ = run(capsys, "build", "--final", "--format", "docx,html", "--workspace",
                       str(root))
    assert code == 0 and "écrit" not in out  # the final edition is still known, up to date


def _compared(paragraphs: list[str]) -> list[str]:
    """The body's paragraphs, the table of contents' entries without their page numbers
    (the changes file is not laid out again to number its pages)."""
    return [re.sub(r"\t\d*$", "", p) for p in paragraphs]


def test_accept_all_gives_the_new_draft_and_reject_all_the_one_sent(review_round, office):
    """In LibreOffice: every change accepted, the file reads as the draft just built;
    every change rejected, as the draft sent — paragraphs added, removed (a whole note
    with its table, a chapter), a new note's table, the annexes' lines, the table of
    contents' entries, the cover's date."""
    build = review_round.root / "build/vie-locale"
    changes = build / "vie-locale-changements.docx"
    new = _compared(office.paragraphs(build / "vie-locale.docx"))
    old = _compared(office.paragraphs(review_round.sent / "vie-locale.docx"))
    assert new != old
    assert "Danseurs" in new and "Danseurs" not in old and "Public" in old
    notes = [[p for p in texts if p.startswith("[note]")] for texts in (new, old)]
    assert "Une source révisée." in notes[0][0] and notes[1][0].endswith("Une source.")
    assert _compared(office.paragraphs(changes, "accept")) == new
    assert _compared(office.paragraphs(changes, "reject")) == old


def test_each_revision_of_the_changes_file_has_an_id_of_its_own(review_round):
    """Word reads ids of revisions, bookmarks and comments in one space: none is shared."""
    changes = review_round.root / "build/vie-locale/vie-locale-changements.docx"
    body = docx.Document(str(changes)).element.body
    revisions = [e.get(qn("w:id")) for e in body.iter(qn("w:ins"), qn("w:del"))]
    with zipfile.ZipFile(changes) as archive:  # the footnote changed: in the same space
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    in_notes = [e.get(qn("w:id")) for e in notes.iter(qn("w:ins"), qn("w:del"))]
    assert len(in_notes) >= 1  # « Une source. » → « Une source révisée. »
    revisions += in_notes
    bookmarks = {e.get(qn("w:id")) for e in body.iter(qn("w:bookmarkStart"))}
    assert len(revisions) > 10 and len(set(revisions)) == len(revisions)
    assert not set(revisions) & bookmarks
    marks = [p for p in body.iter(qn("w:p"))
             if p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None]
    assert any("".join(t.text for t in p.iter(qn("w:delText"))) == "Une note sans thème"
               for p in marks)  # the removed note's heading: its mark deleted too
    rows = [r for r in body.iter(qn("w:tr"))
            if r.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None]
    assert len(rows) == 2  # the removed note's table: its rows deleted
