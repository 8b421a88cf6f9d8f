"""Read a Word or LibreOffice note into the same ``RawNote`` as a Markdown note:
fields from the metadata table (or the document properties), body through pandoc,
images extracted under ``build/_office/`` where the notes filter finds them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.coerce import SLUG
from pipeline.diagnostics import Report, TableRow
from pipeline.model import RawNote
from pipeline.office.fields import (
    SPECS,
    DuplicateField,
    Row,
    field_name,
    is_metadata,
    to_mapping,
)
from pipeline.office.package import (
    OfficeFileError,
    Package,
    check_note_bounds,
    open_package,
    parse_xml,
)
from pipeline.office.properties import property_rows
from pipeline.pandoc import PandocError, run_pandoc
from pipeline.pandoc_ast import plain_text, rewrite
from pipeline.schema import NOTE_FIELDS
from pipeline.workspace import Workspace
from pipeline.yamlread import Located

OFFICE_SUFFIXES = {".docx": "docx", ".odt": "odt"}
MEDIA_ROOT = "build/_office"  # relative to the workspace, like the notes filter's paths
# What the notes filter reads back; nothing that could carry raw markup or attributes.
BODY_FORMAT = "-".join(["markdown", "raw_html", "raw_attribute", "native_divs",
                        "native_spans", "bracketed_spans", "fenced_divs", "header_attributes",
                        "link_attributes", "inline_code_attributes", "fenced_code_attributes",
                        "yaml_metadata_block"])


@dataclass(frozen=True)
class OfficeDocument:
    """A checked Office file and pandoc's reading of it (images already extracted)."""

    package: Package
    ast: dict
    media: str  # workspace-relative folder of its images
    digest: str


def read_office_note(path: Path, workspace: Workspace, report: Report) -> RawNote | None:
    shown = workspace.relative(path)
    try:
        document = read_document(path, workspace)
        _report_tracked_changes(document.package, shown, report)
        _report_linked_images(document.package, shown, report)
        found = _front_matter(document, shown, report)
        if found is None:
            return None
        front_matter, blocks = found
        body = body_markdown(document, blocks, workspace)
    except OfficeFileError as exc:
        report.error(shown, None, exc.message, "note.fichier")
        return None
    except PandocError as exc:
        report.error(shown, None, f"document illisible : {pandoc_reason(str(exc))} ; "
                     "enregistrez-le de nouveau depuis Word ou LibreOffice", "note.fichier")
        return None
    except (ValueError, KeyError, IndexError, TypeError):
        report.error(shown, None, "document illisible : sa structure est inattendue ; "
                     "enregistrez-le de nouveau depuis Word ou LibreOffice", "note.fichier")
        return None
    relative = path.relative_to(workspace.sources)
    return RawNote(
        path=shown, note_id=relative.with_suffix("").as_posix(),
        folder=relative.parts[0] if len(relative.parts) > 1 else "",
        front_matter=front_matter, body=body, body_line=0, content_hash=document.digest,
        media_base=document.media,
    )


def _report_tracked_changes(package: Package, shown: str, report: Report) -> None:
    """pandoc reads a document with its tracked changes accepted: the writer is told."""
    if package.kind == "docx":
        xml = package.read("word/document.xml") or b""
        # a move is counted once, where the text arrives (``w:moveTo``)
        count = xml.count(b"<w:ins ") + xml.count(b"<w:del ") + xml.count(b"<w:moveTo ")
    else:
        xml = package.read("content.xml") or b""
        count = xml.count(b"<text:changed-region")
    if count:
        report.warning(shown, None, f"{count} modification(s) suivie(s) en attente : la "
                       "construction les prend comme acceptées ; acceptez-les ou refusez-les "
                       "dans Word ou LibreOffice pour en décider", "note.modifications")


def _report_linked_images(package: Package, shown: str, report: Report) -> None:
    """A picture linked to a file or a web address, not inserted: pandoc leaves it out."""
    for target in linked_images(package):
        report.warning(shown, None, f"image liée « {target} » et non insérée : elle n'apparaîtra "
                       "pas ; insérez l'image elle-même dans le document (Insertion › Image, "
                       "sans « Lier au fichier »)", "note.image")


def linked_images(package: Package) -> list[str]:
    if package.kind == "docx":
        rels = package.read("word/_rels/document.xml.rels")
        if rels is None:
            return []
        return [r.get("Target", "") for r in parse_xml(rels, "word/_rels/document.xml.rels")
                if r.get("Type", "").endswith("/image") and r.get("TargetMode") == "External"]
    content = package.read("content.xml") or b""
    hrefs = re.findall(rb'<draw:image\b[^>]*?xlink:href="([^"]+)"', content)
    return [h.decode("utf-8", "replace") for h in hrefs
            if not h.startswith((b"Pictures/", b"./Pictures/", b"media/"))]


# pandoc's messages are Haskell's (« HasCallStack backtrace », « DocxError »…): the writer
# gets one French reason instead.
_PANDOC_REASONS = (
    ("UnresolvedEntity", "il contient une entité XML inconnue"),
    ("DocxError", "ce n'est pas un document Word que pandoc sait lire"),
    ("couldn't parse docx", "ce n'est pas un document Word que pandoc sait lire"),
    ("Couldn't parse ODT", "ce n'est pas un texte LibreOffice que pandoc sait lire"),
    ("ODT", "ce n'est pas un texte LibreOffice que pandoc sait lire"),
    ("XML", "son XML est incorrect"),
    ("n'a pas terminé", "sa lecture a pris trop de temps"),
)


def pandoc_reason(message: str) -> str:
    for needle, reason in _PANDOC_REASONS:
        if needle.lower() in message.lower():
            return reason
    return "pandoc n'a pas pu le lire"


def read_document(path: Path, workspace: Workspace) -> OfficeDocument:
    package = open_package(path, OFFICE_SUFFIXES[path.suffix.lower()])
    check_note_bounds(package)
    digest = hashlib.sha256(package.data).hexdigest()
    media = f"{MEDIA_ROOT}/{digest[:16]}"
    result = run_pandoc(["--from", package.kind, "--to=json", "--sandbox",
                         f"--extract-media={media}"], package.data, workspace.root)
    return OfficeDocument(package, json.loads(result.output), media, digest)


def body_markdown(document: OfficeDocument, blocks: list, workspace: Workspace) -> str:
    """``blocks`` as the Markdown the notes filter reads, images relative to the media."""
    ast = {**document.ast, "blocks": _relative_images(blocks, document.media)}
    result = run_pandoc(["--from=json", "--to", BODY_FORMAT, "--wrap=none",
                         "--markdown-headings=atx", "--sandbox"],
                        json.dumps(ast).encode("utf-8"), workspace.root)
    return result.output.decode("utf-8")


# --- fields ------------------------------------------------------------------------

def _front_matter(document: OfficeDocument, shown: str,
                  report: Report) -> tuple[Located, list] | None:
    """The fields (from the first table when it is the metadata table, else from the
    document properties) and the body's blocks without that table."""
    blocks = document.ast["blocks"]
    index = next((i for i, b in enumerate(blocks) if b.get("t") == "Table"), None)
    rows = table_rows(blocks[index]) if index is not None else []
    try:
        if is_metadata(rows):
            return to_mapping(rows), blocks[:index] + blocks[index + 1:]
        rows = _meta_rows(document.ast.get("meta", {})) + \
            _keywords_as_themes(property_rows(document.package), shown, report)
        missing = _missing(rows)
        if missing:
            report.error(shown, None, _no_table_message(document.package.kind, missing),
                         "note.tableau")
            return None
        fields = list({field_name(r.label): r for r in rows}.values())
        names = ", ".join(f"« {_label(r)} »" for r in fields)
        report.info(shown, None, f"pas de tableau d'informations : champs lus dans les "
                    f"propriétés du document (Fichier › Propriétés) : {names}",
                    "note.proprietes")
        return to_mapping(fields), blocks
    except DuplicateField as exc:
        report.error(shown, exc.line, f"champ « {exc.name} » en double", "note.entete")
        return None


def _label(row: Row) -> str:
    spec = SPECS.get(field_name(row.label) or "")
    return spec.label if spec and spec.label else row.label


def _keywords_as_themes(rows: list[Row], shown: str, report: Report) -> list[Row]:
    """The Keywords property stands for the themes only when it holds theme ids: Office
    files often carry free keywords (« Test word »), which are no themes."""
    kept = []
    for row in rows:
        items = [i.strip() for i in re.split(r"[,;\n]", row.value) if i.strip()]
        if row.label == "themes" and not all(SLUG.match(i) for i in items):
            report.info(shown, None, f"mots-clés du document « {row.value.strip()} » ignorés : "
                        "ce ne sont pas des identifiants de thèmes (exemple : acces-culture)",
                        "note.proprietes")
            continue
        kept.append(row)
    return kept


def _meta_rows(meta: dict) -> list[Row]:
    """Title and authors as pandoc found them (a « Title » paragraph, for instance)."""
    rows = []
    if "title" in meta:
        rows.append(Row("titre", plain_text(meta["title"]).strip(), 0))
    author = meta.get("author")
    if author is not None:
        names = author["c"] if author.get("t") == "MetaList" else [author]
        rows.append(Row("auteurs", ", ".join(plain_text(n).strip() for n in names), 0))
    return [row for row in rows if row.value]


def table_rows(table: dict) -> list[Row]:
    """Each row of a pandoc table as (first cell, second cell), numbered from 1 as the
    writer counts them (the heading row included)."""
    _, _, _, head, bodies, foot = table["c"]
    rows = head[1] + [r for body in bodies for r in body[2] + body[3]] + foot[1]
    found = []
    for number, row in enumerate(rows, start=1):
        cells = [plain_text(cell[4]).strip() for cell in row[1]]
        if len(cells) >= 2:
            found.append(Row(cells[0], cells[1], TableRow(number)))
    return found


def _missing(rows: list[Row]) -> list[str]:
    present = {field_name(row.label) for row in rows}
    return [spec.label for spec in NOTE_FIELDS if spec.required and spec.name not in present]


def _no_table_message(kind: str, missing: list[str]) -> str:
    fields = ", ".join(f"« {label} »" for label in missing)
    return (f"pas de tableau d'informations en tête de la note, et les propriétés du "
            f"document ne donnent pas : {fields} ; partez du modèle "
            f"templates/note-modele.{kind}")


# --- images ------------------------------------------------------------------------

def _relative_images(blocks: list, media: str) -> list:
    """Image paths relative to ``media``, which becomes the note's base folder."""
    prefix = media + "/"

    def change(node: dict) -> dict | None:
        if node["t"] != "Image":
            return None
        attr, alt, (src, title) = node["c"]
        src = src[len(prefix):] if src.startswith(prefix) else src
        return {"t": "Image", "c": [attr, rewrite(alt, change), [src, title]]}

    return rewrite(blocks, change)
