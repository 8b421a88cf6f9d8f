"""Messages speak French, always (issue 20, point 7): a workspace's template that uses
an unknown variable, or is not valid jinja2, is reported at its own file and line; a
damaged Word note is described by what is wrong with it. No class name, no English
text from a library, no tool's name in what a user reads. Real jinja2, pandoc, builds."""

from __future__ import annotations

import io
import re
import zipfile

import jinja2

from pipeline.failures import describe, explain
from pipeline.office.fill import filled_template
from pipeline.office.reader import pandoc_reason
from tests.conftest import REPOSITORY, plain_spaces, run, write_template

FORBIDDEN = re.compile(r"Error|Exception|Traceback|undefined|pandoc|jinja", re.IGNORECASE)
GOOD = {"titre": "Un atelier vidéo", "crpv": "alpha", "contribution": "vie-locale",
        "date": "14/02/2024", "statut": "a-relire"}


def _own(root, name: str, old: str, new: str) -> None:
    """A workspace's own copy of the charter's template ``name``, ``old`` made ``new``."""
    text = (REPOSITORY / "templates" / name).read_text(encoding="utf-8")
    assert old in text
    write_template(root, name, text.replace(old, new, 1))


def _line(root, name: str, needle: str) -> int:
    text = (root / "templates" / name).read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _said(out: str, err: str) -> str:
    shown = plain_spaces(out + err)
    assert not FORBIDDEN.search(shown), FORBIDDEN.search(shown)
    return shown


def test_an_unknown_variable_in_a_workspace_template_is_said_at_its_line(workspace, capsys):
    root = workspace("petit")
    _own(root, "publication.html.j2", "{{ charter.network_name }}", "{{ charte.nom }}")
    _own(root, "document.md.j2", "{{ contribution.year }}", "{{ contribution.annee }}")
    code, out, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 2  # a template is configuration: the command could not run
    shown = _said(out, err)
    line = _line(root, "document.md.j2", "contribution.annee")
    assert (f"templates/document.md.j2:{line}: le modèle utilise le champ « annee », qui "
            "n'existe pas ici [modele.erreur]") in shown
    (root / "templates/document.md.j2").unlink()
    code, out, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    shown = _said(out, err)
    line = _line(root, "publication.html.j2", "charte.nom")
    assert (f"templates/publication.html.j2:{line}: le modèle utilise « charte », qui n'existe "
            "pas (faute de frappe ? comparez avec le même modèle dans la charte du réseau) "
            "[modele.erreur]") in shown
    assert shown.count("[modele.erreur]") == 1  # two contributions, one template: once
    assert code == 2


def test_a_template_that_is_not_valid_is_said_at_its_line(workspace, capsys):
    root = workspace("petit")
    _own(root, "publication.html.j2", "<main", "{% if %}\n<main")
    code, out, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    shown = _said(out, err)
    line = _line(root, "publication.html.j2", "{% if %}")
    assert (f"templates/publication.html.j2:{line}: syntaxe du modèle incorrecte : "
            "« {% if %} »") in shown
    assert code == 2


def test_any_other_failure_is_french_without_its_class_name():
    assert describe(jinja2.TemplateNotFound("absent.html.j2")).startswith(
        "modèle introuvable : « absent.html.j2 »")
    assert describe(FileNotFoundError(2, "No such file or directory", "x.md")) == \
        "fichier ou dossier introuvable : x.md"
    said = describe(KeyError("titre"))
    assert said.startswith("erreur inattendue du programme") and not FORBIDDEN.search(said)
    assert explain(MemoryError()).message == "mémoire insuffisante"


def _damaged(data: bytes, part: str, cut: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = old.read(info.filename)
            new.writestr(info, content[:cut] if info.filename == part else content)
    return out.getvalue()


def test_a_damaged_word_note_is_described_by_what_is_wrong(workspace, capsys):
    root = workspace("petit")
    good = filled_template(REPOSITORY / "templates/note-modele.docx", GOOD)
    (root / "sources/alpha/tronquee.docx").write_bytes(
        _damaged(good, "word/document.xml", 3000))
    (root / "sources/alpha/coupee.docx").write_bytes(good[:len(good) // 2])
    code, out, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    shown = _said(out, err)
    assert ("sources/alpha/tronquee.docx: le texte du document est tronqué (il s'arrête avant "
            "sa fin), à la ligne") in shown
    assert "sources/alpha/coupee.docx: fichier endommagé ou incomplet" in shown
    for said in ("couldn't parse docx file", "DocxError: HasCallStack backtrace", "anything"):
        assert not FORBIDDEN.search(pandoc_reason(said))
