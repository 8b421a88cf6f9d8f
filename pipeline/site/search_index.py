"""The search index, by Pagefind (its Python package ships the binary): the note pages
only (their ``<main data-pagefind-body>``), French stemming forced. The index is made in
a scratch folder and handed back as files, which ``write.sync`` writes only where their
bytes changed: Pagefind names its fragments by their content, so a changed note
changes only the fragments it is in.

The package's binary runs as a command (``python -m pagefind --site …``), not through
its asyncio service (``pagefind.index.PagefindIndex``): the service answers
``write_files`` before every file is on disk, and closing it terminates the process, so
that files came out cut short (2 runs in 14 here: ``pagefind-highlight.js``,
``pagefind-ui.css``); the command exits once all is written. ``get_files`` is no way
out: its one answer is bounded to 2 MiB by the service's pipe."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.site.write import sync

FOLDER = "pagefind"
TIMEOUT_SECONDS = 600


def index_files(pages: dict[str, str], scratch: Path) -> dict[str, bytes]:
    """``pages``: path under the site → HTML; returns ``pagefind/…`` → bytes. The pages
    Pagefind reads are kept in ``scratch`` from one build to the next, written again
    only when changed."""
    source, output = scratch / "pages", scratch / "index"
    sync(source, {path: html.encode("utf-8") for path, html in pages.items()})
    shutil.rmtree(output, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(source),
                           "--output-path", str(output), "--force-language", "fr", "--silent"],
                          capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    if done.returncode != 0:
        raise RuntimeError("Pagefind n'a pas pu faire l'index de recherche : "
                           + done.stderr.decode("utf-8", "replace").strip()[-500:])
    files = {f"{FOLDER}/{p.relative_to(output).as_posix()}": p.read_bytes()
             for p in sorted(output.rglob("*")) if p.is_file()}
    shutil.rmtree(output, ignore_errors=True)
    return canonical(files)


# Pagefind writes each filter's values in the order of a Rust hash map, which changes
# from run to run: the same site would give other filter files (and so another meta
# file, and entry) each time. Their values are put in order here and the files named
# again from their content, so that the same notes give the same bytes.
SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes) -> object:
    import cbor2

    plain = gzip.decompress(data)
    assert plain.startswith(SIGNATURE), "a Pagefind data file"
    return cbor2.loads(plain[len(SIGNATURE):])


def _encode(value: object) -> bytes:
    import cbor2

    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _name(language: str, data: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same index, its filters in order and named by their content."""
    out = dict(files)
    renamed: dict[str, str] = {}
    for path in sorted(p for p in files if p.startswith(f"{FOLDER}/filter/")):
        old = path.rsplit("/", 1)[1].removesuffix(".pf_filter")
        name, values = _decode(out.pop(path))
        data = _encode([name, sorted([v, sorted(pages)] for v, pages in values)])
        new = _name(old.split("_")[0], data, 7)
        renamed[old] = new
        out[f"{FOLDER}/filter/{new}.pf_filter"] = data
    for path in sorted(p for p in files if p.endswith(".pf_meta")):
        old = path.rsplit("/", 1)[1].removeprefix("pagefind.").removesuffix(".pf_meta")
        meta = _decode(out.pop(path))
        meta[3] = sorted([filter_name, renamed.get(h, h)] for filter_name, h in meta[3])
        data = _encode(meta)
        new = _name(old.split("_")[0], data, 10)
        out[f"{FOLDER}/pagefind.{new}.pf_meta"] = data
        entry = f"{FOLDER}/pagefind-entry.json"
        out[entry] = out[entry].replace(f'"{old}"'.encode(), f'"{new}"'.encode())
    return out
