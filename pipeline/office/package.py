"""Opening an Office file (a zip package) and parsing its XML, safely.

Every zip a writer or a reviewer hands us is opened by ``open_package``: one place
to reinforce (zip-bomb limits) without touching the readers."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.office.cost import MAX_NOTE_LOAD, note_load

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_ENTRIES = 5_000
MAX_PART_BYTES = 60 * 1024 * 1024
MAX_RATIO = 200  # XML compresses about 10:1; a bomb, thousands to one
# A note (not a reviewer's file, which holds a whole contribution) is bounded before
# pandoc reads it: pandoc takes about 100 times the XML's size in memory, and what it
# reads is laid out (``cost.py``). The template's note is 30 KB of XML and 60
# paragraphs; a long note, a few hundred KB and paragraphs.
MAX_NOTE_XML_BYTES = 5_000_000
NOTE_BODY = {"docx": "word/document.xml", "odt": "content.xml"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML file, or a .doc

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCX_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
ODT_TYPES = ("application/vnd.oasis.opendocument.text",
             "application/vnd.oasis.opendocument.text-template")
RESAVE = "enregistrez-le de nouveau depuis Word ou LibreOffice"


class OfficeFileError(Exception):
    """A file that cannot be read as a Word or LibreOffice document (French message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Package:
    """An Office file checked and held in memory."""

    data: bytes
    kind: str  # "docx" | "odt"
    names: frozenset[str]

    def size(self, name: str) -> int:
        """The unpacked size of a part (0 when absent), without unpacking it."""
        if name not in self.names:
            return 0
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.getinfo(name).file_size

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            info = archive.getinfo(name)
            if info.file_size > MAX_PART_BYTES:
                raise OfficeFileError(f"partie « {name} » trop volumineuse")
            return _read_entry(archive, name)


def open_package(path: Path, kind: str, *, allow_macros: bool = False) -> Package:
    """``path`` as a checked ``kind`` ("docx" or "odt") package, or ``OfficeFileError``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OfficeFileError(f"fichier trop volumineux ({size // (1024 * 1024)} Mo ; "
                                  f"au plus {MAX_FILE_BYTES // (1024 * 1024)} Mo)")
        data = path.read_bytes()
    except OSError as exc:
        raise OfficeFileError(f"fichier illisible ({exc.strerror or exc})") from None
    if data.startswith(OLE_MAGIC):
        raise OfficeFileError(_ole_message(data, kind))
    names = _check_zip(data, kind)
    package = Package(data, kind, names)
    if kind == "docx":
        _check_docx(package, allow_macros)
    else:
        _check_odt(package, allow_macros)
    return package


def _ole_message(data: bytes, kind: str) -> str:
    """Word saves a password-protected .docx as an OLE container, like an old .doc."""
    if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data or \
            "EncryptedPackage".encode("utf-16-le") in data:
        return ("document protégé par un mot de passe : il ne peut pas être lu ; "
                "enregistrez-en une copie sans mot de passe (Fichier › Informations › Protéger "
                "le document)")
    return ("ancien format Word (.doc) sous une autre extension : ouvrez-le dans Word ou "
            "LibreOffice et enregistrez-le au format « Document Word (.docx) »"
            if kind == "docx" else
            f"ce fichier n'est pas un texte LibreOffice (.odt) : {RESAVE} au format "
            "« Texte OpenDocument (.odt) »")


def check_note_bounds(package: Package) -> None:
    """A note's text part within what a note holds, checked before pandoc reads it:
    its size from the zip's directory (nothing unpacked), then its paragraphs."""
    name = NOTE_BODY[package.kind]
    size = package.size(name)
    if size > MAX_NOTE_XML_BYTES:
        shown = f"{size / 1e6:.1f}".replace(".", ",")
        raise OfficeFileError(f"document trop long pour une note ({shown} Mo de texte "
                              f"et de mise en forme ; au plus {MAX_NOTE_XML_BYTES // 1_000_000} "
                              "Mo) : découpez-le en plusieurs notes ou retirez-en ce qui n'est "
                              "pas la note")
    xml = package.read(name) or b""
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise OfficeFileError(f"document au contenu XML inhabituel (déclarations DTD) ; {RESAVE}")
    load = note_load(xml, package.kind)
    if load.total > MAX_NOTE_LOAD:
        raise OfficeFileError(load.message())
    _check_well_formed(xml, name)


def _check_well_formed(xml: bytes, name: str) -> None:
    """The text part parsed before pandoc: a cut or damaged part is said as such, with
    where it breaks, rather than as what the reading tool answers."""
    try:
        etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        where = f", à la ligne {line} de sa partie « {name} »" if line else ""
        ended = "tronqué (il s'arrête avant sa fin)" if _cut(exc, xml) else "endommagé"
        raise OfficeFileError(f"le texte du document est {ended}{where} ; le fichier a sans "
                              f"doute été mal copié ou mal enregistré : {RESAVE}, ou reprenez "
                              "une copie antérieure") from None


def _cut(exc: etree.XMLSyntaxError, xml: bytes) -> bool:
    """libxml2's « Premature end of data » (or another error at the very end): the text
    stops before its end."""
    lines = xml.rstrip().split(b"\n")
    line, column = exc.position or (0, 0)
    at_end = line == len(lines) and column >= len(lines[-1]) - 16  # in the last tag
    return exc.code in (5, 77) or at_end  # XML_ERR_DOCUMENT_END, XML_ERR_TAG_NOT_FINISHED


def _check_zip(data: bytes, kind: str) -> frozenset[str]:
    label = "Word (.docx)" if kind == "docx" else "LibreOffice (.odt)"
    broken = (f"fichier endommagé ou incomplet : ce n'est pas un document {label} lisible ; "
              f"{RESAVE}")
    if not data:
        raise OfficeFileError("fichier vide")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES or \
                    sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES or \
                    any(_inflated(i) for i in infos):
                raise OfficeFileError("document trop volumineux une fois décompressé")
            if any(_odd_name(i.filename) for i in infos):
                raise OfficeFileError(broken)
            if archive.testzip() is not None:
                raise OfficeFileError(broken)
            return frozenset(i.filename for i in infos)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            NotImplementedError):
        raise OfficeFileError(broken) from None


def _inflated(info: zipfile.ZipInfo) -> bool:
    """A part that inflates far beyond what documents do: the mark of a zip bomb."""
    return info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _odd_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or len(name) > 255 or "\0" in name


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError):
        raise OfficeFileError(f"partie « {name} » endommagée ; {RESAVE}") from None


def _check_docx(package: Package, allow_macros: bool) -> None:
    types = package.read("[Content_Types].xml")
    if types is None or "word/document.xml" not in package.names:
        raise OfficeFileError("ce fichier n'est pas un document Word (.docx) : "
                              f"{RESAVE} au format « Document Word (.docx) »")
    text = types.decode("utf-8", "replace")
    macros = "macroEnabled" in text or any(n.endswith("vbaProject.bin") for n in package.names)
    if macros and not allow_macros:
        raise OfficeFileError("document Word avec macros (.docm) refusé : enregistrez-le au "
                              "format « Document Word (.docx) »")
    if not macros and DOCX_MAIN not in text and DOCX_TEMPLATE not in text:
        raise OfficeFileError(f"ce fichier n'est pas un document Word (.docx) ; {RESAVE}")


def _check_odt(package: Package, allow_macros: bool) -> None:
    mimetype = (package.read("mimetype") or b"").decode("ascii", "replace").strip()
    if mimetype not in ODT_TYPES or "content.xml" not in package.names:
        raise OfficeFileError("ce fichier n'est pas un texte LibreOffice (.odt) : "
                              f"{RESAVE} au format « Texte OpenDocument (.odt) »")
    if b"encryption-data" in (package.read("META-INF/manifest.xml") or b""):
        raise OfficeFileError("document protégé par un mot de passe : il ne peut pas être lu ; "
                              "enregistrez-en une copie sans mot de passe (Fichier › Enregistrer "
                              "sous, sans cocher « Enregistrer avec mot de passe »)")
    scripts = any(n.startswith(("Basic/", "Scripts/")) and not n.endswith("/")
                  for n in package.names)
    if scripts and not allow_macros:
        raise OfficeFileError("document LibreOffice avec macros refusé : enregistrez-en une "
                              "copie sans macros au format .odt")


# --- XML ---------------------------------------------------------------------------

def _parser() -> etree.XMLParser:
    # No DTD, no entities, no network: an XML part is data, never instructions.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_pis=True)


def parse_xml(blob: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(blob, parser=_parser())
    except etree.XMLSyntaxError:
        raise OfficeFileError(f"partie « {name} » illisible (XML incorrect) ; {RESAVE}") from None
