"""Render: the contribution as Pandoc Markdown from ``document.md.j2``: values escaped,
writers' Markdown as literal ``rc-md`` blocks, a misspelt field an error."""

from __future__ import annotations

from datetime import date

import jinja2
import pytest

from pipeline.build import check
from pipeline.charter import load_charter
from pipeline.diagnostics import Report
from pipeline.stages.group import group
from pipeline.stages.render import render
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, write_note

BODY = """## Contexte

Un texte avec {{ contribution.titre }} et {% if x %}du code{% endif %}.

```
du code en bloc
```

## Enseignements

Une leçon.
"""


def _rendered(root):
    workspace, report = Workspace(root), Report()
    checked = check(workspace, report)
    contribution = next(c for c in checked.inputs.contributions if c.id == "vie-locale")
    document = group(contribution, checked.placements, checked.inputs.registry, report,
                     final=False, build_date=date(2024, 3, 12))
    charter = load_charter(workspace.template("charte/charte.yaml"))
    return render(document, workspace, charter)


@pytest.fixture(scope="module")
def rendered(nlp, tmp_path_factory):
    root = copy_workspace("petit", tmp_path_factory.mktemp("render"))
    write_note(root, "alpha/piege.md", "titre: 'Un *titre* [lien](x) <b>gras</b> #1 {{ x }}'\n"
               "crpv: alpha\nauteurs: [A B]\ncontribution: vie-locale\nthemes: [jardins]\n"
               "date: 2024-05-01\nstatut: valide", BODY)
    return _rendered(root)


def test_a_notes_body_goes_in_verbatim_as_a_literal_rc_md_block(rendered):
    markdown = rendered.markdown
    opening = ('````{.rc-md shift="3" base="sources/alpha" '
               'where="sources/alpha/piege.md"}\n')
    assert opening + "\n" + BODY + "````\n" in markdown  # fenced longer than the body's ```
    # the cross-reading takes the same text, kept to its « Enseignements » section
    assert ('````{.rc-md shift="4" base="sources/alpha" where="sources/alpha/piege.md" '
            'section="Enseignements"}\n\n' + BODY) in markdown


def test_titles_are_escaped_so_they_stay_text(rendered):
    escaped = r"Un \*titre\* \[lien\]\(x\) \<b\>gras\<\/b\> \#1 \{\{ x \}\}"
    assert f"## {escaped} {{#note-alpha-piege}}" in rendered.markdown
    assert "<b>gras</b>" not in rendered.markdown


def test_chapters_follow_the_contribution_and_figures_are_referred_to(rendered):
    markdown = rendered.markdown
    positions = [markdown.index(f"# {title}") for title in
                 ("Les jardins partagés", "Les fêtes de quartier", "Les écoles ouvertes")]
    assert positions == sorted(positions)
    assert "Une note encore en brouillon" not in markdown  # the brouillon note is left out
    assert rendered.figures and all(f"figure:{f.name}" in markdown for f in rendered.figures)


def test_a_misspelt_field_in_the_template_is_an_error_not_a_blank(nlp, workspace):
    root = workspace("petit")
    (root / "templates").mkdir()
    (root / "templates/document.md.j2").write_text("# {{ contribution.titr }}\n",
                                                   encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="titr"):
        _rendered(root)
