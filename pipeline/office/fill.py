"""Fill the metadata table of a copy of the Word or LibreOffice note template
(``new-note --format docx|odt``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.office.fields import field_name
from pipeline.office.package import parse_xml

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def filled_template(template: Path, values: dict[str, str]) -> bytes:
    """The template's bytes with the value cell of each named field replaced."""
    if template.suffix.lower() == ".docx":
        return _fill_docx(template.read_bytes(), values)
    return _fill_odt(template.read_bytes(), values)


def _fill_docx(data: bytes, values: dict[str, str]) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    for row in document.tables[0].rows:
        cells = row.cells
        name = field_name(cells[0].text) if len(cells) >= 2 else None
        if name in values:
            paragraphs = cells[1].paragraphs
            for extra in paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            for run in paragraphs[0].runs[1:]:
                run._r.getparent().remove(run._r)
            if paragraphs[0].runs:
                paragraphs[0].runs[0].text = values[name]
            else:
                paragraphs[0].add_run(values[name])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fill_odt(data: bytes, values: dict[str, str]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    content = dict((info.filename, blob) for info, blob in entries)["content.xml"]
    root = parse_xml(content, "content.xml")
    table = next(root.iter(f"{{{TABLE_NS}}}table"))
    for row in table.iter(f"{{{TABLE_NS}}}table-row"):
        cells = row.findall(f"{{{TABLE_NS}}}table-cell")
        name = field_name(_text(cells[0])) if len(cells) >= 2 else None
        if name in values:
            _set_text(cells[1], values[name])
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return _rezip(entries, {"content.xml": blob})


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _set_text(cell: etree._Element, text: str) -> None:
    paragraphs = cell.findall(f"{{{TEXT_NS}}}p")
    for extra in paragraphs[1:]:
        cell.remove(extra)
    paragraph = paragraphs[0] if paragraphs else etree.SubElement(cell, f"{{{TEXT_NS}}}p")
    for child in list(paragraph):
        paragraph.remove(child)
    paragraph.text = text


def _rezip(entries: list[tuple[zipfile.ZipInfo, bytes]], replaced: dict[str, bytes]) -> bytes:
    """The same package with some entries replaced; ``mimetype`` stays first and stored,
    as OpenDocument requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, blob in entries:
            info.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" \
                else zipfile.ZIP_DEFLATED
            target.writestr(info, replaced.get(info.filename, blob))
    return buffer.getvalue()
