"""The documents people read stay in step with the code."""

import re

from pipeline.cli.commands import fields_table
from pipeline.schema import NOTE_FIELDS
from tests.conftest import REPOSITORY, run


def test_writers_guide_holds_the_schemas_field_table():
    guide = (REPOSITORY / "docs/guide-redaction.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- champs:debut -->\n(.*?)\n<!-- champs:fin -->", guide, re.S)
    assert table is not None
    assert table.group(1).strip() == fields_table()


def test_guide_command_prints_every_field(capsys):
    code, out, _ = run(capsys, "guide")
    assert code == 0
    assert [f"`{spec.name}`" in out for spec in NOTE_FIELDS] == [True] * len(NOTE_FIELDS)


def test_readme_gives_the_two_commands():
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "make        #" in readme and "make test" in readme
    ci = (REPOSITORY / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in ci


ARCHITECTURE = REPOSITORY / "docs/architecture.md"
PACKAGE = REPOSITORY / "pipeline"


def _layout_block() -> list[str]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = re.search(r"## The layout\n\n```\n(.*?)```", text, re.S)
    assert block is not None, "docs/architecture.md has lost its layout drawing"
    return block.group(1).splitlines()


def test_the_architecture_layout_names_modules_that_exist():
    missing = []
    for line in _layout_block():
        if not line.startswith("  "):
            continue  # pipeline/, templates/, tests/
        words = line.split("#")[0].split()
        folder = words.pop(0) if words[0].endswith("/") else ""
        missing += [f"{folder}{word}" for word in words
                    if not (PACKAGE / folder / word).is_file()
                    and not (PACKAGE / folder / f"{word}.py").is_file()]
    assert missing == []


def test_every_package_of_pipeline_is_in_the_layout():
    drawn = " ".join(_layout_block())
    packages = sorted(p.parent.relative_to(PACKAGE).as_posix() for p in
                      PACKAGE.rglob("__init__.py") if p.parent != PACKAGE)
    assert [p for p in packages if p.rsplit("/", 1)[-1] + "/" not in drawn] == []


def test_the_paths_the_architecture_page_names_exist():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:pipeline/|templates/|tests/|stages/|outputs/|review/|office/"
                           r"|language/|cli/)[\w/.-]*\.(?:py|j2|yaml|lua|md))(?![\w.])", text))
    assert named, "no path found: the pattern is wrong"
    missing = sorted(p for p in named
                     if not (REPOSITORY / p).exists() and not (PACKAGE / p).exists())
    assert missing == []


def test_the_changelog_is_grouped_by_version_and_section_in_french():
    text = (REPOSITORY / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (.+)$", text, re.M)
    sections = set(re.findall(r"^### (.+)$", text, re.M))
    assert len(versions) >= 2 and sections <= {"Ajouté", "Modifié", "Corrigé", "Retiré"}
    prose = re.sub(r"`[^`]*`", "", text)
    assert re.findall(r" [:;!?»]|« ", prose) == []  # non-breaking spaces, French style
