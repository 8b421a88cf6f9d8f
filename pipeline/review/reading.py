"""Read one reviewer's file: a DOCX (Transitional or Strict) through python-docx's OPC
package, or an ODT (``odf.py``), the XML with a safe parser, then the comments and
tracked changes where they sit. Refused files raise ``OfficeFileError`` with the
real reason (``formats.py``)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx.opc.package import OpcPackage
from docx.oxml.ns import qn
from lxml import etree

from pipeline.office.package import OfficeFileError, open_package, parse_xml
from pipeline.outputs import contract as draft_contract
from pipeline.outputs.contract import anchor_level, style_key
from pipeline.outputs.docx.anchors import comparable
from pipeline.review.body import FORMATTED, Walk, walk_body
from pipeline.review.comments import Comment, read_comments
from pipeline.review.formats import is_strict, refusal, transitional
from pipeline.review.model import Place, Remark, Reply, ReviewedFile
from pipeline.review.odf import read_odt

MAX_CONCERNED = 300  # characters of the text a remark is attached to
HEADING_NAME = re.compile(r"^(heading|titre|berschrift)\s*(\d)$", re.IGNORECASE)
CUSTOM_NS = f"{{{draft_contract.CUSTOM_PROPERTIES_NS}}}"


def read_review(path: Path, shown: str) -> ReviewedFile:
    """The remarks of one file, or ``OfficeFileError`` with a French message."""
    refused = refusal(path)
    if refused is not None:
        raise OfficeFileError(refused)
    if path.suffix.lower() == ".odt":
        walk, comments, properties = read_odt(open_package(path, "odt"))
    else:
        walk, comments, properties = _read_docx(path)
    places = _places(walk)
    remarks = _comment_remarks(comments, walk, places, shown) + \
        _change_remarks(walk, places, shown)
    names = draft_contract.current()
    texts = frozenset(t for t in (comparable(p.text) for p in places) if t)
    found = any(anchor_level(a) is not None for p in places for a in p.anchors)
    return ReviewedFile(shown, properties.get(names.property_contribution),
                        properties.get(names.property_build), tuple(remarks), texts, found)


def _read_docx(path: Path) -> tuple[Walk, tuple[Comment, ...], dict[str, str]]:
    document_blob, blobs, custom_blob = _parts(path)
    body = parse_xml(document_blob, "word/document.xml").find(qn("w:body"))
    if body is None:
        raise OfficeFileError("document Word sans contenu (word/document.xml)")
    walk = walk_body(body, _heading_levels(blobs.get("styles")))
    comments = read_comments(*(_xml(blobs, name) for name in (
        "comments", "commentsExtended", "commentsIds", "commentsExtensible")))
    return walk, comments, _custom_properties(custom_blob)


def _parts(path: Path) -> tuple[bytes, dict[str, bytes], bytes | None]:
    """The main document, its related parts by relationship name (comments,
    commentsExtended, styles…) and the custom properties, as bytes."""
    package = open_package(path, "docx")
    data = transitional(package.data) if is_strict(package.data) else package.data
    try:
        opc = OpcPackage.open(io.BytesIO(data))
        main = opc.main_document_part
        blobs = {rel.reltype.rsplit("/", 1)[-1]: rel.target_part.blob
                 for rel in main.rels.values() if not rel.is_external}
        custom = next((rel.target_part.blob for rel in opc.rels.values()
                       if rel.reltype.endswith("/custom-properties") and not rel.is_external),
                      None)
        return main.blob, blobs, custom
    except (KeyError, ValueError, etree.LxmlError, AttributeError) as exc:
        problem = "une partie XML est endommagée" if isinstance(exc, etree.LxmlError) \
            else "une partie ou un lien entre parties manque"
        raise OfficeFileError(f"document Word illisible ({problem}) ; enregistrez-le de "
                              "nouveau depuis Word ou LibreOffice") from None


def _xml(blobs: dict[str, bytes], name: str) -> etree._Element | None:
    blob = blobs.get(name)
    return None if blob is None else parse_xml(blob, f"word/{name}.xml")


def _custom_properties(blob: bytes | None) -> dict[str, str]:
    if blob is None:
        return {}
    root = parse_xml(blob, "docProps/custom.xml")
    return {p.get("name", ""): "".join(p.itertext()).strip()
            for p in root.iter(f"{CUSTOM_NS}property")}


def _heading_levels(blob: bytes | None) -> dict[str, int]:
    """Style id → heading level, from the styles' names (« heading 2 ») or outline
    levels: LibreOffice and Word do not always keep pandoc's style ids."""
    levels = {f"Heading{n}": n for n in range(1, 10)}
    if blob is None:
        return levels
    for style in parse_xml(blob, "word/styles.xml").iter(qn("w:style")):
        name = style.find(qn("w:name"))
        match = HEADING_NAME.match(name.get(qn("w:val"), "") if name is not None else "")
        outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        style_id = style.get(qn("w:styleId"), "")
        if match:
            levels[style_id] = int(match.group(2))
        elif outline is not None and outline.get(qn("w:val"), "").isdigit():
            levels[style_id] = int(outline.get(qn("w:val"))) + 1
    return levels


def _places(walk: Walk) -> list[Place]:
    places, chapter, headings = [], "", ["", ""]
    for index, paragraph in enumerate(walk.paragraphs):
        level, text = paragraph.level, paragraph.text
        if level == 1:
            chapter, headings = text, ["", ""]
        elif level in (2, 3):
            headings[level - 2] = text
            if level == 2:
                headings[1] = ""
        places.append(Place(index, text, paragraph.style, level, tuple(paragraph.anchors),
                            chapter, tuple(headings)))
    return places


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CONCERNED else text[:MAX_CONCERNED - 1] + "…"


def _comment_remarks(comments: tuple[Comment, ...], walk: Walk, places: list[Place],
                     shown: str) -> list[Remark]:
    by_para = {c.para_id: c for c in comments if c.para_id}
    replies: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.parent and comment.parent in by_para:
            replies.setdefault(comment.parent, []).append(comment)
    remarks = []
    for comment in comments:
        if comment.parent and comment.parent in by_para:
            continue  # in its thread
        thread = sorted(replies.get(comment.para_id, []), key=lambda c: c.date)
        mark = walk.comment_starts.get(comment.id)
        place = places[mark.paragraph] if mark and mark.paragraph is not None else None
        concerned = "".join(walk.comment_texts.get(comment.id, [])) or \
            (place.text if place else "")
        end = walk.comment_ends.get(comment.id)
        also = ((places[end.paragraph], end.offset),) if place is not None and end and \
            end.paragraph is not None and end.paragraph != place.index else ()
        remarks.append(Remark(
            "commentaire", comment.author, comment.date, comment.text, _clip(concerned),
            place, mark.offset if mark else 0, shown,
            tuple(Reply(r.author, r.date, r.text) for r in thread),
            comment.done or any(r.done for r in thread), also))
    return remarks


def _change_remarks(walk: Walk, places: list[Place], shown: str) -> list[Remark]:
    """One remark per gesture: a paragraph added, split, joined, deleted or moved is
    one remark, at the place of the note where it happened."""
    remarks = []
    ours = draft_contract.current().changes_author
    arrivals = {c.move: c for c in walk.changes if c.kind == MOVED_TO and c.move}
    paired = {c.move for c in walk.changes if c.kind == MOVED_FROM and c.move} & set(arrivals)
    for change in walk.changes:
        if change.author == ours:
            continue  # what changed since the last envoi, shown by the pipeline itself
        if change.kind == MOVED_TO and change.move in paired:
            continue  # told with its departure
        kind, text = _gesture(change)
        place, offset = _settled(places, change.mark)
        also = ()
        if change.kind == MOVED_FROM and change.move in paired:
            kind = "déplacement"
            arrival = arrivals[change.move]
            also = (_settled(places, arrival.mark),) if arrival.mark.paragraph is not None \
                else ()
        remarks.append(Remark(kind, change.author, change.date, text,
                              _clip(place.text if place else ""), place, offset, shown,
                              also=tuple(a for a in also if a[0] is not None)))
    return remarks


MOVED_FROM, MOVED_TO = "déplacement (départ)", "déplacement (arrivée)"


def _gesture(change) -> tuple[str, str]:
    """The kind of remark and its text: a paragraph mark makes an insertion a paragraph
    added (or split), a deletion a paragraph removed (or two joined)."""
    text = " ".join(change.text.split()) if change.marks else change.text
    if not text.strip():
        text = "(image ou objet)" if change.drawing else ""
    if change.marks and change.kind == "insertion":
        return ("insertion de paragraphe", text) if text else \
            ("paragraphe coupé", "(paragraphe coupé en deux à cet endroit)")
    if change.kind == FORMATTED:
        return change.kind, "(mise en forme modifiée : gras, italique, style…)"
    if change.marks and change.kind == "suppression":
        return ("suppression de paragraphe", text) if text else \
            ("paragraphes joints", "(paragraphe joint au suivant à cet endroit)")
    return change.kind, text or "(mise en forme ou objet sans texte)"


def _settled(places: list[Place], mark) -> tuple[Place | None, int]:
    """The place a change is reported at: a paragraph the reviewer added has no text of
    the draft, so the end of the paragraph before it (a heading or the note's details
    excepted: then the start of the one after, in the same note)."""
    if mark.paragraph is None:
        return None, mark.offset
    place = places[mark.paragraph]
    if comparable(place.text):
        return place, mark.offset
    before = next((p for p in reversed(places[:place.index]) if comparable(p.text)), None)
    if before is not None and not _heading_or_details(before):
        return before, len(comparable(before.text))
    after = next((p for p in places[place.index + 1:] if comparable(p.text)), None)
    if after is not None and after.anchors == place.anchors:
        return after, 0
    return place, mark.offset


def _heading_or_details(place: Place) -> bool:
    """A heading, or a note's details (centre, authors…) under its title."""
    meta = style_key(place.style) == style_key(draft_contract.current().note_meta)
    return meta or place.level is not None
