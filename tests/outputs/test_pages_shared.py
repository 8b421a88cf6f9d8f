"""LibreOffice kept for the build and skipped when a draft was numbered before (real
soffice, real python-docx)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.outputs.docx import pages
from pipeline.outputs.docx.index import pageref
from pipeline.outputs.docx.pages import (
    field_results,
    libreoffice,
    number_pages,
    shared_office,
)

needs_libreoffice = pytest.mark.skipif(libreoffice() is None,
                                       reason="LibreOffice (soffice, python3-uno) absent")


def _draft(pages_count: int) -> bytes:
    """``pages_count`` headings, one a page, each bookmarked, and a PAGEREF to the last."""
    document = docx.Document()
    for page in range(1, pages_count + 1):
        paragraph = document.add_heading(f"Titre {page}", level=1)
        paragraph.paragraph_format.page_break_before = page > 1
        start = paragraph._p.makeelement(qn("w:bookmarkStart"),
                                         {qn("w:id"): str(page), qn("w:name"): f"p{page}"})
        paragraph._p.insert(1, start)
        paragraph._p.append(paragraph._p.makeelement(qn("w:bookmarkEnd"),
                                                     {qn("w:id"): str(page)}))
    document.add_paragraph("Renvoi : ")._p.extend(pageref(f"p{pages_count}"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def office_processes(folder: Path) -> list[int]:
    """The running soffice processes whose profile is under ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and any(str(folder).encode() in part for part in command) and \
                any(b"soffice" in part for part in command):
            found.append(int(entry.name))
    return found


@needs_libreoffice
def test_one_libreoffice_serves_every_draft_of_a_build_and_stops_with_it(tmp_path):
    build = tmp_path / "build"
    started = []
    real_start = pages.start_office

    def counted(*args):
        started.append(real_start(*args))
        return started[-1]

    pages.start_office = counted
    try:
        with shared_office(build):
            two, notice = number_pages(_draft(2), build)
            assert notice is None
            three, notice = number_pages(_draft(3), build)
            assert notice is None
            folder = build / "_libreoffice"
            assert office_processes(folder)  # still there for the next
            # what it made outside its profile while it worked (it has laid out a draft)
            pipe = next(folder.glob("*.pid")).stem
            sockets = [p for p in pages.office_pipes(folder, pipe) if p.is_socket()]
            assert len(sockets) == 2  # the pipe it listens on, its single-instance one
            assert list(pages.office_scratch(folder, pipe).glob("lu*.tmp"))
    finally:
        pages.start_office = real_start
    assert len(started) == 1
    assert field_results(two) == {"p2": "2"} and field_results(three) == {"p3": "3"}
    assert office_processes(build / "_libreoffice") == []  # stopped with the build
    # and gone with it: nothing piles up in the system's temporary folders
    assert not any(p.exists() for p in sockets)
    assert not pages.office_scratch(folder, pipe).exists()
    # its profile and its HOME are the build's
    assert (build / "_libreoffice/profil/user").is_dir()
    assert (build / "_libreoffice/home").is_dir()


@needs_libreoffice
def test_a_draft_numbered_before_is_not_laid_out_again(tmp_path, monkeypatch):
    build = tmp_path / "build"
    data = _draft(2)
    numbered, _ = number_pages(data, build)
    assert len(list((build / "_pages").glob("*.docx"))) == 1

    def no_office(*args, **kwargs):
        raise AssertionError("LibreOffice started for a draft numbered before")

    monkeypatch.setattr(pages, "bookmark_pages", no_office)
    assert number_pages(data, build) == (numbered, None)
    # another draft is laid out (and the guard above says it would be)
    with pytest.raises(AssertionError, match="numbered before"):
        number_pages(_draft(3), build)


@needs_libreoffice
def test_libreoffice_is_started_ahead_only_for_a_source_not_numbered_before(tmp_path):
    build = tmp_path / "build"
    folder = build / "_libreoffice"
    pages.remember_source(b"AST vu", build)
    with shared_office(build):
        pages.start_shared_office(b"AST vu", build)
        assert list(folder.glob("*.pid")) == []  # its draft is in the cache, most likely
        pages.start_shared_office(b"AST nouveau", build)
        records = list(folder.glob("*.pid"))  # started while the draft is being made
        assert len(records) == 1
        pid = int(records[0].read_text())
        assert pages._group_alive(pid)
    assert not pages._group_alive(pid)  # stopped with the build
    assert list(folder.glob("*.pid")) == []


@needs_libreoffice
def test_a_libreoffice_left_by_a_killed_build_is_stopped_by_the_next(tmp_path):
    build = tmp_path / "build"
    folder = build / "_libreoffice"
    folder.mkdir(parents=True)
    gone = subprocess.Popen(["true"])  # the killed build: a process id that has ended
    gone.wait()
    pipe = f"{pages.PIPE_PREFIX}{gone.pid}_dead"
    left = pages.start_office(libreoffice()[0], folder, pipe)
    (folder / f"{pipe}.pid").write_text(str(left))
    other = pages.start_office(libreoffice()[0], folder, "autre")  # not a build's: kept
    try:
        assert pages._group_alive(left)
        with shared_office(build):
            assert not pages._group_alive(left)
            assert not (folder / f"{pipe}.pid").exists()
            assert not pages.office_scratch(folder, pipe).exists()  # its leftovers too
            assert pages._group_alive(other)
    finally:
        pages.stop_office(other)
        pages.stop_office(left)
