"""The layering of ``pipeline``, checked on its import graph (read with ``ast``: imports
at module level and inside functions alike, since both run sooner or later).

core (model, schema, diagnostics…) ← outputs, language, office ← review ← stages ←
build ← cli: each rule below is one arrow that must not point the other way."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pipeline

PACKAGE = Path(pipeline.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every ``pipeline`` module the code imports, wherever the import stands."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package
                package = module.split(".")
                package = package if is_package else package[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # a submodule?
    return {name for name in found if name.split(".")[0] == "pipeline"}


@cache
def graph() -> dict[str, frozenset[str]]:
    """Each module of ``pipeline`` → the modules of ``pipeline`` it imports."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = _imported(tree, name, path.name == "__init__.py")
        edges[name] = frozenset(i for i in imported if i in paths and i != name)
    return edges


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _offenders(importer: str, imported: str, allowed=lambda m: False) -> list[str]:
    return sorted(f"{m} → {i}" for m, targets in graph().items() for i in targets
                  if _in(m, importer) and _in(i, imported) and not allowed(m))


def test_the_graph_is_read():
    edges = graph()
    assert "pipeline.stages.load" in edges["pipeline.build"]
    assert "pipeline.cli.commands" in edges["pipeline.cli.main"]  # an in-function import


def test_there_is_no_import_cycle():
    edges, done, cycles = graph(), set(), []

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(" → ".join([*path[path.index(module):], module]))
            return
        if module in done:
            return
        for target in sorted(edges[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(edges):
        visit(module, [])
    assert cycles == []


def test_the_stages_are_imported_only_by_the_orchestration_and_each_other():
    def allowed(module: str) -> bool:  # the preview's session is a build of its own
        return module == "pipeline.build" or _in(module, "pipeline.cli") \
            or _in(module, "pipeline.stages") or _in(module, "pipeline.preview")

    assert _offenders("pipeline", "pipeline.stages", allowed) == []


def test_review_imports_neither_the_command_line_nor_the_stages():
    assert _offenders("pipeline.review", "pipeline.cli") == []
    assert _offenders("pipeline.review", "pipeline.stages") == []


def test_the_outputs_import_neither_the_stages_nor_review_nor_the_command_line():
    for above in ("pipeline.stages", "pipeline.review", "pipeline.cli", "pipeline.build"):
        assert _offenders("pipeline.outputs", above) == []


def test_nothing_imports_the_command_line():
    def allowed(module: str) -> bool:
        return module == "pipeline.__main__" or _in(module, "pipeline.cli")

    assert _offenders("pipeline", "pipeline.cli", allowed) == []


def test_the_site_is_a_wing_of_its_own():
    """The site is fed by the checked records that the command line hands it: it never
    imports the orchestration (build, the stages, the command line, the preview) nor the
    review rounds; only the command line imports it."""
    for above in ("pipeline.build", "pipeline.stages", "pipeline.cli", "pipeline.preview",
                  "pipeline.review", "pipeline.rounds"):
        assert _offenders("pipeline.site", above) == []

    def allowed(module: str) -> bool:
        return _in(module, "pipeline.cli") or _in(module, "pipeline.site")

    assert _offenders("pipeline", "pipeline.site", allowed) == []
    assert any(_in(i, "pipeline.site") for i in graph()["pipeline.cli.commands"])
