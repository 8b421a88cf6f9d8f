"""What pandoc's DOCX writer cannot do, done with python-docx: the cover page with
the network's logo, a table of contents already filled, the draft mark in the
header, the document's core and custom properties, and reproducible bytes (the bookmark
around each note is pandoc's, from the note's Div: ``outputs/docx/anchors.py``)."""

from __future__ import annotations

import copy
import io
from datetime import date, datetime, time

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import ImageFont

from pipeline.charter import Charter
from pipeline.document import Document
from pipeline.files import normalized_zip
from pipeline.outputs import contract as draft_contract
from pipeline.outputs import phrases
from pipeline.outputs.docx import ooxml
from pipeline.outputs.docx.index import index_pagerefs
from pipeline.outputs.docx.reference import apply_toc_styles
from pipeline.outputs.docx.tracked import renumber, whole_change, whole_paragraphs
from pipeline.outputs.logo import font_file
from pipeline.typography import french_date

LOGO_WIDTH = Cm(7.5)
LINE_HEIGHT = 1.2  # Lato's ascent and descent, in font sizes
RULE_SPACE = 12  # points between the cover's rule and the text under it
COVER_SLACK = 30  # points kept free on the cover, for the estimate's errors
DEFAULT_SIZE_PT = 10.5
DRAFT_COLOR = RGBColor(0xC0, 0x00, 0x00)
TITLE_BLOCK = {"Title", "Subtitle", "Author", "Date", "Abstract", "AbstractTitle"}
TOC_TITLE = "Sommaire"
TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
TOC_LEVELS = {"Heading1": 1, "Heading2": 2}
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = draft_contract.CUSTOM_PROPERTIES_NS
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
USER_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def draft_mark(document: Document) -> str:
    return f"PROJET — version du {french_date(document.build_date)}"


def finish_docx(data: bytes, document: Document, charter: Charter, *, build_id: str,
                logo_png: bytes, sent_built: str | None = None) -> bytes:
    """``sent_built``: for the changes file, the day the draft sent was built: the
    cover's date is then a tracked change too."""
    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    toc_title = _remove_pandoc_front_matter(body)
    _bookmarks_into_headings(body)
    if not {"TOC1", "TOC2"} <= {style.style_id for style in word.styles}:
        apply_toc_styles(word, charter)  # a reference document made before they existed
    cover_end = _cover(word, document, charter, logo_png)
    if sent_built is not None and not document.final:
        _mark_changed(cover_end, document, sent_built)
    headings = _table_of_contents(word, toc_title, after=cover_end)
    index_pagerefs(body, headings)
    _unique_revisions(word, whole_paragraphs(body))  # the changes file
    _headers(word, document)
    _no_update_prompt(word)
    _properties(word, document, charter)
    names = draft_contract.current()
    _custom_properties(word, {
        names.property_contribution: document.contribution.id,
        names.property_build: build_id,
        names.property_edition: "finale" if document.final else "projet",
    })
    out = io.BytesIO()
    word.save(out)
    return normalized_zip(out.getvalue())


# --- helpers -------------------------------------------------------------------------


def _style_id(paragraph) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _run(*children):
    return ooxml.element("w:r", children)


def _text(value: str):
    text = ooxml.element("w:t")
    text.text = value
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return text


def _field_char(kind: str):
    return _run(ooxml.element("w:fldChar", fldCharType=kind))


def _instruction(value: str):
    instruction = ooxml.element("w:instrText")
    instruction.text = f" {value} "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return _run(instruction)


def _paragraph(style_id: str, *content):
    properties = ooxml.element("w:pPr", [ooxml.element("w:pStyle", val=style_id)])
    return ooxml.element("w:p", [properties, *content])


def _bookmarks_into_headings(body) -> None:
    """pandoc opens a section's bookmark between paragraphs; it goes into the heading's
    paragraph, where every reader keeps it (LibreOffice drops one that follows a table,
    and with it the page number of that heading in the table of contents)."""
    for start in list(body.iterchildren(qn("w:bookmarkStart"))):
        following = start.getnext()
        while following is not None and following.tag == qn("w:bookmarkStart"):
            following = following.getnext()
        if following is None or following.tag != qn("w:p"):
            continue
        properties = following.find(qn("w:pPr"))
        if properties is None:
            following.insert(0, start)
        else:
            properties.addnext(start)


# --- cover ---------------------------------------------------------------------------


def _remove_pandoc_front_matter(body) -> str:
    """Remove pandoc's title block and its (empty) table of contents; return the
    table's title (metadata ``toc-title``)."""
    toc_title = TOC_TITLE
    for child in list(body):
        if child.tag == qn("w:p") and _style_id(child) in TITLE_BLOCK:
            body.remove(child)
        elif child.tag == qn("w:sdt") and _is_toc(child):
            heading = next((p for p in child.iter(qn("w:p"))
                            if _style_id(p) == "TOCHeading"), None)
            if heading is not None and Paragraph(heading, None).text.strip():
                toc_title = Paragraph(heading, None).text.strip()
            body.remove(child)
        else:
            break
    return toc_title


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(qn("w:val")) == "Table of Contents"


def _cover(word, document: Document, charter: Charter, logo_png: bytes):
    """Logo, title and subtitle at the top; who writes to whom and when at the foot of
    the page; the draft mark on drafts. Returns the cover's last paragraph."""
    body = word.element.body
    anchor = body[0]  # at worst the section properties, always last
    family = charter.fonts["titres"]
    added: list[tuple[Paragraph, float]] = []  # each paragraph and its estimated height

    def add(style: str | None, text: str = "", *, before: float = 0, after: float = 6,
            bold: bool = False) -> Paragraph:
        element = ooxml.element("w:p")
        anchor.addprevious(element)
        paragraph = Paragraph(element, word._body)
        if style is not None:
            paragraph.style = word.styles[style]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.paragraph_format.space_after = Pt(after)
        size = _font_size(word, style)
        if text:
            paragraph.add_run(text).bold = bold or None
        lines = _lines(text, family, bold, size, _text_width_pt(word)) if text else 1
        added.append((paragraph, before + after + lines * LINE_HEIGHT * size))
        return paragraph

    contribution = document.contribution
    logo = add(None, after=0)
    picture = logo.add_run().add_picture(io.BytesIO(logo_png), width=LOGO_WIDTH)
    for side in ("distT", "distB", "distL", "distR"):  # LibreOffice's default is 0.32 cm
        picture._inline.set(side, "0")
    added[-1] = (logo, picture.height.pt)
    title = add("Title", contribution.title, after=10, bold=True)
    if contribution.subtitle:
        add("Subtitle", contribution.subtitle, after=0)
    network = add("Author", f"Contribution du {charter.network_name}", before=RULE_SPACE)
    _rule_above(network, charter.colors["secondaire"])
    add("Date", phrases.recipient_line(contribution.recipient), after=2)
    last = add("Date", str(contribution.year), after=0)
    if not document.final:
        last = add("Date", draft_mark(document), before=18, after=0, bold=True)
        last.runs[0].font.color.rgb = DRAFT_COLOR
    # The free height goes above the title (a third) and above the rule (the rest),
    # less a margin for the estimate's errors: the cover must stay on one page.
    free = max(_text_height_pt(word) - sum(height for _, height in added) - COVER_SLACK, 0)
    title.paragraph_format.space_before = Pt(max(round(free / 3), 12))
    network.paragraph_format.space_before = Pt(max(round(free * 2 / 3), 12) + RULE_SPACE)
    return last._p


def _mark_changed(paragraph, document: Document, sent_built: str) -> None:
    """The cover's « PROJET — version du … » of the changes file: the draft sent's date
    deleted, this one's inserted (Reject All gives the draft sent, cover included)."""
    try:
        sent = french_date(date.fromisoformat(sent_built))
    except ValueError:
        return
    now = french_date(document.build_date)
    run = paragraph.find(qn("w:r"))
    text = run.find(qn("w:t")) if run is not None else None
    if text is None or sent == now or not (text.text or "").endswith(now):
        return
    author = draft_contract.current().changes_author
    stamp = f"{document.build_date.isoformat()}T00:00:00Z"
    old = copy.deepcopy(run)
    deleted = old.find(qn("w:t"))
    deleted.tag = qn("w:delText")
    deleted.text = sent
    new = copy.deepcopy(run)
    new.find(qn("w:t")).text = now
    text.text = text.text[:-len(now)]
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(ooxml.element("w:del", [old], author=author, date=stamp))
    run.getnext().addnext(ooxml.element("w:ins", [new], author=author, date=stamp))


def _font_size(word, style_name: str | None) -> float:
    style = word.styles[style_name] if style_name else word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return DEFAULT_SIZE_PT


def _text_width_pt(word) -> float:
    section = word.sections[0]
    return Emu(section.page_width - section.left_margin - section.right_margin).pt


def _text_height_pt(word) -> float:
    section = word.sections[0]
    return Emu(section.page_height - section.top_margin - section.bottom_margin).pt


def _lines(text: str, family: str, bold: bool, size: float, width: float) -> int:
    """How many lines ``text`` takes at ``size`` points in ``width`` points (estimate)."""
    path = font_file(family, bold)
    font = ImageFont.truetype(path, size=100) if path else None

    def length(words: list[str]) -> float:
        line = " ".join(words)
        return font.getlength(line) * size / 100 if font else 0.55 * size * len(line)

    lines, current = 1, []
    for word in text.split():
        if current and length([*current, word]) > width:
            lines, current = lines + 1, [word]
        else:
            current.append(word)
    return lines


def _rule_above(paragraph: Paragraph, color: str) -> None:
    ooxml.set_border(paragraph._p.get_or_add_pPr(), "top", color.lstrip("#").upper(),
                     size=12, space=12)


# --- table of contents ---------------------------------------------------------------


def _headings(body) -> list[tuple[int, str, object, set[str]]]:
    """(level, bookmark, heading paragraph, pandoc's bookmarks) of the body's level-1 and
    level-2 headings, in order. Each gets a ``_Toc`` bookmark of its own around its text:
    pandoc's span whole sections, and LibreOffice loses some of those (one after a
    table)."""
    bookmark_ids = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))]
    next_id = max(bookmark_ids, default=0) + 1
    found = []
    for paragraph in body.iterchildren(qn("w:p")):
        level = TOC_LEVELS.get(_style_id(paragraph))
        if level is None:
            continue
        pandoc_names = _bookmarks(paragraph)
        name = f"_Toc{next_id:08d}"
        ooxml.add_bookmark(paragraph, name, next_id)
        next_id += 1
        found.append((level, name, paragraph, pandoc_names))
    return found


def _bookmarks(paragraph) -> set[str]:
    """The bookmarks pandoc puts in (or just before) a heading."""
    names = {b.get(qn("w:name")) for b in paragraph.iter(qn("w:bookmarkStart"))}
    for sibling in paragraph.itersiblings(preceding=True):
        if sibling.tag == qn("w:bookmarkStart"):
            names.add(sibling.get(qn("w:name")))
        elif sibling.tag != qn("w:bookmarkEnd"):
            break
    return names


def _table_of_contents(word, title: str, after) -> dict[str, str]:
    """A TOC field whose result already lists the headings, each a link to its heading
    with a PAGEREF field left empty: Word fills the page numbers when the table is
    updated (F9); nothing is invented here."""
    body = word.element.body
    headings = _headings(body)
    heading = _paragraph("TOCHeading", _run(_text(title)))
    heading.find(qn("w:pPr")).append(ooxml.element("w:pageBreakBefore"))
    begin = [_field_char("begin"), _instruction(TOC_INSTRUCTION), _field_char("separate")]
    paragraphs = []
    for level, bookmark, paragraph, _ in headings:
        number = [_run(ooxml.element("w:tab")), _field_char("begin"),
                  _instruction(f"PAGEREF {bookmark} \\h"), _field_char("separate"),
                  _field_char("end")]
        whole = whole_change(paragraph)
        if whole is not None:  # a heading added or removed (the changes file): its entry too
            number = [_revision(whole, number)]
        link = ooxml.element("w:hyperlink", [*_entry_text(paragraph), *number],
                             anchor=bookmark, history="1")
        paragraphs.append(_paragraph(f"TOC{level}", link))
    if not paragraphs:
        paragraphs.append(_paragraph("TOC1"))
    paragraphs[0][1:1] = begin  # after w:pPr
    paragraphs[-1].append(_field_char("end"))
    gallery = ooxml.element("w:docPartObj", [
        ooxml.element("w:docPartGallery", val="Table of Contents"),
        ooxml.element("w:docPartUnique")])
    sdt = ooxml.element("w:sdt", [ooxml.element("w:sdtPr", [gallery]),
                                  ooxml.element("w:sdtContent", [heading, *paragraphs])])
    after.addnext(sdt)
    return {name: bookmark for _, bookmark, _, names in headings for name in names}


def _unique_revisions(word, number: int) -> None:
    """The footnotes' revisions numbered after the body's: one space of ids."""
    for part in word.part.package.iter_parts():
        if part.partname not in ("/word/footnotes.xml", "/word/endnotes.xml") or \
                (b"<w:ins " not in part.blob and b"<w:del " not in part.blob):
            continue
        root = etree.fromstring(part.blob)
        number = renumber(root, number)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


def _entry_text(heading) -> list:
    """The heading's text as runs, its tracked changes kept (the changes file's entries
    accept and reject with their headings)."""
    runs, text, change = [], [], None

    def flush() -> None:
        if text:
            value = " ".join("".join(text).split()) if change is None else "".join(text)
            made = _run(_text(value)) if change is None or change.tag == qn("w:ins") \
                else _run(_deleted(value))
            runs.append(made if change is None else _revision(change, [made]))
            text.clear()

    for element in heading.iter(qn("w:t"), qn("w:delText")):
        owner = next((a for a in element.iterancestors()
                      if a.tag in (qn("w:ins"), qn("w:del")) or a is heading), heading)
        owner = None if owner is heading else owner
        if owner is not change:
            flush()
            change = owner
        text.append(element.text or "")
    flush()
    return runs


def _deleted(value: str):
    text = ooxml.element("w:delText")
    text.text = value
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return text


def _revision(change, children: list):
    """A copy of the ``w:ins``/``w:del`` ``change`` around ``children``."""
    kind = etree.QName(change).localname
    return ooxml.element(f"w:{kind}", children, author=change.get(qn("w:author"), ""),
                         date=change.get(qn("w:date"), ""))


def _no_update_prompt(word) -> None:
    """The table is already filled: Word need not ask to update fields on opening."""
    for element in word.settings.element.findall(qn("w:updateFields")):
        element.getparent().remove(element)


# --- header and footer -----------------------------------------------------------------


def _headers(word, document: Document) -> None:
    """The cover has no header or footer; the other pages keep the reference's footer
    (« page X / Y ») and carry the draft mark in the header on drafts."""
    header_text = "" if document.final else draft_mark(document)
    for index, section in enumerate(word.sections):
        paragraphs = section.header.paragraphs
        paragraph = paragraphs[0] if paragraphs else section.header.add_paragraph()
        paragraph.text = header_text
        if index == 0:
            section.different_first_page_header_footer = True
            for part in (section.first_page_header, section.first_page_footer):
                part.is_linked_to_previous = False  # its own, empty, part
                for paragraph in part.paragraphs:
                    paragraph.text = ""


# --- properties ----------------------------------------------------------------------


def _properties(word: docx.document.Document, document: Document, charter: Charter) -> None:
    contribution = document.contribution
    stamp = datetime.combine(document.build_date, time(12, 0))
    props = word.core_properties
    props.title = contribution.title
    props.subject = contribution.subtitle or ""
    props.author = charter.network_name
    props.last_modified_by = charter.network_name
    props.language = "fr-FR"
    props.keywords = ", ".join(t.title for t in contribution.themes)
    props.comments = phrases.description(charter.network_name, contribution.recipient,
                                         contribution.year)
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _custom_properties(word: docx.document.Document, values: dict[str, str]) -> None:
    """``docProps/custom.xml`` holding ``values`` only (pandoc's own entries replaced)."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(values.items(), start=2):  # pids start at 2
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=USER_PROPERTY_FMTID,
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = word.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
