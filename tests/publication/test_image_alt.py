"""Images published accessibly (issue 20, point 3): an image without an alternative text
is a warning at its line; a Word or LibreOffice note's own description of a picture is
its alternative text; an embedded object or chart is said once; axe-core finds no
``image-alt`` violation in the HTML of notes with images with and without one. Real
pandoc, python-docx, LibreOffice (for the .odt) and Chromium."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from PIL import Image

from pipeline.cli.main import main
from pipeline.diagnostics import Report
from pipeline.office.reader import read_office_note
from pipeline.pandoc import run_pandoc
from pipeline.pandoc_ast import plain_text, rewrite
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, plain_spaces, run, write_note
from tests.office.test_office_notes import GOOD, office_note
from tests.publication import test_axe

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"')
browser = test_axe.browser  # the module's Chromium, shared as a fixture
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
FRONT = ("titre: Un jardin en images\ncrpv: alpha\nauteurs: [Jeanne Leroy]\n"
         "contribution: vie-locale\nthemes: [jardins]\ndate: 2024-04-10\nstatut: a-relire\n")
BODY = ("## Contexte\n\nUn potager partagé.\n\n![](photo.png)\n\n"
        "![Des enfants plantent des tomates](photo.png)\n\n## Enseignements\n\nDes liens.\n")


def _png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (90, 45), "teal").save(data, format="PNG")
    return data.getvalue()


def _word_with_pictures(root: Path) -> Path:
    """A Word note with three pictures: a description, a title only, nothing."""
    path = office_note(root, "photos.docx", {**GOOD, "themes": "jardins"})
    document = docx.Document(str(path))
    for descr, title in (("Des enfants plantent des tomates", None),
                         (None, "Le jardin en été"), (None, None)):
        document.add_paragraph("Une photo :")
        document.add_picture(io.BytesIO(_png()))
        properties = document.inline_shapes[-1]._inline.docPr
        for key, value in (("descr", descr), ("title", title)):
            properties.attrib.pop(key, None)
            if value is not None:
                properties.set(key, value)
    document.save(str(path))
    return path


def _alternatives(path: Path) -> list[str]:
    """The alternative text of each picture of an Office note, as the build reads it."""
    root = path.parents[2]
    note = read_office_note(path, Workspace(root), Report())
    ast = json.loads(run_pandoc(["--from=markdown", "--to=json"], note.body.encode("utf-8"),
                                root).output)
    found: list[str] = []

    def seen(node: dict) -> None:
        if node["t"] == "Image":
            found.append(plain_text(node["c"][1]))

    rewrite(ast["blocks"], seen)
    return found


def test_a_markdown_image_without_alternative_text_is_a_warning_at_its_line(workspace,
                                                                             capsys):
    root = workspace("petit")
    write_note(root, "alpha/images.md", FRONT, BODY)
    (root / "sources/alpha/photo.png").write_bytes(_png())
    code, _, err = run(capsys, "check", "--workspace", str(root))
    lines = [x for x in plain_spaces(err).splitlines() if "[image.alt]" in x]
    text = (root / "sources/alpha/images.md").read_text(encoding="utf-8").splitlines()
    line = text.index("![](photo.png)") + 1
    assert lines == [f"sources/alpha/images.md:{line}: attention : image « photo.png » sans "
                     "texte alternatif : décrivez ce qu'elle montre entre les crochets, ![Des "
                     "enfants plantent des tomates](photo.png), pour les lecteurs qui ne la "
                     "voient pas [image.alt]"], err
    assert code == 0


def test_a_word_pictures_description_or_title_is_its_alternative_text(workspace):
    root = workspace("petit")
    path = _word_with_pictures(root)
    assert _alternatives(path) == ["Des enfants plantent des tomates", "Le jardin en été", ""]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_a_libreoffice_pictures_description_is_its_alternative_text(workspace, tmp_path):
    root = workspace("petit")
    word = _word_with_pictures(root)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(word)],
                   check=True, capture_output=True, timeout=180)
    converted = tmp_path / "photos.odt"
    assert b"<svg:desc>" in zipfile.ZipFile(converted).read("content.xml")
    word.unlink()
    target = root / "sources/alpha/photos.odt"
    target.write_bytes(converted.read_bytes())
    assert _alternatives(target) == ["Des enfants plantent des tomates", "Le jardin en été", ""]


def _with_objects(root: Path) -> Path:
    """A Word note holding an embedded Excel table (its EMF preview) and a chart."""
    path = office_note(root, "objets.docx", {**GOOD, "themes": "jardins"})
    document = docx.Document(str(path))
    part = document.part
    emf = Part(PackURI("/word/media/image9.emf"), "image/x-emf", b"\x01" + b"\0" * 99,
               part.package)
    preview = part.relate_to(emf, REL + "image")
    ole = Part(PackURI("/word/embeddings/oleObject1.bin"),
               "application/vnd.openxmlformats-officedocument.oleObject",
               b"\xd0\xcf\x11\xe0" + b"\0" * 96, part.package)
    embedded = part.relate_to(ole, REL + "oleObject")
    chart = Part(PackURI("/word/charts/chart1.xml"),
                 "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                 b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/'
                 b'chart"/>', part.package)
    drawn = part.relate_to(chart, REL + "chart")
    end = document.element.body[-1]
    for xml in (
        f'<w:p {NS}><w:r><w:object><v:shape id="s1" o:ole=""><v:imagedata r:id="{preview}"/>'
        f'</v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="s1" '
        f'r:id="{embedded}"/></w:object></w:r></w:p>',
        f'<w:p {NS}><w:r><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/>'
        f'<wp:docPr id="90" name="Graphique 1"/><a:graphic><a:graphicData uri="http://schemas.'
        f'openxmlformats.org/drawingml/2006/chart"><c:chart r:id="{drawn}"/></a:graphicData>'
        f"</a:graphic></wp:inline></w:drawing></w:r></w:p>"):
        end.addprevious(parse_xml(xml))
    document.save(str(path))
    return path


def test_embedded_objects_get_one_message(workspace, capsys):
    root = workspace("petit")
    _with_objects(root)
    _, _, err = run(capsys, "check", "--workspace", str(root))
    lines = [x for x in plain_spaces(err).splitlines() if x.startswith("sources/alpha/objets")
             and "[note.modele]" not in x]
    assert lines == ["sources/alpha/objets.docx: attention : 1 objet incorporé (tableau Excel, "
                     "formule, dessin…) et 1 graphique : non repris dans la publication ; "
                     "insérez-les plutôt comme images (PNG ou JPEG, avec un texte de "
                     "remplacement) ou recopiez leurs données dans un tableau [note.objet]"], err


@pytest.fixture(scope="module")
def pictures_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace("petit", tmp_path_factory.mktemp("images"))
    write_note(root, "alpha/images.md", FRONT, BODY)
    (root / "sources/alpha/photo.png").write_bytes(_png())
    _word_with_pictures(root)
    assert main(["build", "--format", "html", "--workspace", str(root)]) in (0, 1)
    return root / "build/vie-locale/vie-locale.html"


def test_axe_finds_no_image_without_alternative_in_the_page(pictures_page, browser):
    html = pictures_page.read_text(encoding="utf-8")
    assert html.count("<img") >= 6 and 'alt=""' in html
    assert 'alt="Des enfants plantent des tomates"' in html
    assert 'alt="Le jardin en été"' in html
    found = [v["id"] for v in test_axe.violations(browser, pictures_page)]
    assert "image-alt" not in found, found
