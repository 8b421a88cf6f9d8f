"""Writing outputs so that an interrupted build never leaves a half-written file."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


TEMPORARY_PREFIX = ".rc-"


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files left by a build that was killed while writing."""
    if directory.is_dir():
        for stale in directory.glob(f"{TEMPORARY_PREFIX}*"):
            stale.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target``, then rename it over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{target.name}.",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def normalized_zip(blob: bytes) -> bytes:
    """Rewrite a zip package (DOCX) with fixed timestamps and a stable entry order, so
    that the same content always gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    # [Content_Types].xml first, as Office writes it; the rest sorted.
    names = sorted(entries, key=lambda name: (name != "[Content_Types].xml", name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=6)
    return buffer.getvalue()
