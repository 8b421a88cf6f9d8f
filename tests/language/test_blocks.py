"""A note's Markdown as plain-text blocks, each with its line in the file."""

from pipeline.language.blocks import Block, markdown_blocks

BODY = """
## Contexte

Un **atelier** avec [la médiathèque](https://exemple.org) et ![une photo](photo.png)
sur deux lignes.

- Premier point
  qui continue.
- Second point.

| Lieu | Public |
|---|---|
| Rennes | Familles |

```
code ignoré
```
"""


def test_blocks_keep_their_file_line_and_lose_their_markup():
    blocks = markdown_blocks(BODY, 10)
    assert blocks[:4] == (
        Block(11, "Contexte"),
        Block(13, "Un atelier avec la médiathèque et une photo\nsur deux lignes."),
        Block(16, "Premier point\n  qui continue."),
        Block(18, "Second point."),
    )
    assert [b.line for b in blocks[4:]] == [20, 21, 22]
    assert "Rennes" in blocks[6].text and "|" not in blocks[6].text
    assert not any("code" in b.text or "exemple.org" in b.text for b in blocks)
