"""Issue 14's points checked over every output (Markdown, HTML, DOCX, PDF) of the
examples and of the « publication » sample workspace: the index and its page numbers,
distinctive words that exist, the generated French, missing images, pages that hold
together, one table of contents."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import docx
import lxml.html
import pikepdf
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.diagnostics import Report
from pipeline.language.normalise import name_key
from pipeline.language.places import COUNTRY
from pipeline.outputs.docx.pages import field_results, libreoffice
from pipeline.stages.load import load
from pipeline.workspace import Workspace

KINDS = ("md", "html", "docx", "pdf")
NESTED = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")
NO_ARTICLE = re.compile(r"\b(?:pour|à|par|de)\s+(?:Agence|Direction|Ministère|Conseil|Caisse|"
                        r"Préfecture|Délégation|Commissariat)\b")
# a sentence opening with a number: after a full stop (not a leader's dots), or as a
# paragraph's first word
DIGIT_SENTENCE = re.compile(r"(?:^|(?<![.\d])[.!?…]\s+)\d+\s+[a-zàâéèêîôûç]")


# --- reading the outputs -------------------------------------------------------------


@cache
def pdf_pages(path: Path) -> tuple[str, ...]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return tuple(out.split("\f"))


@cache
def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*texts, document.core_properties.comments])


@cache
def html_text(path: Path) -> str:
    tree = lxml.html.fromstring(path.read_bytes())
    for style in tree.iter("style"):
        style.drop_tree()
    meta = [m.get("content") for m in tree.iter("meta") if m.get("name") == "description"]
    return tree.text_content() + "\n" + "\n".join(meta)


def generated_markdown(path: Path) -> str:
    """The Markdown without the writers' own texts (the rc-md literal blocks)."""
    return re.sub(r"^(`{3,})\{\.rc-md[^\n]*\n.*?^\1$", "", path.read_text("utf-8"),
                  flags=re.M | re.S)


def text_of(path: Path) -> str:
    kind = path.suffix[1:]
    if kind == "md":
        return generated_markdown(path).replace("\\", "")
    if kind == "html":
        return html_text(path)
    if kind == "docx":
        return docx_text(path)
    with pikepdf.open(path) as pdf:
        subject = str(pdf.docinfo.get("/Subject", ""))
    return "\n".join(pdf_pages(path)) + "\n" + subject


def paragraphs_of(path: Path) -> list[str]:
    """The output's paragraphs, as text (a PDF's pages, lines joined)."""
    kind = path.suffix[1:]
    if kind == "md":
        blocks = re.split(r"\n\s*\n", generated_markdown(path).replace("\\", ""))
        blocks = [b for b in blocks if not b.lstrip().startswith(("|", ":::", "#", "---", "-"))]
    elif kind == "html":
        tree = lxml.html.fromstring(path.read_bytes())
        blocks = [e.text_content() for e in tree.iter("p", "li", "figcaption", "dd", "h1", "h2",
                                                     "h3", "h4")]
    elif kind == "docx":
        blocks = [p.text for p in docx.Document(str(path)).paragraphs
                  if not p.style.name.lower().startswith(("toc", "index"))]
    else:
        blocks = list(pdf_pages(path))
    return [" ".join(b.split()) for b in blocks if b.strip()]


def every_output(published, kinds=KINDS):
    return [p for built in published for kind in kinds for p in built.outputs(kind)]


def drafts(published):
    return [b for b in published if not b.final]


INDEX_LINK = re.compile(r"\[\[(.*?)\]\{\.titre-note\}\]\(#")


def index_notes(markdown: Path) -> list[tuple[str, list[str]]]:
    """The index as the Markdown lists it: (name, [note titles]), an entry a line."""
    text = markdown.read_text("utf-8")
    block = text.split("::: index-lieux\n", 1)[1].split("\n:::", 1)[0]
    entries: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("- **"):
            name = line[4:line.index("** :")]
            titles = INDEX_LINK.findall(line)
            entries.append((name.replace("\\", ""), [t.replace("\\", "") for t in titles]))
    return entries


def _dashes(text: str) -> str:
    """« Grand Paris - Grand Est » as the PDF prints it (an en dash)."""
    return re.sub(r"\s[-–—]\s", " – ", text)


def _typographic(text: str) -> str:
    return " ".join(text.replace("'", "’").split())


# --- 1. the index --------------------------------------------------------------------


def test_the_index_is_merged_and_leaves_out_the_country_and_the_centres(published):
    for built in drafts(published):
        report = Report()
        registry = load(Workspace(built.root), report).registry
        left_out = {name_key(n) for c in registry.centres for n in (c.name, c.id)}
        for markdown in built.outputs("md"):
            names = [name for name, _ in index_notes(markdown)]
            assert names, markdown
            keys = [name_key(n) for n in names]
            assert len(keys) == len(set(keys)), markdown
            assert not set(keys) & (left_out | {name_key(c) for c in COUNTRY}), markdown
            assert not [n for n in names if re.match(r"(Ville|Région|Département) ", n)]
    sample = index_notes(published[1].outputs("md")[0])
    names = {name for name, _ in sample}
    assert {"Rouen", "Lille", "Toulouse", "Occitanie", "Normandie", "Seine-Saint-Denis",
            "Hauts-de-France"} <= names
    assert not {"Languedoc-Roussillon", "Midi-Pyrénées", "France", "Normanvilles"} & names
    examples = {n for m in published[0].outputs("md") for n, _ in index_notes(m)}
    assert "Bourgogne-Franche-Comté" in examples and "Franche-Comté" not in examples


def test_every_note_of_the_pdf_index_has_the_page_its_note_is_on(published):
    """A book's index: an entry, then the pages of the notes citing it (no titles)."""
    for built in drafts(published):
        for markdown, pdf in zip(built.outputs("md"), built.outputs("pdf"), strict=True):
            pages = pdf_pages(pdf)
            start = next(i for i, p in enumerate(pages) if "Index des lieux et des" in p
                         and "Sommaire" not in p)
            index = " ".join(" ".join(pages[start:]).split())  # it ends the document
            index = index.split("Index des lieux et des organisations")[-1]
            assert "Glossaire des sigles" not in index  # the glossary comes before it
            checked = 0
            for name, titles in index_notes(markdown):
                shown = _dashes(_typographic(name))
                found = re.search(re.escape(shown) + r" : ((?:\d+, )*\d+)",
                                  _dashes(_typographic(index)))
                assert found, (pdf, name)
                numbers = [int(n) for n in found.group(1).split(", ")]
                assert len(numbers) == len(titles), (pdf, name)
                for title, number in zip(titles, numbers, strict=True):
                    assert _typographic(title)[:30] in _typographic(pages[number - 1]), \
                        (pdf, name, title, number)
                    assert _typographic(title)[:30] not in _typographic(index), (pdf, title)
                    checked += 1
            assert checked >= 5, pdf


def test_every_note_of_the_docx_index_has_a_page_reference(published):
    for built in drafts(published):
        for markdown, path in zip(built.outputs("md"), built.outputs("docx"), strict=True):
            body = docx.Document(str(path)).element.body
            styled = [p for p in body.iter(qn("w:p"))
                      if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
                      and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Index1"]
            entries = index_notes(markdown)
            assert len(styled) == len(entries), path  # an entry, a paragraph
            references = [" ".join(t.text.split()) for p in styled
                          for t in p.iter(qn("w:instrText"))]
            assert all(r.startswith("PAGEREF _Toc") for r in references)
            assert len(references) == sum(len(titles) for _, titles in entries)
            shown = " ".join(Paragraph(p, None).text for p in styled)
            assert not any(t[:30] in shown for _, titles in entries for t in titles), path
            if libreoffice() is not None:
                results = field_results(path.read_bytes())
                assert all(v.isdigit() for v in results.values()), path


# --- 2. distinctive words ------------------------------------------------------------


def test_distinctive_words_occur_as_written_in_their_chapters_notes(published):
    seen = 0
    for built in drafts(published):
        for markdown in built.outputs("md"):
            text = markdown.read_text("utf-8")
            for theme, words in re.findall(
                    r"\{#regards-([\w-]+)\}\n\n::: \{\.mots-distinctifs[^\n]*\n"
                    r"\*\*Mots distinctifs :\*\* ([^\n]*)\n", text):
                chapter = text.split(f"{{#theme-{theme}}}", 1)[1].split("\n# ", 1)[0]
                for word in words.replace("\\", "").split(", "):
                    assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", chapter, re.I), \
                        (markdown, theme, word)
                    seen += 1
    assert seen >= 20


# --- 3. the generated French ---------------------------------------------------------


@pytest.mark.parametrize("fault", [NESTED, NO_ARTICLE],
                         ids=["parentheses-imbriquees", "article-manquant"])
def test_no_output_holds_a_fault_of_generated_french(published, fault):
    outputs = every_output(published)
    assert len(outputs) == 5 * 4  # three examples, the sample's draft and final; 4 kinds
    found = {str(p): fault.findall(text_of(p)) for p in outputs}
    assert {p: f for p, f in found.items() if f} == {}


def test_no_sentence_of_any_output_opens_with_a_digit(published):
    outputs = every_output(published)
    found = {str(p): [b[:80] for b in paragraphs_of(p) if DIGIT_SENTENCE.search(b)]
             for p in outputs}
    assert {p: f for p, f in found.items() if f} == {}


def test_the_recipient_takes_its_article_in_every_description(published):
    for built, phrase in ((published[0], "pour l’Agence nationale de la cohésion"),
                          (published[1], "pour la Direction générale des collectivités")):
        for path in built.outputs("html") + built.outputs("docx") + built.outputs("pdf"):
            assert phrase in text_of(path), path
        for markdown in built.outputs("md"):
            assert "remis à l" in generated_markdown(markdown), markdown


# --- 4. a missing image --------------------------------------------------------------

CAPTION = "Le camion de dépistage au marché"


def test_a_missing_image_is_a_placeholder_in_the_draft_with_its_caption_once(published):
    draft = published[1]
    for path in draft.outputs("html") + draft.outputs("docx") + draft.outputs("pdf"):
        text = _typographic(text_of(path))
        assert text.count(CAPTION) == 1, path
        assert text.count("Image absente") == 1, path
    present = "Le centre de santé des Hauts-de-Rouen"
    for path in draft.outputs("html") + draft.outputs("pdf"):
        assert _typographic(text_of(path)).count(present) == 1, path


def test_a_missing_image_is_left_out_of_the_final_edition_with_its_warning(published):
    final = published[2]
    outputs = final.outputs("html") + final.outputs("docx") + final.outputs("pdf")
    assert len(outputs) == 3
    for path in outputs:
        text = text_of(path)
        assert CAPTION not in text and "Image absente" not in text, path
        assert "Un dépistage itinérant" in text, path  # the note itself is there
    report = "".join(p.read_text("utf-8") for p in (final.root / "build").rglob("rapport.md"))
    assert "camion-depistage.jpg" in report


# --- 5. pages that hold together -----------------------------------------------------


def test_the_questions_box_is_on_one_page(published):
    for built in drafts(published):
        for pdf in built.outputs("pdf"):
            pages = [_typographic(p) for p in pdf_pages(pdf)]
            questions = [i for i, p in enumerate(pages) if "Les questions posées" in p
                         and "Sommaire" not in p]
            start = questions[0]
            method = next(i for i, p in enumerate(pages) if i >= start and "La méthode" in p)
            assert method in (start, start + 1)
            box = pages[start].split("Les questions posées", 1)[1]
            if method == start + 1:
                assert "La méthode" not in box
                assert pages[method].split("La méthode")[0].count("?") == 0, pdf


def test_no_name_is_broken_across_lines_in_the_pdfs(published):
    for built in published:
        for pdf in built.outputs("pdf"):
            broken = re.findall(r"(?<![\w-])([A-ZÀ-Ý][\w’'-]*-)\n(\S+)", "\n".join(pdf_pages(pdf)))
            assert broken == [], pdf


def test_a_notes_information_never_ends_a_page_nor_opens_one(published):
    for built in published:
        for pdf in built.outputs("pdf"):
            for page in pdf_pages(pdf):
                lines = [line for line in page.splitlines() if line.strip()]
                body = lines[2:-1]  # running header, draft mark; the page number
                if body:
                    assert not re.match(r"Centre de ressources\s*:", body[0]), pdf
                    assert not re.match(r"Date\s*:", body[-1]), pdf


def test_docx_styles_keep_headings_boxes_and_information_with_what_follows(published):
    path = published[0].outputs("docx")[0]
    styles = docx.Document(str(path)).styles
    for style_id in ("Heading1", "Heading2", "Heading3", "NoteMeta", "Encadre",
                     "ThemeDescription", "Index1"):
        properties = styles.element.xpath(f'w:style[@w:styleId="{style_id}"]/w:pPr')[0]
        for tag in ("keepNext", "keepLines", "suppressAutoHyphens"):
            assert properties.find(qn(f"w:{tag}")) is not None, (style_id, tag)
    settings = docx.Document(str(path)).settings.element
    assert settings.find(qn("w:autoHyphenation")) is None  # Word's default: off
    assert settings.find(qn("w:updateFields")) is None  # opens without a prompt


def test_docx_and_html_tables_of_contents_list_the_same_headings(published):
    for built in published:
        for html, path in zip(built.outputs("html"), built.outputs("docx"), strict=True):
            nav = lxml.html.fromstring(html.read_bytes()).xpath('//nav[@class="toc"]//a')
            in_html = [" ".join(a.text_content().split()) for a in nav]
            body = docx.Document(str(path)).element.body
            in_docx = [" ".join(Paragraph(p, None).text.split("\t")[0].split())
                       for p in body.iter(qn("w:p"))
                       if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
                       and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
                       in ("TOC1", "TOC2")]
            assert in_docx == in_html, path
            assert any(t == "Pourquoi cette contribution" for t in in_html) or \
                built.name == "exemples"
