"""Read one reviewer's LibreOffice text (.odt): its paragraphs (styles, headings,
bookmarks), its comments (``office:annotation``, with their range and, where
LibreOffice writes them, their replies and resolved state) and its tracked changes
(``text:tracked-changes``), into the same walk as a Word file."""

from __future__ import annotations

from lxml import etree

from pipeline.office.package import OfficeFileError, Package, parse_xml
from pipeline.outputs.contract import anchor_level
from pipeline.review.body import Change, Mark, Paragraph, Walk
from pipeline.review.comments import Comment, local

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KINDS = {"insertion": "insertion", "deletion": "suppression",
         "format-change": "mise en forme"}
SKIPPED = {f"{{{TEXT}}}tracked-changes", f"{{{TEXT}}}note", f"{{{OFFICE}}}annotation"}
PARAGRAPHS = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}


def t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


def read_odt(package: Package) -> tuple[Walk, tuple[Comment, ...], dict[str, str]]:
    """The walk of the body, the comments, and the document's user-defined properties."""
    content = parse_xml(package.read("content.xml") or b"", "content.xml")
    body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise OfficeFileError("texte LibreOffice sans contenu (content.xml)")
    styles = _style_names(content, package)
    walker = _Walker(styles, _regions(body))
    walker.visit(body)
    return walker.walk, tuple(walker.comments), _properties(package)


def _style_names(content: etree._Element, package: Package) -> dict[str, str]:
    """Style name → the named style it derives from, as displayed (« Note Meta »)."""
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    roots = [content]
    if "styles.xml" in package.names:
        roots.append(parse_xml(package.read("styles.xml") or b"", "styles.xml"))
    for root in roots:
        for style in root.iter(f"{{{STYLE}}}style"):
            name = style.get(f"{{{STYLE}}}name", "")
            names[name] = style.get(f"{{{STYLE}}}display-name") or name.replace("_20_", " ")
            parent = style.get(f"{{{STYLE}}}parent-style-name")
            if parent and style.getparent().tag == f"{{{OFFICE}}}automatic-styles":
                parents[name] = parent
    return {name: names.get(parents.get(name, name), shown) for name, shown in names.items()}


def _regions(body: etree._Element) -> dict[str, tuple[str, str, str, str, int]]:
    """Change id → (kind, author, date, deleted text, paragraph marks deleted)."""
    regions = {}
    for region in body.iter(t("changed-region")):
        for child in region:
            kind = etree.QName(child).localname
            if kind not in KINDS:
                continue
            info = child.find(f"{{{OFFICE}}}change-info")
            author = _text(info, f"{{{DC}}}creator")
            date = _text(info, f"{{{DC}}}date")
            paragraphs = list(child.iter(*PARAGRAPHS)) if kind == "deletion" else []
            deleted = "\n".join(_plain(p) for p in paragraphs)
            name = region.get(t("id")) or region.get(XML_ID, "")
            regions[name] = (kind, author, date, deleted, max(len(paragraphs) - 1, 0))
    return regions


def _text(parent: etree._Element | None, tag: str) -> str:
    found = parent.find(tag) if parent is not None else None
    return (found.text or "").strip() if found is not None else ""


def _plain(element: etree._Element) -> str:
    return "".join(element.itertext())


class _Walker:
    def __init__(self, styles: dict[str, str], regions: dict) -> None:
        self.styles = styles
        self.regions = regions
        self.walk = Walk()
        self.comments: list[Comment] = []
        self.open: dict[str, int] = {}  # bookmark → paragraph count when opened
        self.ranges: dict[str, str] = {}  # annotation name → comment id
        self.inserting: dict[str, Change] = {}  # open insertions

    def visit(self, element: etree._Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return
        if tag in PARAGRAPHS:
            self._paragraph(element)
        elif tag in (t("bookmark-start"), t("bookmark")):
            self._bookmark(element.get(t("name"), ""))
        elif tag == t("bookmark-end"):
            self.open.pop(element.get(t("name"), ""), None)
        elif tag == f"{{{OFFICE}}}annotation":
            self._annotation(element)
        elif tag == f"{{{OFFICE}}}annotation-end":
            name = element.get(f"{{{OFFICE}}}name", "")
            self.walk.comment_ends[name] = self._mark()
            self.ranges.pop(name, None)
        elif tag == t("change-start"):
            self._insertion(element.get(t("change-id"), ""))
        elif tag == t("change-end"):
            self.inserting.pop(element.get(t("change-id"), ""), None)
        elif tag == t("change"):
            self._deletion(element.get(t("change-id"), ""))
        elif tag == t("s"):
            self._add(" " * int(element.get(t("c"), "1") or 1))
        elif tag in (t("tab"), t("line-break")):
            self._add(" ")
        if tag in SKIPPED:
            return
        self._add(element.text or "")
        for child in element:
            self.visit(child)
            if isinstance(child.tag, str):
                self._add(child.tail or "")

    # --- what the walk records ------------------------------------------------------

    def _mark(self) -> Mark:
        paragraphs = self.walk.paragraphs
        if not paragraphs:
            return Mark(None, 0)
        return Mark(len(paragraphs) - 1, paragraphs[-1].offset())

    def _paragraph(self, element: etree._Element) -> None:
        style = self.styles.get(element.get(t("style-name"), ""), "")
        level = int(element.get(t("outline-level"), "1") or 1) \
            if element.tag == t("h") else None
        count = len(self.walk.paragraphs)
        if level is not None:  # a heading ends our bookmarks as high
            for name, opened in list(self.open.items()):
                if opened < count and (anchor_level(name) or 0) >= level:
                    del self.open[name]
        for comment_id in self.ranges.values():
            self.walk.comment_texts[comment_id].append(" ")
        for change in self.inserting.values():  # an insertion across a paragraph mark
            change.text += "\n"
            change.marks += 1
        self.walk.paragraphs.append(Paragraph(element, style, level, list(self.open)))

    def _bookmark(self, name: str) -> None:
        if anchor_level(name) is None or name in self.open:
            return
        self.open[name] = len(self.walk.paragraphs)
        if self.walk.paragraphs:
            self.walk.paragraphs[-1].anchors.append(name)  # it starts inside this paragraph

    def _annotation(self, element: etree._Element) -> None:
        comment_id = element.get(f"{{{OFFICE}}}name") or f"odt-{len(self.comments)}"
        paragraphs = element.findall(t("p")) + element.findall(t("list"))
        text = "\n".join(line for line in (_plain(p).strip() for p in paragraphs) if line)
        self.comments.append(Comment(
            id=comment_id, author=_text(element, f"{{{DC}}}creator"),
            date=_text(element, f"{{{DC}}}date"), text=text, para_id=comment_id,
            parent=local(element, "parent-name"),
            done=local(element, "resolved") in ("true", "1")))
        self.walk.comment_starts[comment_id] = self._mark()
        self.walk.comment_texts[comment_id] = []
        if element.get(f"{{{OFFICE}}}name"):
            self.ranges[comment_id] = comment_id

    def _insertion(self, change_id: str) -> None:
        kind, author, date, _, _ = self.regions.get(change_id, ("", "", "", "", 0))
        if kind == "format-change":  # a format changed: told, its text is the draft's
            self.walk.changes.append(Change(KINDS[kind], author, date, "", self._mark(),
                                            etree.Element("x")))
            return
        if kind != "insertion":
            return
        change = Change("insertion", author, date, "", self._mark(), etree.Element("x"))
        self.walk.changes.append(change)
        self.inserting[change_id] = change

    def _deletion(self, change_id: str) -> None:
        kind, author, date, deleted, marks = self.regions.get(change_id, ("", "", "", "", 0))
        if kind != "deletion":
            return
        mark = self._mark()
        if marks and mark.offset == 0 and mark.paragraph:
            # paragraphs deleted from the end of the one before: LibreOffice puts the
            # change at the start of the next, which may be past the note's end
            previous = self.walk.paragraphs[mark.paragraph - 1]
            mark = Mark(mark.paragraph - 1, previous.offset())
            self.walk.changes.append(Change("suppression", author, date, deleted, mark,
                                            etree.Element("x"), marks))
            previous.pieces.append(deleted.replace("\n", " "))
            return
        if marks and not deleted.strip() and mark.offset:
            # two paragraphs joined: one paragraph now, the join after the first's last
            # character (the one after it is the second's, on its own line)
            mark = Mark(mark.paragraph, mark.offset - 1)
        self.walk.changes.append(Change("suppression", author, date, deleted, mark,
                                        etree.Element("x"), marks))
        self._add(deleted.replace("\n", " "), written=True)

    def _add(self, text: str, written: bool = False) -> None:
        if not text:
            return
        for comment_id in self.ranges.values():
            self.walk.comment_texts[comment_id].append(text)
        for change in self.inserting.values():
            change.text += text
        if self.walk.paragraphs and (written or not self.inserting):
            self.walk.paragraphs[-1].pieces.append(text)


def _properties(package: Package) -> dict[str, str]:
    """meta.xml's user-defined properties (LibreOffice keeps a DOCX's custom ones)."""
    if "meta.xml" not in package.names:
        return {}
    root = parse_xml(package.read("meta.xml") or b"", "meta.xml")
    return {p.get(f"{{{META}}}name", ""): (p.text or "").strip()
            for p in root.iter(f"{{{META}}}user-defined")}
