"""Every reviewer's file read or named: the draft's remarks found in a LibreOffice text
(.odt, made here by LibreOffice itself from a commented draft), in a Word « Strict Open
XML » file (made here by renaming a commented draft's namespaces to Strict ones, as
Word's « Strict » save does), and files refused with their real reason: a
password-protected DOCX (encrypted here by msoffcrypto-tool, as Word does: an OLE
compound file with EncryptionInfo), an old Word 97-2003 .doc (saved by LibreOffice), a
.docm. Real LibreOffice texts from pandoc's test suite are read without a remark."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from pipeline.review.formats import STRICT
from tests.conftest import REPOSITORY, copy_workspace, run
from tests.review.reviewing import csv_rows, with_long_note
from tests.review.test_review_draft import EXPECTED, LONG, attributions, reviewed

REALWORLD_ODT = REPOSITORY.parent / "shared" / "realworld" / "odt"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace("petit", tmp_path_factory.mktemp("formats"))
    with_long_note(root, LONG)
    from pipeline.cli.main import main

    assert main(["build", "--format", "docx", "--workspace", str(root)]) == 0
    return root / "build/vie-locale/vie-locale.docx"


def libreoffice(source: Path, target_format: str, out: Path) -> Path:
    profile = (out / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", target_format, "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=300, check=False)
    made = out / f"{source.stem}.{target_format.split(':')[0]}"
    assert made.is_file(), done.stdout + done.stderr  # soffice exits 0 even when it fails
    return made


def strict(source: Path, target: Path) -> Path:
    """``source`` with Strict Open XML names (the reverse of the reader's mapping)."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for info in package.infolist():
            blob = package.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for strict_name, transitional in reversed(STRICT):
                    blob = blob.replace(transitional.encode(), strict_name.encode())
            out.writestr(info, blob)
    return target


def placed(capsys, workspace: Path, *files: Path) -> dict:
    code, _, err = run(capsys, "review", *map(str, files), "--workspace", str(workspace))
    assert code == 0, err
    return attributions(csv_rows(workspace / "build/vie-locale/revue.csv"))


def test_a_libreoffice_text_is_read_like_a_word_file(draft, tmp_path, capsys):
    odt = libreoffice(reviewed(draft, tmp_path / "relecture.docx"), "odt", tmp_path)
    with zipfile.ZipFile(odt) as package:
        content = package.read("content.xml")
    assert b"<office:annotation" in content and b"<text:tracked-changes" in content
    found = placed(capsys, draft.parents[2], odt)
    # LibreOffice keeps the reply as a comment of its own on the same text
    expected = {**EXPECTED, "Douze, comme écrit.": EXPECTED["Combien de parcelles exactement ?"]}
    assert {k: v[:2] for k, v in found.items()} == {k: v[:2] for k, v in expected.items()}
    assert {v[2].split(" ")[0] for v in found.values()} == {"commentaire", "insertion",
                                                          "suppression"}


def test_a_strict_open_xml_file_is_read(draft, tmp_path, capsys):
    source = strict(reviewed(draft, tmp_path / "relecture.docx"), tmp_path / "strict.docx")
    with zipfile.ZipFile(source) as package:
        assert b"http://purl.oclc.org/ooxml/wordprocessingml/main" in \
            package.read("word/document.xml")
        assert b"schemas.openxmlformats.org/wordprocessingml" not in \
            package.read("word/document.xml")
    assert placed(capsys, draft.parents[2], source) == EXPECTED


def test_refused_files_are_named_with_their_real_reason(draft, tmp_path, capsys):
    root = draft.parents[2]
    folder = root / "reviews/vie-locale"
    folder.mkdir(parents=True, exist_ok=True)
    reviewed(draft, folder / "a-relecture.docx")
    encrypted = folder / "protege.docx"
    with (folder / "a-relecture.docx").open("rb") as plain, encrypted.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    old = libreoffice(draft, "doc", tmp_path)
    shutil.copy(old, folder / "ancien.doc")
    shutil.copy(draft, folder / "macros.docm")
    (folder / "notes.txt").write_text("à relire", encoding="utf-8")
    code, out, err = run(capsys, "review", "--workspace", str(root))
    assert code == 1
    assert "reviews/vie-locale/protege.docx: document protégé par un mot de passe" in err
    assert "reviews/vie-locale/ancien.doc: ancien format Word 97-2003 (.doc), non lu" in err
    assert "reviews/vie-locale/macros.docm: document Word avec macros (.docm)" in err
    assert "reviews/vie-locale/notes.txt: format .txt non lu" in err
    assert "endommagé" not in err
    assert attributions(csv_rows(root / "build/vie-locale/revue.csv")) == EXPECTED
    shutil.rmtree(folder)


@pytest.mark.skipif(not REALWORLD_ODT.is_dir(), reason="no real-world ODT files beside the repo")
def test_real_libreoffice_texts_are_read(draft, capsys):
    files = sorted(REALWORLD_ODT.glob("*.odt"))
    code, _, err = run(capsys, "review", *map(str, files), "--contribution", "vie-locale",
                       "--workspace", str(draft.parents[2]))
    assert code == 0, err  # an unknown draft is a warning
    assert "Traceback" not in err and "illisible" not in err
    assert err.count("brouillon inconnu") == len(files)


def test_odt_text_spaces_and_comments_without_range(tmp_path):
    """A hand-written ODT: ``text:s`` spaces, a point comment with a reply."""
    from pipeline.office.package import open_package
    from pipeline.review.odf import read_odt

    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:loext="urn:org:'
        'documentfoundation:names:experimental:office:xmlns:loext:1.0"><office:body>'
        '<office:text><text:h text:outline-level="1">Titre</text:h><text:p>Deux<text:s '
        'text:c="2"/>espaces<office:annotation office:name="a1"><dc:creator>A</dc:creator>'
        '<dc:date>2025-03-04T10:00:00</dc:date><text:p>Pourquoi ?</text:p>'
        '</office:annotation>.<office:annotation loext:parent-name="a1"><dc:creator>B'
        '</dc:creator><text:p>Parce que.</text:p></office:annotation></text:p>'
        '</office:text></office:body></office:document-content>')
    path = tmp_path / "main.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    walk, comments, _ = read_odt(open_package(path, "odt"))
    assert [p.text for p in walk.paragraphs] == ["Titre", "Deux espaces."]
    assert walk.paragraphs[0].level == 1
    assert [(c.author, c.text, c.parent) for c in comments] == [
        ("A", "Pourquoi ?", None), ("B", "Parce que.", "a1")]
    assert walk.comment_starts["a1"].paragraph == 1
