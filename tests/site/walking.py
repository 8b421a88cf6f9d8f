"""Reading a built site as a whole: every internal link and ``src`` of its HTML, and the
text of every file it holds (Pagefind's compressed index files opened)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
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
    """(path under the site, text) of every file written under ``site``, compressed
    ones opened; binary files as their bytes read loosely (a name would still show)."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name.endswith(COMPRESSED) and data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield path.relative_to(site).as_posix(), data.decode("utf-8", errors="replace")


def leaks(site: Path, secrets: dict[str, str]) -> dict[str, list[str]]:
    """For each secret (what it is → its text) found in some file, where (case and
    spacing ignored, case kept: « PROJET » is a draft's mark, « projet » a word)."""
    def plain(text: str) -> str:
        return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    wanted = {what: plain(text) for what, text in secrets.items()}
    found: dict[str, list[str]] = {}
    for path, text in texts(site):
        flat = plain(text)
        for what, needle in wanted.items():
            if needle in flat:
                found.setdefault(what, []).append(path)
    return found
