"""End to end on the small sample workspace: real pandoc, python-docx, WeasyPrint, pypdf."""

import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from pipeline.outputs.contract import note_anchor
from tests.conftest import REPOSITORY, plain_spaces, run, write_note

OPENING = ["Introduction et méthode"]
THEMES = ["Les jardins partagés", "Les fêtes de quartier", "Les écoles ouvertes", "À classer"]
CLOSING = ["Regards croisés", "Les enseignements du réseau", "Annexes"]
FIRST_THEME = {
    "La fête des voisins du Blosne": "Les fêtes de quartier",
    "Un jardin au pied des tours": "Les jardins partagés",
    "Le sport et les jardins": "Les jardins partagés",
    "L’école ouverte le samedi": "Les écoles ouvertes",
    "Une note sans thème": "À classer",
}


def _outputs(root: Path, contribution: str = "vie-locale", final: bool = False
             ) -> dict[str, Path]:
    folder = root / "build" / contribution / ("final" if final else "")
    return {kind: folder / f"{contribution}.{kind}" for kind in ("docx", "pdf", "html")}


def _headings(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs
            if p.style.name.startswith("Heading")]


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_chapters_are_heading_1_in_the_contribution_order(built_petit):
    chapters = [text for style, text in _headings(_outputs(built_petit)["docx"])
                if style == "Heading 1"]
    assert chapters == OPENING + THEMES + CLOSING


def test_docx_notes_are_heading_2_under_their_first_theme(built_petit):
    chapter, found = None, {}
    for style, text in _headings(_outputs(built_petit)["docx"]):
        if style == "Heading 1":
            chapter = text
        elif style == "Heading 2" and text in FIRST_THEME:
            found.setdefault(text, []).append(chapter)
    assert found == {title: [theme] for title, theme in FIRST_THEME.items()}


def test_docx_notes_in_chapter_are_ordered_by_date(built_petit):
    titles = [t for s, t in _headings(_outputs(built_petit)["docx"]) if s == "Heading 2"]
    jardins = [t for t in titles if FIRST_THEME.get(t) == "Les jardins partagés"]
    assert jardins == ["Un jardin au pied des tours", "Le sport et les jardins"]


def test_draft_mark_in_the_pdf_and_html(built_petit):
    assert "PROJET — version du" in _pdf_text(_outputs(built_petit)["pdf"])
    assert "PROJET — version du" in _outputs(built_petit)["html"].read_text(encoding="utf-8")


def test_docx_draft_mark_and_properties(built_petit):
    document = docx.Document(str(_outputs(built_petit)["docx"]))
    header = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert "PROJET — version du" in header
    assert document.core_properties.title == "La vie locale"
    assert document.core_properties.language == "fr-FR"


def test_note_metadata_appears_with_each_note(built_petit):
    text = _docx_text(_outputs(built_petit)["docx"])
    assert "Centre de ressources\u00a0: Centre Alpha" in text
    assert "Territoire\u00a0: Rennes, Le Blosne" in text
    assert "Jeanne Leroy, Paul Martin" in text
    assert "1er\u00a0juin 2024" in text


def test_brouillon_is_absent_from_all_three_outputs(built_petit):
    outputs = _outputs(built_petit)
    texts = [_docx_text(outputs["docx"]), _pdf_text(outputs["pdf"]),
             outputs["html"].read_text(encoding="utf-8")]
    for text in texts:
        assert "Une note encore en brouillon" not in text
        assert "Un jardin au pied des tours" in text


def test_pdf_holds_the_chapters_notes_and_cross_reading(built_petit):
    text = _pdf_text(_outputs(built_petit)["pdf"])
    for title in [*THEMES, *FIRST_THEME]:
        assert title in text
    assert "Les repas partagés rapprochent les voisins." in text
    reader = PdfReader(_outputs(built_petit)["pdf"])
    assert len(reader.pages) >= 6
    assert reader.metadata.title.startswith("La vie locale")


def test_html_is_one_french_page_with_its_table_of_contents(built_petit):
    html = _outputs(built_petit)["html"].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    anchor = note_anchor("sources/alpha/fete-des-voisins.md")  # the note's Div, its bookmark
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "http://" not in html and "https://" not in html


def test_cross_reading_has_each_notes_lessons_once(built_petit):
    paragraphs = [p.text for p in docx.Document(str(_outputs(built_petit)["docx"])).paragraphs]
    start = paragraphs.index("Regards croisés")
    assert paragraphs[start:].count("Le jardin crée des liens durables.") == 1
    assert "Un jardin au pied des tours — Centre Alpha" in paragraphs[start:]
    # a note without an « Enseignements » section is not listed there
    assert "L’école ouverte le samedi — Centre Bêta" not in paragraphs[start:]


def test_build_report_says_what_went_in_and_what_was_left_out(built_petit):
    report = (built_petit / "build/vie-locale/rapport.md").read_text(encoding="utf-8")
    assert "- sources/beta/brouillon.md — brouillon" in report
    assert "sources/alpha/jardin-maurepas.md — Un jardin au pied des tours" in report


def test_a_broken_note_is_left_out_and_the_rest_is_built(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/cassee.md", "titre: Cassée\ncrpv: alpah\nauteurs: [A]\n"
               "contribution: vie-locale\ndate: 2024-01-01\nstatut: valide")
    code, _, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/cassee.md:3: crpv « alpah » inconnu" in err
    titles = [t for _, t in _headings(_outputs(root)["docx"])]
    assert "Cassée" not in titles and "Un jardin au pied des tours" in titles


def test_final_build_drops_the_draft_mark(built_petit_final):
    root, code, err = built_petit_final.root, built_petit_final.code, built_petit_final.err
    assert code == 0
    assert ("sources/alpha/jardin-maurepas.md:9: info : « vie-locale » : note laissée de côté "
            "(statut « a-relire » : seules les notes validées entrent dans la version finale) "
            "[note.exclue]") in err
    assert "PROJET" not in _pdf_text(_outputs(root, final=True)["pdf"])
    assert "PROJET" not in _outputs(root, final=True)["html"].read_text(encoding="utf-8")
    document = docx.Document(str(_outputs(root, final=True)["docx"]))
    assert "PROJET" not in " ".join(p.text for s in document.sections
                                    for p in s.header.paragraphs)
    titles = [t for _, t in _headings(_outputs(root, final=True)["docx"])]
    assert "Un jardin au pied des tours" not in titles  # a-relire


def test_runs_from_the_workspace_folder_with_the_package_charter(workspace, capsys,
                                                                 monkeypatch):
    root = workspace("petit")
    assert not (root / "templates").exists()
    monkeypatch.chdir(root)  # no --workspace: the current folder
    code, _, err = run(capsys, "build", "--format", "html")
    assert code == 0, err
    assert _outputs(root)["html"].is_file()
    assert "--primaire: #1F4E79" in _outputs(root)["html"].read_text(encoding="utf-8")


def test_workspace_templates_override_the_package_file_by_file(workspace, capsys):
    root = workspace("petit")
    (root / "templates/charte").mkdir(parents=True)
    charter = (REPOSITORY / "templates/charte/charte.yaml").read_text(encoding="utf-8")
    (root / "templates/charte/charte.yaml").write_text(
        charter.replace("#1F4E79", "#123456"), encoding="utf-8")
    assert run(capsys, "build", "--format", "html", "--workspace", str(root))[0] == 0
    assert "--primaire: #123456" in _outputs(root)["html"].read_text(encoding="utf-8")


def test_outside_a_workspace_the_command_cannot_run(tmp_path, capsys):
    code, _, err = run(capsys, "check", "--workspace", str(tmp_path))
    assert code == 2
    assert "pas de dossier contributions/" in err


@pytest.mark.parametrize("fmt", ["odt", ""])
def test_unknown_format_cannot_run(fmt, workspace, capsys):
    code, _, err = run(capsys, "build", "--format", fmt, "--workspace", str(workspace("petit")))
    assert code == 2
    assert "format inconnu" in err


def test_cross_reading_drops_themes_whose_notes_have_no_lessons(built_petit):
    paragraphs = [(p.style.name, p.text)
                  for p in docx.Document(str(_outputs(built_petit)["docx"])).paragraphs]
    start = paragraphs.index(("Heading 1", "Regards croisés"))
    end = paragraphs.index(("Heading 1", "Les enseignements du réseau"))
    themes = [text for style, text in paragraphs[start:end] if style == "Heading 2"]
    assert themes == ["Les jardins partagés", "Les fêtes de quartier"]


def test_images_beside_a_note_are_embedded_in_all_three_outputs(workspace, capsys):
    from PIL import Image

    root = workspace("petit")
    Image.new("RGB", (120, 60), "orange").save(root / "sources/alpha/affiche.png")
    write_note(root, "alpha/avec-image.md", "titre: Avec image\ncrpv: alpha\nauteurs: [A B]\n"
               "contribution: vie-locale\nthemes: [ecoles]\ndate: 2024-01-01\nstatut: valide",
               "![L'affiche de la fête](affiche.png)\n\n![absente](absente.png)\n")
    code, _, err = run(capsys, "build", "--workspace", str(root))
    assert code == 0, err
    assert "sources/alpha/avec-image.md:13: attention : image « absente.png » introuvable" in err
    outputs = _outputs(root)
    document = docx.Document(str(outputs["docx"]))
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert descriptions.count("L’affiche de la fête") == 1
    html = outputs["html"].read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and 'alt="L’affiche de la fête"' in html
    reader = PdfReader(outputs["pdf"])
    assert len({image.data for page in reader.pages for image in page.images}) == 1


def test_a_note_without_lessons_is_said_to_be_missing_from_the_cross_reading(built_petit,
                                                                               capsys):
    report = plain_spaces((built_petit / "build/vie-locale/rapport.md").read_text("utf-8"))
    assert ("sources/beta/ecole-ouverte.md: attention : pas de section « ## Enseignements » : "
            "la note n'apparaît pas dans les regards croisés [note.section]") in report


def test_unknown_contribution_option_cannot_run(workspace, capsys):
    code, _, err = run(capsys, "build", "--contribution", "vie-local", "--format", "html",
                       "--workspace", str(workspace("petit")))
    assert code == 2
    assert "contribution « vie-local » introuvable (vouliez-vous dire « vie-locale » ?)" in err


def test_french_typography_in_all_three_outputs(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/typo.md", "titre: \"Pourquoi? L'essai\"\ncrpv: alpha\n"
               "auteurs: [A B]\ncontribution: vie-locale\nthemes: [ecoles]\n"
               "date: 2024-01-01\nstatut: valide",
               'Le public: 62% des "habitants", soit 1 250 personnes, pour la 3ème fois!\n')
    assert run(capsys, "build", "--workspace", str(root))[0] == 0
    expected = ["Pourquoi\u202f? L’essai", "public\u00a0: 62\u00a0%",
                "«\u00a0habitants\u00a0»", "1\u202f250 personnes", "fois\u202f!"]
    outputs = _outputs(root)
    html = outputs["html"].read_text(encoding="utf-8")
    docx_text = _docx_text(outputs["docx"])
    pdf_text = _pdf_text(outputs["pdf"])
    for text in expected:
        assert text in html and text in docx_text, text
        # the PDF's text layer may give a no-break space back as a plain one
        pattern = re.sub("[\u202f\u00a0]", "[\u202f\u00a0 ]", re.escape(text))
        assert re.search(pattern, pdf_text), text
    assert "<sup>e</sup>" in html  # 3ème → 3e


def test_figures_carry_their_data_as_alternative_text(built_petit):
    outputs = _outputs(built_petit)
    document = docx.Document(str(outputs["docx"]))
    descriptions = [s._inline.docPr.get("descr") or "" for s in document.inline_shapes]
    assert any("Centre Alpha, 3\u00a0notes" in d for d in descriptions)
    html = outputs["html"].read_text(encoding="utf-8")
    assert re.search(r'<img\s[^>]*src="data:image/svg\+xml;base64,[^"]+"[^>]*'
                     r'alt="[^"]*Centre Alpha, 3', html)


def test_a_small_memory_budget_builds_the_same_documents_one_job_at_a_time(workspace,
                                                                          capsys):
    root = workspace("petit")
    code, out, err = run(capsys, "build", "--memoire", "1", "--temps", "--workspace",
                         str(root))
    assert code == 0, err
    outputs = _outputs(root)
    assert all(p.is_file() for p in outputs.values())
    assert [t for _, t in _headings(outputs["docx"])][:1] == OPENING
    assert "Un jardin au pied des tours" in _pdf_text(outputs["pdf"])
    assert sorted(re.findall(r"écrit : (\S+)", out)) == re.findall(r"écrit : (\S+)", out)
    # bench/build.py's floors for a build whose PDFs run alone hold for this one, whose
    # every job ran alone: they cannot pass its wall time
    from bench.build import pdfs_alone, step_seconds

    floor, wall = pdfs_alone(out), step_seconds(out)[1]
    assert floor.pdf > 0 and 0 < floor.prepare <= floor.other
    assert floor.one_after_another <= floor.nothing_beside <= wall
    # the parts are the whole work, each step once (a tenth of rounding for each)
    assert floor.before + floor.pdf + floor.other <= wall + 0.3
