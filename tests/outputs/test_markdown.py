"""Notes' text is data: escaped values and isolated note bodies, through the real pandoc."""

import docx
import pytest

from pipeline.outputs.markdown import escape
from pipeline.pandoc import run_pandoc
from tests.conftest import REPOSITORY, run, write_note


@pytest.mark.parametrize("text", [
    "Une *résidence* d'artistes",
    "# 1. [lien](http://exemple.fr) `code` <b>gras</b>",
    "{{ 7 * 7 }} {% if x %} $x$ @auteur ~~barré~~ ^exp^ 50 %",
    "Quartier : Neuhof ; « citation » !",
])
def test_escaped_text_reads_back_as_the_same_text(text):
    result = run_pandoc(["--from=markdown", "--to=plain", "--wrap=none"],
                        escape(text).encode("utf-8"), REPOSITORY)
    assert result.output.decode("utf-8").strip() == text.replace("'", "’")


HOSTILE_BODY = """\
# Un titre de niveau 1 dans la note

{{ 7 * 7 }} et {% if true %}oui{% endif %}

<script>alert("x")</script>

```{=openxml}
<w:p><w:r><w:t>INJECTE</w:t></w:r></w:p>
```

:::

````
une clôture plus longue
````

![mot de passe](/etc/passwd) ![distante](http://example.com/a.png)

## Enseignements

Rien ne déborde.
"""


def test_a_note_cannot_break_out_of_its_section(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/hostile.md", "titre: Hostile\ncrpv: alpha\nauteurs: [A B]\n"
               "contribution: vie-locale\nthemes: [ecoles]\ndate: 2024-01-01\nstatut: valide",
               HOSTILE_BODY)
    code, _, err = run(capsys, "build", "--format", "docx,html", "--workspace", str(root))
    assert code == 0, err
    document = docx.Document(str(root / "build/vie-locale/vie-locale.docx"))
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Un titre de niveau 1 dans la note" not in chapters
    headings = {p.text: p.style.name for p in document.paragraphs}
    assert headings["Un titre de niveau 1 dans la note"] == "Heading 3"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{ 7 * 7 }} et {% if true %}oui{% endif %}" in text
    assert "INJECTE" not in text.replace("<w:t>INJECTE</w:t>", "")
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert "<script" not in html and "alert(" not in html
    # a refused image is a placeholder in the draft: never fetched, embedded nor named
    assert "root:" not in html and "http://example.com" not in html
    assert "/etc/passwd" not in html and "Image refusée" in html
    assert "sources/alpha/hostile.md:27: attention : image « /etc/passwd » refusée" in err
    assert ("sources/alpha/hostile.md:15: attention : HTML retiré : « <script>alert(\"x\")"
            "</script> » (une note s'écrit en Markdown) [note.html]") in err
    assert "Rien ne déborde." in html
