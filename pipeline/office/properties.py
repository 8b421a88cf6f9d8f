"""A document's properties (File › Properties in Word and LibreOffice) as rows: the
fallback for a note without the template's metadata table."""

from __future__ import annotations

from pipeline.office.fields import Row, field_name
from pipeline.office.package import Package, parse_xml

DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"

# Standard properties that carry a note's field; the rest (subject, comments…) do not.
CORE = {f"{DC}title": "titre", f"{DC}creator": "auteurs", f"{CP}keywords": "themes"}


def property_rows(package: Package) -> list[Row]:
    rows = _docx_rows(package) if package.kind == "docx" else _odt_rows(package)
    # Only what names a note's field (Office files carry many other properties); a
    # custom property, read last, wins over a standard one.
    fields = {field_name(row.label): row for row in rows if row.value.strip()}
    return [row for name, row in fields.items() if name]


def _docx_rows(package: Package) -> list[Row]:
    rows = []
    core = package.read("docProps/core.xml")
    if core is not None:
        for element in parse_xml(core, "docProps/core.xml"):
            if element.tag in CORE:
                rows.append(Row(CORE[element.tag], element.text or "", 0))
    custom = package.read("docProps/custom.xml")
    if custom is not None:
        for prop in parse_xml(custom, "docProps/custom.xml").iter(f"{CUSTOM}property"):
            rows.append(Row(prop.get("name", ""), "".join(prop.itertext()), 0))
    return rows


def _odt_rows(package: Package) -> list[Row]:
    meta = package.read("meta.xml")
    container = None if meta is None else parse_xml(meta, "meta.xml").find(f"{ODF_OFFICE}meta")
    if container is None:
        return []
    found: dict[str, str] = {}
    keywords, rows = [], []
    for element in container:
        if element.tag == f"{ODF_META}keyword":
            keywords.append(element.text or "")
        elif element.tag == f"{ODF_META}user-defined":
            rows.append(Row(element.get(f"{ODF_META}name", ""), element.text or "", 0))
        else:
            found[element.tag] = element.text or ""
    # dc:creator is whoever saved last; the author is the initial creator.
    author = found.get(f"{ODF_META}initial-creator") or found.get(f"{DC}creator", "")
    rows += [Row("titre", found.get(f"{DC}title", ""), 0), Row("auteurs", author, 0),
             Row("themes", ", ".join(keywords), 0)]
    return rows
