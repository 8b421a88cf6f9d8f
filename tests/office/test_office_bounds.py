"""Issue 13, point 5: Word and LibreOffice notes bounded before pandoc reads them,
pandoc's errors in one French line, encrypted documents named as such, linked images
warned, document properties used as fields only with a message saying so; real files
from other projects' test suites read without a word of English."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.office.fill import filled_template
from tests.conftest import REPOSITORY, plain_spaces, run

TEMPLATE = REPOSITORY / "templates/note-modele.docx"
REALWORLD = Path("/work/shared/realworld")
GOOD = {"titre": "Un atelier vidéo", "crpv": "alpha", "contribution": "vie-locale",
        "date": "14/02/2024", "statut": "a-relire"}


def _rewrite(source: bytes, target: Path, edit=None, extra=None) -> None:
    """``source`` (a zip) written again as ``target``, parts changed by ``edit``."""
    with zipfile.ZipFile(io.BytesIO(source)) as old, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in old.namelist():
            data = old.read(name)
            out.writestr(name, edit(name, data) if edit else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)


def _filled() -> bytes:
    return filled_template(TEMPLATE, GOOD)


def _message(err: str, name: str) -> str:
    return next(line for line in err.splitlines() if line.startswith(f"sources/alpha/{name}"))


def _long_body(paragraphs: int, words: int) -> bytes:
    """A document.xml of ``paragraphs`` paragraphs of random words (it does not
    compress like a zip bomb)."""
    rng = random.Random(13)
    vocabulary = ["quartier", "habitants", "atelier", "médiathèque", "jardin", "école",
                  "association", "centre", "social", "culture", "fête", "projet"]
    body = "".join(
        "<w:p><w:r><w:t>" + " ".join(rng.choice(vocabulary) + str(rng.randrange(10_000))
                                     for _ in range(words)) + "</w:t></w:r></w:p>"
        for _ in range(paragraphs))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            f'main"><w:body>{body}</w:body></w:document>').encode()


def test_a_note_of_12_mb_of_xml_is_refused_quickly_and_in_little_memory(tmp_path, workspace):
    root = workspace("petit")
    path = root / "sources/alpha/enorme.docx"
    xml = _long_body(2_500, 410)
    assert 12_400_000 < len(xml) < 13_000_000
    _rewrite(_filled(), path, lambda n, d: xml if n == "word/document.xml" else d)
    probe = ("import resource, sys, time, json\n"
             "from pathlib import Path\n"
             "from pipeline.diagnostics import Report\n"
             "from pipeline.office.reader import read_office_note\n"
             "from pipeline.workspace import Workspace\n"
             "root = Path(sys.argv[1]); report = Report()\n"
             "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
             "start = time.process_time()\n"
             "path = root / 'sources/alpha/enorme.docx'\n"
             "note = read_office_note(path, Workspace(root), report)\n"
             "seconds = time.process_time() - start\n"
             "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
             "children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
             "print(json.dumps({'note': note is None, 'seconds': seconds, 'mb': (after - before)"
             " / 1024, 'children': children, 'lines': report.lines()}))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(root)], capture_output=True,
                          text=True, cwd=REPOSITORY, check=True)
    result = json.loads(done.stdout)
    assert result["note"] and result["children"] == 0  # pandoc never ran
    assert result["seconds"] < 0.5, result
    assert result["mb"] < 40, result
    size = f"{len(xml) / 1e6:.1f}".replace(".", ",")
    assert plain_spaces(result["lines"][0]) == (
        f"sources/alpha/enorme.docx: document trop long pour une note ({size} Mo de texte et de "
        "mise en forme ; au plus 5 Mo) : découpez-le en plusieurs notes ou retirez-en ce qui "
        "n'est pas la note [note.fichier]")


def test_a_note_of_too_many_paragraphs_is_refused_before_pandoc(workspace, capsys):
    root = workspace("petit")
    xml = _long_body(6_000, 3)
    assert len(xml) < 5_000_000
    _rewrite(_filled(), root / "sources/alpha/long.docx",
             lambda n, d: xml if n == "word/document.xml" else d)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert plain_spaces(_message(err, "long.docx")) == (
        "sources/alpha/long.docx: document trop long pour une note (6 000 paragraphes ; au "
        "plus 1 000) : découpez-le en plusieurs notes, une par pratique observée, ou retirez-en "
        "ce qui n'est pas la note (annexes, tableaux de données) [note.fichier]")


def test_an_encrypted_word_document_is_named_as_such(workspace, capsys):
    root = workspace("petit")
    # what Word writes for a password-protected .docx: an OLE container with these streams
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + \
        "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 + \
        "EncryptedPackage".encode("utf-16-le") + b"\0" * 2048
    (root / "sources/alpha/secret.docx").write_bytes(ole)
    (root / "sources/alpha/ancien.docx").write_bytes(ole[:512] + b"WordDocument" * 20)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/secret.docx: document protégé par un mot de passe : il ne peut pas " \
        "être lu ; enregistrez-en une copie sans mot de passe" in err
    assert "sources/alpha/ancien.docx: ancien format Word (.doc) sous une autre extension" in err


def test_an_encrypted_libreoffice_document_is_named_as_such(workspace, capsys):
    root = workspace("petit")
    source = filled_template(REPOSITORY / "templates/note-modele.odt", GOOD)
    manifest = (b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                b'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum='
                b'"x"/></manifest:file-entry></manifest:manifest>')
    _rewrite(source, root / "sources/alpha/secret.odt",
             lambda n, d: manifest if n == "META-INF/manifest.xml" else d)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/secret.odt: document protégé par un mot de passe" in err


def test_a_linked_picture_is_warned(workspace, capsys):
    root = workspace("petit")
    rel = (b'<Relationship Id="rIdLien" Type="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/relationships/image" Target="file:///C:/Photos/fete.jpg" '
           b'TargetMode="External"/></Relationships>')

    def edit(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", rel)
        return data

    _rewrite(_filled(), root / "sources/alpha/liee.docx", edit)
    _, _, err = run(capsys, "check", "--workspace", str(root))
    assert ("sources/alpha/liee.docx: attention : image liée « file:///C:/Photos/fete.jpg » et "
            "non insérée : elle n'apparaîtra pas ; insérez l'image elle-même dans le document "
            "(Insertion › Image, sans « Lier au fichier ») [note.image]") in err


def test_pandoc_errors_are_one_french_line(workspace, capsys):
    root = workspace("petit")
    broken = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p></w:body>'
    _rewrite(_filled(), root / "sources/alpha/xml.docx",
             lambda n, d: broken if n == "word/document.xml" else d)
    entity = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY nasty "x">]><w:document/>'
    _rewrite(_filled(), root / "sources/alpha/entite.docx",
             lambda n, d: entity if n == "word/document.xml" else d)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    for name in ("xml.docx", "entite.docx"):
        line = _message(err, name)
        assert "enregistrez-le de nouveau depuis Word ou LibreOffice" in line
        assert not re.search(r"HasCallStack|DocxError|Exception|fromList|couldn't", line)


def test_document_properties_used_as_fields_are_said_so(workspace, capsys):
    root = workspace("petit")
    document = docx.Document()
    document.core_properties.title = "Un atelier d'écriture"
    document.core_properties.author = "Léa Roux"
    document.core_properties.keywords = "Test word"
    document.add_paragraph("Un atelier chaque mardi.")
    path = root / "sources/alpha/proprietes.docx"
    document.save(str(path))
    props = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{k}">'
        f'<vt:lpwstr>{v}</vt:lpwstr></property>' for i, (k, v) in enumerate(
            {"crpv": "alpha", "contribution": "vie-locale", "date": "2024-03-01",
             "statut": "brouillon"}.items()))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://'
              'schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http'
              '://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              f'{props}</Properties>').encode()

    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" '
                                b'ContentType="application/vnd.openxmlformats-officedocument.'
                                b'custom-properties+xml"/></Types>')
        if name == "_rels/.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdC" Type="http://'
                                b'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                b'custom-properties" Target="docProps/custom.xml"/>'
                                b'</Relationships>')
        return data

    data = path.read_bytes()
    _rewrite(data, path, edit, {"docProps/custom.xml": custom})
    _, _, err = run(capsys, "check", "--workspace", str(root))
    lines = [line for line in err.splitlines() if line.startswith("sources/alpha/proprietes")
             and "[note.proprietes]" in line]
    assert lines == [
        "sources/alpha/proprietes.docx: info : mots-clés du document « Test word » ignorés : ce "
        "ne sont pas des identifiants de thèmes (exemple : acces-culture) [note.proprietes]",
        "sources/alpha/proprietes.docx: info : pas de tableau d'informations : champs lus dans "
        "les propriétés du document (Fichier › Propriétés) : « Titre », « Auteurs », « CRPV », "
        "« Contribution », « Date », « Statut » [note.proprietes]"]


def test_a_date_that_does_not_exist_is_reported_as_typed(workspace, capsys):
    root = workspace("petit")
    (root / "sources/alpha/date.docx").write_bytes(
        filled_template(TEMPLATE, {**GOOD, "date": "31/02/2024"}))
    _, _, err = run(capsys, "check", "--workspace", str(root))
    line = next(line for line in err.splitlines() if "[champ.date]" in line)
    assert "date « 31/02/2024 » invalide : ce jour n'existe pas (attendu JJ/MM/AAAA" in line
    assert "2024-02-31" not in err
    assert re.match(r"sources/alpha/date\.docx: ligne \d+ du tableau : date", line)


ENGLISH = re.compile(r"\b(the|is|not|error|invalid|could|found|expected|file|unable|"
                     r"failed|Traceback|Exception|backtrace)\b", re.I)


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="the shared real-world files are absent")
def test_real_files_from_other_projects_get_french_messages_that_name_them(workspace, capsys):
    root = workspace("petit")
    names = []
    for path in sorted([*REALWORLD.glob("docx/*.docx"), *REALWORLD.glob("odt/*.odt")]):
        target = root / "sources/alpha/monde" / f"{path.parent.name}-{path.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())  # read at test time, never kept in the repo
        names.append(f"sources/alpha/monde/{target.name}")
    assert len(names) >= 10
    code, out, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("sources/alpha/monde/")]
    for name in names:
        assert any(line.startswith(name + ":") for line in lines), name
    for line in lines:
        message = line.split(": ", 1)[1]
        assert not ENGLISH.search(message), line
    assert "Traceback" not in out + err
