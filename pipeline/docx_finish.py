"""What pandoc's DOCX writer cannot do: the draft mark in the header and the
document properties, set with python-docx."""

from __future__ import annotations

import io
from datetime import datetime, time

import docx

from pipeline.charter import Charter
from pipeline.stages.group import Document
from pipeline.typography import french_date


def draft_mark(document: Document) -> str:
    return f"PROJET — version du {french_date(document.build_date)}"


def finish_docx(data: bytes, document: Document, charter: Charter) -> bytes:
    word = docx.Document(io.BytesIO(data))
    header_text = "" if document.final else draft_mark(document)
    for section in word.sections:
        paragraphs = section.header.paragraphs
        paragraph = paragraphs[0] if paragraphs else section.header.add_paragraph()
        paragraph.text = header_text
    _properties(word, document, charter)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _properties(word: docx.document.Document, document: Document, charter: Charter) -> None:
    contribution = document.contribution
    stamp = datetime.combine(document.build_date, time(12, 0))
    props = word.core_properties
    props.title = contribution.title
    props.subject = contribution.subtitle or ""
    props.author = charter.network_name
    props.last_modified_by = charter.network_name
    props.language = "fr-FR"
    props.keywords = ", ".join(t.title for t in contribution.themes)
    props.comments = f"Contribution {contribution.id} pour {contribution.recipient}"
    props.created = stamp
    props.modified = stamp
    props.revision = 1
