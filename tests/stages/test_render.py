"""Render: the contribution as Pandoc Markdown from ``document.md.j2``: values escaped,
writers' Markdown as literal ``rc-md`` blocks, a misspelt field an error."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.cli.main import main
from pipeline.outputs.contract import note_anchor
from pipeline.stages.render import environment
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


@pytest.fixture(scope="module")
def rendered(nlp, tmp_path_factory) -> str:
    """The intermediate Markdown the build writes (build/<id>/<id>.md) for the sample
    workspace plus a note whose title and body are full of Markdown and jinja2."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("render"))
    write_note(root, "alpha/piege.md", "titre: 'Un *titre* [lien](x) <b>gras</b> #1 {{ x }}'\n"
               "crpv: alpha\nauteurs: [A B]\ncontribution: vie-locale\nthemes: [jardins]\n"
               "date: 2024-05-01\nstatut: valide", BODY)
    assert main(["build", "--format", "html", "--quiet", "--workspace", str(root)]) == 0
    return (root / "build/vie-locale/vie-locale.md").read_text(encoding="utf-8")


def test_a_notes_body_goes_in_verbatim_as_a_literal_rc_md_block(rendered):
    markdown = rendered
    opening = ('````{.rc-md shift="3" base="sources/alpha" '
               'where="sources/alpha/piege.md"}\n')
    assert opening + "\n" + BODY + "````\n" in markdown  # fenced longer than the body's ```
    # the cross-reading takes the same text, kept to its « Enseignements » section
    assert ('````{.rc-md shift="4" base="sources/alpha" where="sources/alpha/piege.md" '
            'section="Enseignements"}\n\n' + BODY) in markdown


def test_titles_are_escaped_so_they_stay_text(rendered):
    escaped = r"Un \*titre\* \[lien\]\(x\) \<b\>gras\<\/b\> \#1 \{\{ x \}\}"
    anchor = note_anchor("sources/alpha/piege.md")
    assert f":::: {{#{anchor} .rc-note}}\n## {escaped}\n" in rendered
    assert "<b>gras</b>" not in rendered


def test_chapters_follow_the_contribution_and_figures_are_referred_to(rendered):
    markdown = rendered
    positions = [markdown.index(f"# {title}") for title in
                 ("Les jardins partagés", "Les fêtes de quartier", "Les écoles ouvertes")]
    assert positions == sorted(positions)
    assert "Une note encore en brouillon" not in markdown  # the brouillon note is left out
    assert "](figure:notes-par-centre)" in markdown and "](figure:notes-par-theme)" in markdown


def test_a_misspelt_field_in_the_template_is_an_error_not_a_blank(workspace):
    env = environment(Workspace(workspace("petit")))
    with pytest.raises(jinja2.UndefinedError, match="titr"):
        env.from_string("# {{ contribution.titr }}\n").render(contribution=object())


def test_every_printed_value_is_escaped_and_none_is_refused(workspace):
    env = environment(Workspace(workspace("petit")))
    assert env.from_string("{{ v }}").render(v="*a* [b](c)") == r"\*a\* \[b\]\(c\)"
    with pytest.raises(ValueError):
        env.from_string("{{ v }}").render(v=None)
