"""Page numbers in the DOCX from its first opening: LibreOffice (headless, where it is
installed) lays the draft out and says on which page each bookmark falls; python-docx
then writes those numbers as the results of the draft's PAGEREF fields (table of
contents, index). The fields stay fields: Word updates them when asked (F9), and
opens the document without a prompt (no ``w:updateFields``).

The document written is the pipeline's own, not LibreOffice's re-export: its styles,
bookmarks and properties stay as made, and the bytes stay reproducible (LibreOffice's
layout is deterministic; its own DOCX export carries the time and random ids).

Where LibreOffice (or the Python that talks to it, ``python3-uno``) is missing, or fails,
or takes longer than ``TIMEOUT_SECONDS``, the draft keeps its empty fields and the
caller gets a one-line notice."""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from pipeline.files import normalized_zip

TIMEOUT_SECONDS = 120  # measured: about 3 s for the examples' drafts
SCRIPT = Path(__file__).with_name("libreoffice_pages.py")
ABSENT = ("LibreOffice n’est pas installé : la table des matières et l’index du DOCX "
          "n’ont pas de numéros de page (Word les calcule avec F9)")


class PagesError(Exception):
    pass


@functools.lru_cache(maxsize=1)
def libreoffice() -> tuple[str, str] | None:
    """(soffice, a Python that imports ``uno``), or None when either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(os.path.realpath(soffice)).parent
    for python in (program / "python", Path("/usr/bin/python3"), shutil.which("python3")):
        if python and Path(python).is_file() and subprocess.run(
                [str(python), "-c", "import uno"], capture_output=True).returncode == 0:
            return soffice, str(python)
    return None


def number_pages(data: bytes, timeout: int = TIMEOUT_SECONDS) -> tuple[bytes, str | None]:
    """The draft with its PAGEREF fields' results filled, or as it was and why not."""
    tools = libreoffice()
    if tools is None:
        return data, ABSENT
    try:
        pages = bookmark_pages(data, *tools, timeout=timeout)
    except PagesError as exc:
        return data, f"numéros de page du DOCX non calculés : {exc}"
    return fill_page_numbers(data, pages), None


def bookmark_pages(data: bytes, soffice: str, python: str, *,
                   timeout: int = TIMEOUT_SECONDS) -> dict[str, int]:
    """The page of each bookmark of the DOCX ``data``, as LibreOffice lays it out."""
    with tempfile.TemporaryDirectory(prefix="rc-pages-") as folder:
        path = Path(folder) / "document.docx"
        path.write_bytes(data)
        process = subprocess.Popen([python, str(SCRIPT), soffice, str(path),
                                    str(Path(folder) / "profil")], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the script and its LibreOffice
            process.communicate()
            raise PagesError(f"LibreOffice a dépassé {timeout} s") from None
    if process.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        raise PagesError(f"LibreOffice a échoué ({last})")
    try:
        return {str(k): int(v) for k, v in json.loads(out).items()}
    except (ValueError, AttributeError) as exc:
        raise PagesError("réponse de LibreOffice illisible") from exc


def fill_page_numbers(data: bytes, pages: dict[str, int]) -> bytes:
    """Each ``PAGEREF name`` field's result becomes ``pages[name]`` (left empty when the
    bookmark is unknown)."""
    word = docx.Document(io.BytesIO(data))
    for instruction in list(word.element.body.iter(qn("w:instrText"))):
        words = (instruction.text or "").split()
        if len(words) >= 2 and words[0] == "PAGEREF" and words[1] in pages:
            _set_result(instruction.getparent(), str(pages[words[1]]))
    out = io.BytesIO()
    word.save(out)
    return normalized_zip(out.getvalue())


def field_results(data: bytes) -> dict[str, str]:
    """Each PAGEREF field's bookmark and result, as the DOCX holds them."""
    word = docx.Document(io.BytesIO(data))
    results = {}
    for instruction in word.element.body.iter(qn("w:instrText")):
        words = (instruction.text or "").split()
        if len(words) >= 2 and words[0] == "PAGEREF":
            results[words[1]] = "".join(t.text or "" for run in _result_runs(
                instruction.getparent()) for t in run.iter(qn("w:t")))
    return results


def _set_result(instruction_run, text: str) -> None:
    """Replaces the runs between the field's ``separate`` and ``end`` by ``text``."""
    runs = _result_runs(instruction_run)
    separate = _next_field_char(instruction_run, "separate")
    if separate is None:
        return
    for run in runs:
        run.getparent().remove(run)
    result = separate.makeelement(qn("w:r"), {})
    value = result.makeelement(qn("w:t"), {})
    value.text = text
    result.append(value)
    separate.addnext(result)


def _result_runs(instruction_run) -> list:
    separate = _next_field_char(instruction_run, "separate")
    runs = []
    sibling = separate.getnext() if separate is not None else None
    while sibling is not None and not _is_field_char(sibling, "end"):
        if sibling.tag == qn("w:r"):
            runs.append(sibling)
        sibling = sibling.getnext()
    return runs


def _next_field_char(run, kind: str):
    sibling = run.getnext()
    while sibling is not None:
        if _is_field_char(sibling, kind):
            return sibling
        if _is_field_char(sibling, "end"):
            return None
        sibling = sibling.getnext()
    return None


def _is_field_char(element, kind: str) -> bool:
    char = element.find(qn("w:fldChar"))
    return char is not None and char.get(qn("w:fldCharType")) == kind
