"""Each note's parse kept in build/_ast/: the document parsed from the cache is the
document parsed from the text, warnings included; a changed image is read again."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from pipeline.build import check
from pipeline.charter import load_charter
from pipeline.diagnostics import Report
from pipeline.outputs import ast_cache
from pipeline.outputs.ast_cache import cache_folder
from pipeline.stages.convert import source_texts, to_ast
from pipeline.stages.group import group
from pipeline.stages.render import Rendered, render
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, plain_spaces, write_note

IMAGE_NOTE = """titre: Un mur peint
crpv: alpha
auteurs: [Jeanne Leroy]
contribution: vie-locale
themes: [jardins]
date: 2024-05-02
statut: a-relire
"""
IMAGE_BODY = """## Contexte

![Le mur](mur.png) et un [lien local](fichier.txt).

## Enseignements

Peindre ensemble.
"""


def png(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(out, format="PNG")
    return out.getvalue()


def rendered(root: Path) -> tuple[Workspace, Rendered, Any]:
    workspace = Workspace(root)
    checked = check(workspace, Report())
    contribution = next(c for c in checked.inputs.contributions if c.id == "vie-locale")
    document = group(contribution, checked.placements, checked.inputs.registry, Report(),
                     final=False, build_date=date(2024, 6, 1), language=checked.language)
    charter = load_charter(workspace.template("charte/charte.yaml"))
    return workspace, render(document, workspace, charter, checked.glossary), document


def parse(workspace: Workspace, result: Rendered, document: Any,
          cached: bool = True) -> tuple[dict, list[str]]:
    report = Report()
    tree = to_ast(result.markdown, workspace, report, "build/vie-locale/vie-locale.md",
                  source_texts(document), pieces=result.pieces if cached else ())
    return tree, [plain_spaces(line) for line in report.lines()]


def test_the_cached_parse_is_the_parse(nlp: Any, tmp_path: Path) -> None:
    root = copy_workspace("petit", tmp_path)
    write_note(root, "alpha/mur.md", IMAGE_NOTE, IMAGE_BODY)
    (root / "sources" / "alpha" / "mur.png").write_bytes(png("red"))
    workspace, result, document = rendered(root)
    plain, plain_warnings = parse(workspace, result, document, cached=False)
    first, first_warnings = parse(workspace, result, document)  # fills the cache
    folder = cache_folder(workspace)
    blocks = {p.markup for p in result.pieces if not isinstance(p, str)}
    assert len(list(folder.glob("[0-9a-f]*.json"))) == len(blocks)
    skeleton = next(folder.glob("skeleton-*.json")).read_text(encoding="utf-8")
    assert "Un potager partag" in result.markdown and "Un potager partag" not in skeleton
    second, second_warnings = parse(workspace, result, document)
    assert plain == first == second
    assert plain_warnings == first_warnings == second_warnings
    assert any("lien « fichier.txt » retiré" in w for w in second_warnings)  # from the cache


def test_an_image_changed_beside_a_note_is_read_again(nlp: Any, tmp_path: Path) -> None:
    root = copy_workspace("petit", tmp_path)
    write_note(root, "alpha/mur.md", IMAGE_NOTE, IMAGE_BODY)
    image = root / "sources" / "alpha" / "mur.png"
    image.write_bytes(png("red"))
    workspace, result, document = rendered(root)
    red = repr(parse(workspace, result, document)[0])
    image.write_bytes(png("blue") + b"\0")  # another size: the key does not rest on time
    blue = repr(parse(workspace, result, document)[0])
    assert red != blue
    assert repr(parse(workspace, result, document, cached=False)[0]) == blue


def test_the_blocks_parsed_in_several_pandoc_runs_give_the_parse_of_one(
        nlp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    # pandoc holds a whole run's document: a large contribution is parsed in batches
    root = copy_workspace("petit", tmp_path)
    write_note(root, "alpha/mur.md", IMAGE_NOTE, IMAGE_BODY)
    (root / "sources" / "alpha" / "mur.png").write_bytes(png("red"))
    workspace, result, document = rendered(root)
    plain, plain_warnings = parse(workspace, result, document, cached=False)
    runs: list[int] = []
    real = ast_cache.run_pandoc

    def counted(arguments: list[str], text: bytes, *more: Any) -> Any:
        runs.extend([len(text)] if "--lua-filter" in arguments else [])
        return real(arguments, text, *more)

    monkeypatch.setattr(ast_cache, "run_pandoc", counted)
    monkeypatch.setattr(ast_cache, "BATCH_CHARACTERS", 600)
    batched, batched_warnings = parse(workspace, result, document)
    assert len(runs) > 2 and max(runs) < 3 * 600  # a block alone may pass the size
    assert batched == plain and batched_warnings == plain_warnings
