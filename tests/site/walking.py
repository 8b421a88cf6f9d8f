"""Reading a built site as a whole: every internal link and ``src`` of its HTML, and the
text of every file it holds (Pagefind's compressed index files opened)."""

from __future__ import annotations

import gzip
import html
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {"href", "src", "action", "poster"}
# Pagefind writes its index, fragments, filters and metadata gzip-compressed
COMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name in LINKING or name == "srcset"):
                if name == "srcset":
                    self.found += [part.split()[0] for part in value.split(",") if part.strip()]
                else:
                    self.found.append(value)


def links_of(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def target_of(site: Path, page: Path, link: str) -> Path | None:
    """The file of ``site`` an internal link of ``page`` names; None for an external
    link, a bare ``#anchor`` or a ``mailto:``."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """``page: link`` for every internal link or ``src`` that names no file of the site
    (or a file outside it)."""
    site = site.resolve()
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in links_of(page):
            target = target_of(site, page, link)
            if target is not None and not (target.is_file() and target.is_relative_to(site)):
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def texts(site: Path) -> Iterator[tuple[str, str]]:
    """(path under the site, text) of every file written under ``site``: Pagefind's
    gzip-compressed files opened, a DOCX's XML parts, a PDF's text (pdftotext), other
    binary files as their bytes read loosely (a name would still show)."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        yield path.relative_to(site).as_posix(), _text(path)


def _text(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(COMPRESSED) and data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            data = b"\n".join(package.read(n) for n in package.namelist()
                              if n.endswith((".xml", ".rels")))
        return re.sub(r"<[^>]+>", "", data.decode("utf-8", errors="replace"))
    elif path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    return data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Words:
    """A text looked for by its words alone (markup, punctuation, apostrophes and the
    site's typography aside): a writer's paragraph as it would read once published."""

    text: str

    @property
    def words(self) -> str:
        return words(self.text)


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html.unescape(text))))


def leaks(site: Path, secrets: dict[str, str | Words | re.Pattern[str]]) -> dict[str, list[str]]:
    """For each secret (what it is → its text) found in some file, where: a ``str`` as it
    is (spacing aside; case kept: « PROJET » is a draft's mark, « projet » a word), a
    pattern by search, ``Words`` by its words."""
    def plain(text: str) -> str:
        return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    found: dict[str, list[str]] = {}
    for path, text in texts(site):
        flat, bare = plain(text), None
        for what, secret in secrets.items():
            if isinstance(secret, Words):
                bare = words(text) if bare is None else bare
                hit = words(secret.text) in bare
            elif isinstance(secret, re.Pattern):
                hit = secret.search(text) is not None
            else:
                hit = plain(secret) in flat
            if hit:
                found.setdefault(what, []).append(path)
    return found
