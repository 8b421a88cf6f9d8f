"""Office files are bounded before anything is parsed: zip bombs, odd member names;
and a Word note's pending tracked changes are never accepted in silence."""

import zipfile

from tests.conftest import REPOSITORY, run

TEMPLATE = REPOSITORY / "templates/note-modele.docx"


def _copy_template(target, extra=None, edit=None):
    with zipfile.ZipFile(TEMPLATE) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, edit(name, data) if edit else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)


def _message(err, name):
    return next(line for line in err.splitlines() if line.startswith(f"sources/alpha/{name}"))


def test_a_zip_bomb_is_refused_before_parsing(workspace, capsys):
    root = workspace("petit")
    _copy_template(root / "sources/alpha/bombe.docx",
                   extra={"word/media/vide.bin": b"\0" * 80_000_000})
    assert (root / "sources/alpha/bombe.docx").stat().st_size < 1_000_000
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "document trop volumineux une fois décompressé" in _message(err, "bombe.docx")


def test_member_names_leaving_the_package_are_refused(workspace, capsys):
    root = workspace("petit")
    _copy_template(root / "sources/alpha/noms.docx", extra={"../../evasion.xml": b"<x/>"})
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "fichier endommagé ou incomplet" in _message(err, "noms.docx")
    assert not (root.parent / "evasion.xml").exists()


def test_pending_tracked_changes_in_a_word_note_are_reported(workspace, capsys):
    root = workspace("petit")

    def tracked(name, data):
        if name != "word/document.xml":
            return data
        change = (b'<w:p><w:ins w:id="90" w:author="Relecteur" w:date="2024-01-01T00:00:00Z">'
                  b"<w:r><w:t>Ajout</w:t></w:r></w:ins></w:p>")
        return data.replace(b"<w:sectPr", change + b"<w:sectPr", 1)

    _copy_template(root / "sources/alpha/suivi.docx", edit=tracked)
    _, _, err = run(capsys, "check", "--workspace", str(root))
    assert _message(err, "suivi.docx").startswith(
        "sources/alpha/suivi.docx: attention : 1 modification(s) suivie(s) en attente : la "
        "construction les prend comme acceptées")
