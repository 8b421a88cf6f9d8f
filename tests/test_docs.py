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
