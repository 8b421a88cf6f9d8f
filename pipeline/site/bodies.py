"""The writers' Markdown (notes, introductions, lessons) as HTML for the site's pages.

The same path as the publication's: each text goes to pandoc as an ``rc-md`` block
(``outputs/markdown.py``), read by the build's Lua filter (raw HTML removed, only web
and e-mail links kept, images embedded as ``data:`` URLs or left out), with the final
edition's ``rc-final``. All the texts not yet cached go through one pandoc run to the
AST, then one to HTML; each result is cached by the hash of its text, of the files
beside it and of the filter (``build/_site/corps/``), so that a rebuild parses only
the texts that changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pipeline.files import write_atomic
from pipeline.outputs.markdown import markdown_block
from pipeline.pandoc import FILTERS, run_pandoc
from pipeline.typography import french_ast
from pipeline.workspace import Workspace

PART = "rc-site-part"
SPLIT = "<!--rc-site-split-->"
VERSION = "2"


@dataclass(frozen=True)
class Text:
    markdown: str
    base: str  # the folder its images are relative to (workspace-relative)
    where: str  # its file, for the filter's messages
    shift: int = 2  # the level its highest heading takes


def to_html(texts: list[Text], workspace: Workspace) -> list[str]:
    """Each text's HTML, in order."""
    cache = workspace.build / "_site" / "corps"
    keys = [_key(t, workspace) for t in texts]
    results: dict[str, str] = {}
    missing: dict[str, Text] = {}
    for key, text in zip(keys, texts, strict=True):
        stored = cache / f"{key}.html"
        if stored.is_file():
            results[key] = stored.read_text(encoding="utf-8")
        else:
            missing[key] = text
    if missing:
        for key, html in zip(missing, _convert(list(missing.values()), workspace), strict=True):
            write_atomic(cache / f"{key}.html", html.encode("utf-8"))
            results[key] = html
    return [results[key] for key in keys]


def _key(text: Text, workspace: Workspace) -> str:
    folder = workspace.root / text.base
    beside = sorted(f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}"
                    for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    filter_code = (FILTERS / "notes.lua").read_bytes()
    return hashlib.sha256(json.dumps([VERSION, text.markdown, text.base, text.where,
                                      text.shift, beside, filter_code.hex()]).encode()
                          ).hexdigest()[:32]


def _convert(texts: list[Text], workspace: Workspace) -> list[str]:
    skeleton = "\n".join(f"::: {{.{PART}}}\n\n"
                         f"{markdown_block(t.markdown, shift=t.shift, base=t.base, where=t.where)}"
                         "\n:::\n" for t in texts)
    options = [f"--metadata=rc-forbidden={link}" for link in workspace.escaping_links()]
    parsed = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                         str(FILTERS / "notes.lua"), "--metadata=rc-final=true", *options],
                        skeleton.encode("utf-8"), workspace.root)
    tree = json.loads(parsed.output)
    blocks = []
    for block in tree["blocks"]:
        if block.get("t") == "Div" and PART in block["c"][0][1]:
            blocks += [*french_ast(block["c"][1]), {"t": "RawBlock", "c": ["html", SPLIT]}]
    tree["blocks"] = blocks
    html = run_pandoc(["--from=json", "--to=html5", "--sandbox", "--wrap=none"],
                      json.dumps(tree).encode("utf-8"), workspace.root).output.decode("utf-8")
    parts = html.split(SPLIT)[:len(texts)]
    assert len(parts) == len(texts), "one HTML part per text"
    return [part.strip() for part in parts]
