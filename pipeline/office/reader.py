"""Read a Word or LibreOffice note into the same ``RawNote`` as a Markdown note:
fields from the metadata table (or the document properties), body through pandoc,
images extracted under ``build/_office/`` where the notes filter finds them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
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
    NOTE_BODY,
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
        document = _without_contents(read_document(path, workspace), shown, report)
        _report_tracked_changes(document.package, shown, report)
        _report_linked_images(document.package, shown, report)
        found = _front_matter(document, shown, report)
        if found is None:
            return None
        front_matter, blocks = found
        blocks = _without_objects(blocks, document.package, shown, report)
        body = body_markdown(document, described(blocks, document.package), workspace)
    except OfficeFileError as exc:
        report.error(shown, None, exc.message, "note.fichier")
        return None
    except PandocError as exc:
        report.error(shown, None, f"document illisible : {pandoc_reason(f'{exc} {exc.detail}')} ; "
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


# A Word table of contents links its entries to « _Toc… » bookmarks; LibreOffice's is a
# text:table-of-content. pandoc reads either as paragraphs of internal links.
_CONTENTS = {"docx": (b'w:anchor="_Toc',), "odt": (b"<text:table-of-content",)}


def _without_contents(document: OfficeDocument, shown: str,
                      report: Report) -> OfficeDocument:
    """The note's own table of contents left out, said once: the contribution has its
    own, and each entry would otherwise be reported as a link that cannot be kept."""
    xml = document.package.read(NOTE_BODY[document.package.kind]) or b""
    if not any(mark in xml for mark in _CONTENTS[document.package.kind]):
        return document
    blocks = document.ast["blocks"]
    kept = [b for b in blocks if not _contents_entry(b)]
    removed = len(blocks) - len(kept)
    if not removed:
        return document
    report.info(shown, None, f"table des matières de la note retirée ({removed} entrée"
                f"{'s' if removed > 1 else ''}) : le document de la contribution a la sienne, "
                "qui reprend les titres de la note", "note.sommaire")
    return replace(document, ast={**document.ast, "blocks": kept})


def _contents_entry(block: dict) -> bool:
    """A paragraph made only of links inside the document (and the spaces between)."""
    if block.get("t") not in ("Para", "Plain"):
        return False
    inlines = [i for i in block["c"] if i.get("t") not in ("Space", "SoftBreak", "LineBreak")]
    return bool(inlines) and all(
        i.get("t") == "Link" and i["c"][2][0].startswith("#") for i in inlines)


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
    ("DocxError", "une partie qu'un document Word doit contenir y manque ou est endommagée"),
    ("couldn't parse docx", "une partie qu'un document Word doit contenir y manque ou est "
                            "endommagée"),
    ("Couldn't parse ODT", "une partie qu'un texte LibreOffice doit contenir y manque ou est "
                           "endommagée"),
    ("ODT", "une partie qu'un texte LibreOffice doit contenir y manque ou est endommagée"),
    ("XML", "le texte du document est endommagé (XML incorrect)"),
    ("n'a pas terminé", "sa lecture a pris trop de temps"),
)


def pandoc_reason(message: str) -> str:
    """What is wrong with the file, as the reading tool's message lets us tell."""
    for needle, reason in _PANDOC_REASONS:
        if needle.lower() in message.lower():
            return reason
    return "sa structure interne est inattendue"


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

# Embedded objects: an OLE object (an Excel table, a Visio drawing…) comes with a preview
# picture in a format the publication refuses (EMF, WMF, SVM); a chart, with none.
_DOCX_OLE = re.compile(rb"<w:object\b.*?</w:object>", re.S)
_DOCX_PREVIEW = re.compile(rb'<v:imagedata\b[^>]*?r:id="([^"]+)"')
_DOCX_CHART = re.compile(rb'<a:graphicData\b[^>]*?uri="[^"]*/chart"')
_ODF_OBJECT = re.compile(rb"<draw:object\b|<draw:object-ole\b")


def _without_objects(blocks: list, package: Package, shown: str, report: Report) -> list:
    """The embedded objects said once, their preview pictures left out (their « format
    refused » would contradict it)."""
    objects, charts, previews = _objects(package)
    if not objects and not charts:
        return blocks
    kinds = [_count_of(objects, "objet incorporé", "objets incorporés") + " (tableau Excel, "
             "formule, dessin…)" if objects else "", _count_of(charts, "graphique", "graphiques")
             if charts else ""]
    report.warning(shown, None, f"{' et '.join(k for k in kinds if k)} : non repris dans la "
                   "publication ; insérez-les plutôt comme images (PNG ou JPEG, avec un texte "
                   "de remplacement) ou recopiez leurs données dans un tableau", "note.objet")

    def change(node: dict) -> dict | None:
        if node["t"] == "Image" and previews and any(
                node["c"][2][0].endswith(name) for name in previews):
            return {"t": "Str", "c": ""}
        return None

    return rewrite(blocks, change)  # type: ignore[return-value]


def _objects(package: Package) -> tuple[int, int, tuple[str, ...]]:
    """How many embedded objects and charts the text holds, and the names of the objects'
    preview pictures as pandoc extracts them."""
    if package.kind == "odt":
        xml = package.read("content.xml") or b""
        return len(_ODF_OBJECT.findall(xml)), 0, ("ObjectReplacements/",)
    xml = package.read("word/document.xml") or b""
    ole = _DOCX_OLE.findall(xml)
    ids = {m.decode() for o in ole for m in _DOCX_PREVIEW.findall(o)}
    rels = package.read("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in
               parse_xml(rels, "word/_rels/document.xml.rels")} if rels and ids else {}
    previews = tuple(targets[i].rpartition("/")[2] for i in ids if targets.get(i))
    return len(ole), len(_DOCX_CHART.findall(xml)), previews


def _count_of(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"

# What a writer types in « Texte de remplacement » (Word: Description, Titre; LibreOffice:
# Texte alternatif, Description). pandoc reads Word's description as the image's
# alternative text, Word's title as its title only, and LibreOffice's neither.
_ODF_IMAGE = re.compile(rb"<draw:frame\b.*?</draw:frame>", re.S)
_ODF_TEXT = {"desc": re.compile(rb"<svg:desc>(.*?)</svg:desc>", re.S),
             "title": re.compile(rb"<svg:title>(.*?)</svg:title>", re.S)}


def described(blocks: list, package: Package) -> list:
    """Each picture with the description its writer gave it as its alternative text."""
    odf = _odf_descriptions(package) if package.kind == "odt" else None
    if odf is not None and len(odf) != _count_images(blocks):
        odf = []  # an image pandoc read differently: better no text than another's
    images = iter(odf or ())

    def change(node: dict) -> dict | None:
        if node["t"] != "Image":
            return None
        attr, alt, (src, title) = node["c"]
        text = next(images, "") if odf is not None else title
        if plain_text(alt).strip():
            return None
        # LibreOffice's title came as a slug (« le-jardin-en-été »): the writer's text instead
        return {"t": "Image", "c": [attr, _inlines(text), [src, "" if odf is not None
                                                            else title]]}

    return rewrite(blocks, change)  # type: ignore[return-value]


def _odf_descriptions(package: Package) -> list[str]:
    """The description (else the title) of each picture of the text, in order."""
    xml = package.read("content.xml") or b""
    body = xml[xml.find(b"<office:body"):]
    found = []
    for frame in _ODF_IMAGE.findall(body):
        if b"<draw:image" not in frame:
            continue
        texts = [m.group(1) for key in ("desc", "title") if (m := _ODF_TEXT[key].search(frame))]
        found.append(_unescaped(texts[0]) if texts else "")
    return found


def _unescaped(text: bytes) -> str:
    value = text.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"),
                         ("&amp;", "&")):
        value = value.replace(entity, char)
    return " ".join(value.split())


def _count_images(blocks: list) -> int:
    count = 0

    def seen(node: dict) -> None:
        nonlocal count
        if node["t"] == "Image":
            count += 1

    rewrite(blocks, lambda node: seen(node))
    return count


def _inlines(text: str) -> list:
    words = text.split()
    out: list = []
    for index, word in enumerate(words):
        out += [{"t": "Space"}] if index else []
        out.append({"t": "Str", "c": word})
    return out

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
