"""Reading a writer's text file whatever the editor saved it as."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    guessed: bool  # not UTF-8: the writer should be told


def decode(data: bytes) -> DecodedText:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _clean(data.decode("utf-16", errors="replace"), "utf-16", guessed=False)
    try:
        return _clean(data.decode("utf-8-sig"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        pass
    return _clean(data.decode("cp1252", errors="replace"), "windows-1252", guessed=True)


def read_text(path: Path) -> DecodedText:
    return decode(path.read_bytes())


def _clean(text: str, encoding: str, *, guessed: bool) -> DecodedText:
    # NFC, never NFKC: NFKC would turn French non-breaking spaces into plain ones.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return DecodedText(text, encoding, guessed)
