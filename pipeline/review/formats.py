"""What a reviewer's file is, before reading it: a Word document (.docx, Transitional
or Strict Open XML), a LibreOffice text (.odt), or a file refused with its real
reason (macros, the old binary format, a password)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import olefile

READ = (".docx", ".odt")
REFUSED = (".docm", ".doc", ".dot", ".dotm", ".rtf", ".pages", ".pdf")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "enregistrez-le au format « Document Word (.docx) » ou « Texte OpenDocument (.odt) »"

# Strict Open XML (ISO 29500 Strict) → the Transitional names python-docx reads; the
# longer names first (a relationship type before its namespace).
STRICT = (
    ("http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/relationships",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ("http://purl.oclc.org/ooxml/officeDocument/customProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/",
     "http://schemas.openxmlformats.org/officeDocument/2006/"),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main",
     "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    ("http://purl.oclc.org/ooxml/drawingml/", "http://schemas.openxmlformats.org/drawingml/2006/"),
)
STRICT_MARK = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def is_review_file(path: Path) -> bool:
    """A file of ``reviews/<id>/`` to read or to name (not a lock file or a hidden one)."""
    return path.is_file() and not path.name.startswith(("~$", ".", ".~lock"))


def refusal(path: Path) -> str | None:
    """Why ``path`` cannot be read (in French), or None."""
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        return f"fichier illisible ({exc.strerror or exc})"
    if head == OLE_MAGIC:
        return _ole_refusal(path, suffix)
    if suffix in (".docm", ".dotm"):
        return ("document Word avec macros (.docm) : il n'est pas lu, par prudence ; "
                f"{SAVE_AS}")
    if suffix not in READ:
        return f"format {suffix or 'sans extension'} non lu : {SAVE_AS}"
    return None


def _ole_refusal(path: Path, suffix: str) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
            word97 = ole.exists("WordDocument")
    except OSError:
        return f"fichier endommagé ; {SAVE_AS}"
    if encrypted:
        return ("document protégé par un mot de passe (chiffré) : il ne peut pas être lu ; "
                "demandez au relecteur de l'enregistrer sans mot de passe (Fichier > Informations "
                "> Protéger le document)")
    if word97 or suffix in (".doc", ".dot"):
        return f"ancien format Word 97-2003 (.doc), non lu : {SAVE_AS}"
    return f"fichier Office d'un format non lu : {SAVE_AS}"


def is_strict(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return STRICT_MARK in archive.read("word/document.xml")[:4096]
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def transitional(data: bytes) -> bytes:
    """A Strict Open XML package with Transitional names, so that it reads as any DOCX."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for strict, transitional_name in STRICT:
                    blob = blob.replace(strict.encode(), transitional_name.encode())
            target.writestr(info.filename, blob)
    return out.getvalue()


