"""Comments with their threads: ``comments.xml`` (the text), ``commentsExtended.xml``
(the reply's parent, the resolved state: neither pandoc nor python-docx reads it),
and ``commentsIds.xml`` / ``commentsExtensible.xml`` (the UTC date, when present)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    text: str
    para_id: str  # of its last paragraph: how commentsExtended names it
    parent: str | None = None  # the para_id of the comment it answers
    done: bool = False


def local(element: etree._Element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (w14, w15, w16cid…)."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def _named(root: etree._Element | None, tag: str) -> list[etree._Element]:
    if root is None:
        return []
    return [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}" + tag)]


def read_comments(comments: etree._Element | None, extended: etree._Element | None,
                  ids: etree._Element | None, extensible: etree._Element | None
                  ) -> tuple[Comment, ...]:
    threads = {local(e, "paraId"): e for e in _named(extended, "commentEx")}
    durable = {local(e, "paraId"): local(e, "durableId") for e in _named(ids, "commentId")}
    utc = {local(e, "durableId"): local(e, "dateUtc") for e in _named(extensible,
                                                                       "commentExtensible")}
    found = []
    for element in _named(comments, "comment"):
        paragraphs = element.findall(qn("w:p"))
        para_id = local(paragraphs[-1], "paraId") or "" if paragraphs else ""
        thread = threads.get(para_id)
        date = utc.get(durable.get(para_id)) or element.get(qn("w:date")) or ""
        found.append(Comment(
            id=element.get(qn("w:id"), ""), author=element.get(qn("w:author"), ""),
            date=date, text=_text(paragraphs), para_id=para_id,
            parent=local(thread, "paraIdParent") if thread is not None else None,
            done=thread is not None and local(thread, "done") in ("1", "true"),
        ))
    return tuple(found)


def _text(paragraphs: list[etree._Element]) -> str:
    lines = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    return "\n".join(line for line in lines if line.strip()).strip()
