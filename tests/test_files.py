"""Outputs written whole or not at all, and zip packages with stable bytes."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from pipeline.files import (
    TEMPORARY_PREFIX,
    normalized_zip,
    remove_stale_temporaries,
    write_atomic,
)


def test_write_atomic_makes_the_folder_and_replaces_the_file_whole(tmp_path):
    target = tmp_path / "build/x/x.html"
    write_atomic(target, b"ancien")
    write_atomic(target, b"nouveau")
    assert target.read_bytes() == b"nouveau"
    assert [p.name for p in target.parent.iterdir()] == ["x.html"]


def test_the_file_gets_the_usual_permissions_not_the_temporary_files(tmp_path):
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    finally:
        os.umask(previous)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "x.docx"
    write_atomic(target, b"ancien")
    with pytest.raises(TypeError):
        write_atomic(target, "pas des octets")  # type: ignore[arg-type]
    assert target.read_bytes() == b"ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]


def test_temporaries_left_by_a_killed_build_are_removed_and_nothing_else(tmp_path):
    (tmp_path / f"{TEMPORARY_PREFIX}x.pdf.abc123").write_bytes(b"moitie")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / ".autre").write_bytes(b"")
    remove_stale_temporaries(tmp_path)
    remove_stale_temporaries(tmp_path / "absent")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".autre", "x.pdf"]


def _zip(entries: list[tuple[str, bytes]], when: tuple) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries:
            package.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return buffer.getvalue()


def test_the_same_content_gives_the_same_zip_bytes_content_types_first():
    entries = [("word/document.xml", b"<d/>"), ("[Content_Types].xml", b"<t/>"),
               ("docProps/core.xml", b"<c/>")]
    one = normalized_zip(_zip(entries, (2024, 3, 12, 10, 0, 0)))
    other = normalized_zip(_zip(entries[::-1], (2025, 1, 1, 0, 0, 0)))
    assert one == other
    with zipfile.ZipFile(io.BytesIO(one)) as package:
        assert package.namelist() == ["[Content_Types].xml", "docProps/core.xml",
                                      "word/document.xml"]
        assert package.read("word/document.xml") == b"<d/>"
