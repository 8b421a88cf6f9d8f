"""The preview's server from the outside: what it serves, what it refuses, where it
listens, what it writes, and how it stops."""

from __future__ import annotations

import hashlib
import http.client
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import copy_workspace
from tests.preview.running import RunningPreview, free_port, group_members

SCRIPT_MARK = "rc-apercu"


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    """One preview for the module, asked for a port that another program holds."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("apercu"))
    before = files_outside_build(root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        port = taken.getsockname()[1]
        running = RunningPreview(root, port=port)
    yield Started(running, before, port)
    running.stop()


@pytest.fixture
def preview(started: Started) -> RunningPreview:
    return started.preview


class Started(NamedTuple):
    preview: RunningPreview
    before: dict[Path, str]  # the files outside build/ before it started
    taken: int  # the port asked for, held by another program


def files_outside_build(root: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*")
            if p.is_file() and "build" not in p.relative_to(root).parts}


def get(preview: RunningPreview, path: str) -> tuple[int, bytes]:
    """A request with ``path`` sent as is (urllib would normalise the dots away)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
    connection.endheaders()
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, body


def test_the_script_is_served_but_never_written(preview: RunningPreview) -> None:
    served = urllib.request.urlopen(preview.page("vie-locale")).read().decode("utf-8")
    assert 'id="rc-apercu-script"' in served and "EventSource" in served
    written = list((preview.root / "build").rglob("*.html"))
    assert preview.root / "build" / "_apercu" / "vie-locale.html" in written
    for page in written:  # build/<id>/<id>.html included, were there one
        assert SCRIPT_MARK not in page.read_text(encoding="utf-8"), page


def test_the_home_page_lists_the_contributions(preview: RunningPreview) -> None:
    home = urllib.request.urlopen(preview.url).read().decode("utf-8")
    assert 'href="/vie-locale/vie-locale.html"' in home
    assert 'href="/autre/autre.html"' in home


@pytest.mark.parametrize("path", [
    "/../sources/alpha/jardin-maurepas.md",
    "/%2e%2e/sources/alpha/jardin-maurepas.md",
    "/..%2fsources%2falpha%2fjardin-maurepas.md",
    "/_apercu/../../sources/alpha/jardin-maurepas.md",
    "/../../../../../../../etc/passwd",
    "//etc/passwd",
])
def test_paths_out_of_build_are_refused(preview: RunningPreview, path: str) -> None:
    status, body = get(preview, path)
    assert status in (403, 404)
    assert b"Un potager partag" not in body and b"root:" not in body


def test_a_file_under_build_is_served(preview: RunningPreview) -> None:
    status, body = get(preview, "/_apercu/vie-locale.html")
    assert status == 200 and b"Un potager partag" in body


def test_a_folder_of_build_is_served_by_its_index_page(preview: RunningPreview) -> None:
    """The observation site (build/site/) is read at its folders' addresses."""
    folder = preview.root / "build" / "site" / "notes" / "une-note"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>la note</p>", encoding="utf-8")
    status, body = get(preview, "/site/notes/une-note/")
    assert status == 200 and body.startswith(b"<p>la note</p>")
    assert b'id="rc-apercu-site"' in body  # reloaded when the preview makes the site again
    assert (folder / "index.html").read_text(encoding="utf-8") == "<p>la note</p>"
    assert get(preview, "/site/notes/une-note")[0] == 404  # a folder without its slash


def test_it_listens_on_the_loopback_address_only(preview: RunningPreview) -> None:
    listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                 + Path("/proc/net/tcp6").read_text().splitlines()[1:]]
    mine = [f[1] for f in listening if f[3] == "0A" and int(f[1].split(":")[1], 16)
            == preview.port]
    assert mine == ["0100007F:" + f"{preview.port:04X}"]  # 127.0.0.1, no IPv6, no 0.0.0.0


def test_nothing_is_written_outside_build(started: Started) -> None:
    preview = started.preview
    note = preview.root / "sources" / "alpha" / "fete-des-voisins.md"
    epoch = state_epoch(preview)
    note.write_text(note.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    wait_epoch_after(preview, epoch)
    before, after = started.before, files_outside_build(preview.root)
    assert {p for p in after if before.get(p) != after[p]} | (set(before) - set(after)) \
        == {note}


def state_epoch(running: RunningPreview) -> int:
    import json

    return json.loads(urllib.request.urlopen(running.url + "_apercu/etat").read())["epoch"]


def wait_epoch_after(running: RunningPreview, epoch: int) -> None:
    """Blocks on the event stream until an epoch after ``epoch`` is announced."""
    deadline = time.monotonic() + 120  # keep-alive lines come every few seconds
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
    connection.request("GET", f"/_apercu/evenements?depuis={epoch}")
    stream = connection.getresponse()
    while not stream.readline().startswith(b"data: "):
        assert time.monotonic() < deadline, "no new epoch announced"
    connection.close()


# Last in this file: Ctrl-C stops the module's preview.
def test_the_next_port_when_the_default_is_taken_and_ctrl_c_stops_it_all(
        started: Started) -> None:
    running = started.preview
    assert running.port > started.taken
    group = running.process.pid
    assert running.interrupt() == 0  # waited for, with a time limit
    deadline = time.monotonic() + 5
    while group_members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(group) == []  # the server and its children
    assert "Aperçu arrêté." in running.rest()
