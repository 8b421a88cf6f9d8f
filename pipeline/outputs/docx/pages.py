"""Page numbers in the DOCX from its first opening: LibreOffice (headless, where it is
installed) lays the draft out and says on which page each bookmark falls; python-docx
then writes those numbers as the results of the draft's PAGEREF fields (table of
contents, index). The fields stay fields: Word updates them when asked (F9), and
opens the document without a prompt (no ``w:updateFields``).

The document written is the pipeline's own, not LibreOffice's re-export: its styles,
bookmarks and properties stay as made, and the bytes stay reproducible (LibreOffice's
layout is deterministic; its own DOCX export carries the time and random ids).

What it costs, kept low: in a build (``shared_office``), one LibreOffice serves every
DOCX of the build — started by the first DOCX that needs it, stopped when the build
ends — rather than one started per document (a start is 2 to 4 s of CPU); and a
draft whose bytes were numbered before is not laid out again (``build/_pages/``, keyed
by the draft's bytes before numbering). LibreOffice runs with its own profile, HOME and
temporary folder under ``build/_libreoffice/`` (or a temporary folder, removed after):
nothing is left outside the workspace.

Where LibreOffice (or the Python that talks to it, ``python3-uno``) is missing, or fails,
or takes longer than ``TIMEOUT_SECONDS``, the draft keeps its empty fields and the
caller gets a one-line notice."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn

from pipeline.files import normalized_zip, write_atomic

TIMEOUT_SECONDS = 120  # measured: about 3 s for the examples' drafts
STOP_SECONDS = 10  # what a LibreOffice asked to stop is given before it is killed
SCRIPT = Path(__file__).with_name("libreoffice_pages.py")
OFFICE_FOLDER = "_libreoffice"  # under build/: the profile, HOME
PIPE_PREFIX = "rc_pages_"  # then the pid of the process that started it, a random part
CACHE_FOLDER = "_pages"  # under build/: drafts numbered before
CACHE_ENTRIES = 16  # the drafts kept (two per contribution: the draft and the final)
ABSENT = ("LibreOffice n’est pas installé : la table des matières et l’index du DOCX "
          "n’ont pas de numéros de page (Word les calcule avec F9)")


class PagesError(Exception):
    pass


class PagesTimeout(PagesError):
    pass


@functools.lru_cache(maxsize=1)
def libreoffice() -> tuple[str, str] | None:
    """(soffice, a Python that imports ``uno``), or None when either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(os.path.realpath(soffice)).parent
    with tempfile.TemporaryDirectory(prefix="rc-uno-") as home:  # uno makes ~/.config
        for python in (program / "python", Path("/usr/bin/python3"), shutil.which("python3")):
            if python and Path(python).is_file() and subprocess.run(
                    [str(python), "-c", "import uno"], capture_output=True,
                    env=office_environment(Path(home))).returncode == 0:
                return soffice, str(python)
    return None


def number_pages(data: bytes, build: Path | None = None,
                 timeout: float = TIMEOUT_SECONDS) -> tuple[bytes, str | None]:
    """The draft with its PAGEREF fields' results filled, or as it was and why not.
    With ``build`` (the workspace's ``build/``), a draft numbered before is taken from
    ``build/_pages/`` and LibreOffice keeps its profile in ``build/_libreoffice/``."""
    tools = libreoffice()
    if tools is None:
        return data, ABSENT
    cached = _cache_path(data, tools, build)
    if cached is not None and cached.is_file():
        with contextlib.suppress(OSError):
            os.utime(cached)  # recently used: kept
            return cached.read_bytes(), None
    try:
        try:
            pages = bookmark_pages(data, *tools, timeout=timeout, build=build)
        except PagesTimeout:
            raise
        except PagesError:  # LibreOffice fails at times under load: once more
            pages = bookmark_pages(data, *tools, timeout=timeout, build=build)
    except PagesError as exc:
        return data, f"numéros de page du DOCX non calculés : {exc}"
    numbered = fill_page_numbers(data, pages)
    if cached is not None:
        _store(cached, numbered)
    return numbered, None


def _cache_path(data: bytes, tools: tuple[str, str], build: Path | None) -> Path | None:
    """Where the numbered draft is kept: named by the draft's bytes, the code that numbers
    it and LibreOffice's version (its layout could move a page break)."""
    if build is None:
        return None
    digest = hashlib.sha256(data)
    for part in (Path(__file__), SCRIPT,
                 Path(os.path.realpath(tools[0])).parent / "versionrc"):
        with contextlib.suppress(OSError):
            digest.update(part.read_bytes())
    return build / CACHE_FOLDER / f"{digest.hexdigest()}.docx"


def _store(path: Path, data: bytes) -> None:
    """Keeps the numbered draft, and only the most recently used others."""
    write_atomic(path, data)
    entries = sorted(path.parent.glob("*.docx"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[CACHE_ENTRIES:]:
        old.unlink(missing_ok=True)


def bookmark_pages(data: bytes, soffice: str, python: str, *,
                   timeout: float = TIMEOUT_SECONDS, build: Path | None = None
                   ) -> dict[str, int]:
    """The page of each bookmark of the DOCX ``data``, as LibreOffice lays it out: the
    build's LibreOffice (``shared_office``), or one started for this document."""
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="rc-pages-") as folder:
        path = Path(folder) / "document.docx"
        path.write_bytes(data)
        with _office(soffice, build, Path(folder)) as (pipe, pid, home):
            process = subprocess.Popen([python, str(SCRIPT), pipe, str(pid), str(path)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       env=office_environment(home), start_new_session=True)
            try:
                out, err = process.communicate(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise PagesTimeout(f"LibreOffice a dépassé {timeout:g} s") from None
    if process.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        raise PagesError(f"LibreOffice a échoué ({last})")
    try:
        return {str(k): int(v) for k, v in json.loads(out).items()}
    except (ValueError, AttributeError) as exc:
        raise PagesError("réponse de LibreOffice illisible") from exc


# --- the LibreOffice process -----------------------------------------------------------

_shared: tuple[Path, str] | None = None  # the build's office: its folder and its pipe


@contextlib.contextmanager
def shared_office(build: Path) -> Iterator[SharedOffice]:
    """While the block runs, the DOCX written in it (in this process or in its forks)
    share one LibreOffice, started by the first that needs it; stopped at the end (or
    sooner, by ``SharedOffice.stop``)."""
    global _shared
    libreoffice()  # looked for once: the jobs forked in the block inherit the answer
    pipe = f"{PIPE_PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
    office = SharedOffice(build / OFFICE_FOLDER, pipe)
    stop_orphans(office.folder)
    _shared = (office.folder, office.pipe)
    try:
        yield office
    finally:
        _shared = None
        office.stop()


def stop_orphans(folder: Path) -> None:
    """Stops the LibreOffice a killed build left running (its record is there, the build
    that started it is gone): a build stopped by Ctrl-C stops its own, one killed
    outright cannot."""
    if not folder.is_dir():
        return
    with _locked(folder):
        for record in folder.glob(f"{PIPE_PREFIX}*.pid"):
            owner = record.name.removeprefix(PIPE_PREFIX).split("_")[0]
            if not owner.isdigit() or _process_alive(int(owner)):
                continue
            with contextlib.suppress(OSError, ValueError):
                stop_office_in(folder, record.stem, int(record.read_text()))
            record.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    # libreoffice_pages.py has its own copy: it runs under the system's Python (uno),
    # which cannot import this package
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class SharedOffice:
    folder: Path
    pipe: str

    def stop(self) -> None:
        """Stops the build's LibreOffice if it runs: once the last DOCX is written, its
        memory goes back while the PDFs are made (a DOCX that needs it after starts it
        again)."""
        record = self.folder / f"{self.pipe}.pid"
        with contextlib.suppress(OSError, ValueError):
            stop_office_in(self.folder, self.pipe, int(record.read_text()))
        record.unlink(missing_ok=True)


def start_shared_office(source: bytes, build: Path) -> None:
    """Starts the build's LibreOffice now, if it is not running: a DOCX job calls it
    first, so that LibreOffice starts (seconds) while pandoc and python-docx make the
    draft from ``source``, rather than after. Not when a draft made from the same
    ``source`` was numbered before (it is in the cache, most likely), nor outside a
    build's ``shared_office``."""
    tools = libreoffice()
    if _shared is not None and tools is not None and not _source_mark(source, build).is_file():
        _shared_pid(tools[0])


def remember_source(source: bytes, build: Path) -> None:
    """Marks ``source`` as made into a draft that was numbered (``start_shared_office``)."""
    mark = _source_mark(source, build)
    write_atomic(mark, b"")
    marks = sorted(mark.parent.glob("*.source"), key=lambda p: p.stat().st_mtime,
                   reverse=True)
    for old in marks[CACHE_ENTRIES:]:
        old.unlink(missing_ok=True)


def _source_mark(source: bytes, build: Path) -> Path:
    return build / CACHE_FOLDER / f"{hashlib.sha256(source).hexdigest()}.source"


def _shared_pid(soffice: str) -> int:
    assert _shared is not None
    folder, pipe = _shared
    with _locked(folder):
        record = folder / f"{pipe}.pid"
        pid = int(record.read_text()) if record.is_file() else 0
        if not pid or not _group_alive(pid):
            pid = start_office(soffice, folder, pipe)
            record.write_text(str(pid))
    return pid


@contextlib.contextmanager
def _office(soffice: str, build: Path | None, scratch: Path) -> Iterator[tuple[str, int, Path]]:
    """(pipe, process id, HOME) of a LibreOffice listening: the build's shared one, or
    one started for the block and stopped after it."""
    if _shared is not None:
        pid = _shared_pid(soffice)
        yield _shared[1], pid, _shared[0] / "home"
        return
    folder = build / OFFICE_FOLDER if build is not None else scratch / "office"
    pipe = f"{PIPE_PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
    with _locked(folder):  # one LibreOffice at a time on a profile
        pid = start_office(soffice, folder, pipe)
        try:
            yield pipe, pid, folder / "home"
        finally:
            stop_office_in(folder, pipe, pid)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "verrou", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def office_environment(home: Path) -> dict[str, str]:
    """The environment of LibreOffice and of the Python that talks to it: HOME and the
    XDG folders inside ``home`` (LibreOffice opens ``~/.cache/dconf`` otherwise), and no
    settings daemon."""
    folders = {"HOME": home, "XDG_CONFIG_HOME": home / ".config",
               "XDG_CACHE_HOME": home / ".cache", "XDG_DATA_HOME": home / ".local/share",
               "XDG_STATE_HOME": home / ".local/state", "XDG_RUNTIME_DIR": home / ".run"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    folders["XDG_RUNTIME_DIR"].chmod(0o700)
    return {**os.environ, **{k: str(v) for k, v in folders.items()},
            "GSETTINGS_BACKEND": "memory"}


def start_office(soffice: str, folder: Path, pipe: str) -> int:
    """A headless LibreOffice listening on ``pipe``, its profile and HOME in ``folder``,
    in a session of its own (its id is returned: the id of its process group)."""
    profile = office_profile(folder)
    scratch = office_scratch(folder, pipe)
    scratch.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([
        soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**office_environment(folder / "home"), "TMPDIR": str(scratch.resolve())},
        start_new_session=True)
    return process.pid


def office_profile(folder: Path) -> Path:
    """The profile of the LibreOffice started in ``folder`` (its ``user/``)."""
    return (folder / "profil").resolve()


def office_scratch(folder: Path, pipe: str) -> Path:
    """The temporary folder of the LibreOffice listening on ``pipe`` (its ``lu….tmp``)."""
    return folder / "tmp" / pipe


def office_pipes(folder: Path, pipe: str) -> tuple[Path, ...]:
    """The sockets a LibreOffice started in ``folder`` on ``pipe`` makes, where its
    runtime puts them whatever TMPDIR says (``/tmp``, or ``/var/tmp``): the pipe it
    listens on, and the one that makes it the only LibreOffice of its profile, named
    by the MD5 of the profile's URL in UTF-16, each byte in hexadecimal unpadded."""
    digest = hashlib.md5(office_profile(folder).as_uri().encode("utf-16-le"),
                         usedforsecurity=False).digest()
    names = (pipe, "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest))
    return tuple(Path(root, f"OSL_PIPE_{os.getuid()}_{name}")
                 for root in ("/tmp", "/var/tmp") for name in names)


def stop_office_in(folder: Path, pipe: str, pid: int) -> None:
    """Stops the LibreOffice started in ``folder`` on ``pipe``, and removes what it left
    (stopped by a signal, it leaves its temporary folder and its sockets behind: they
    would pile up at every build)."""
    stop_office(pid)
    shutil.rmtree(office_scratch(folder, pipe), ignore_errors=True)
    for socket in office_pipes(folder, pipe):
        if socket.is_socket():
            socket.unlink(missing_ok=True)


def stop_office(pid: int) -> None:
    """Stops the LibreOffice of process group ``pid``: asked, then killed."""
    for sig, seconds in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, STOP_SECONDS)):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)  # ours when started by this process
            if not _group_alive(pid):
                return
            time.sleep(0.05)


def _group_alive(pgid: int) -> bool:
    """Whether a process of the group is still running (zombies do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: any process of the group, zombies included
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


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
