"""The preview as a server should be: it answers only requests addressed to this
computer (DNS rebinding), says nothing when a browser goes away, and its first edit
after start is as quick as the next ones (the model warmed up at start)."""

from __future__ import annotations

import http.client
import json
import re
import socket
import struct
import urllib.request
from collections.abc import Iterator

import pytest

from pipeline.cli.main import main
from pipeline.preview.live import WARM_LINE
from tests.conftest import copy_workspace
from tests.preview.running import START_TIMEOUT, RunningPreview, save_like_an_editor
from tests.preview.test_preview_server import state_epoch, wait_epoch_after

DRAFT = b"Un potager partag"  # a sentence of the sample's unpublished note
NOTE = "sources/alpha/fete-des-voisins.md"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[RunningPreview]:
    root = copy_workspace("petit", tmp_path_factory.mktemp("garde"))
    # checked before, as a coordinator's workspace is: the preview starts without the
    # model (it is not needed to show the pages) and loads it in the background (warm-up)
    assert main(["check", "--quiet", "--workspace", str(root)]) == 0
    running = RunningPreview(root)
    yield running
    running.stop()


def get_with_host(preview: RunningPreview, path: str, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    answer = connection.getresponse()
    body = answer.read() if path != "/_apercu/evenements" else answer.read(2000)
    connection.close()
    return answer.status, body


def state(preview: RunningPreview) -> dict:
    return json.loads(urllib.request.urlopen(preview.url + "_apercu/etat").read())


# --- the first edit (first in this file: it must be the preview's first edit) -----------

def test_the_first_edit_does_not_wait_for_the_model(preview: RunningPreview) -> None:
    """Before, the model loaded in the first edit (5.7 s of its 6.1 s on a quiet machine,
    0.01 s for the next ones); now a line says when the warm-up is over, and the first
    edit made then finds the model loaded and run."""
    preview.wait_for(re.compile(re.escape(WARM_LINE)), START_TIMEOUT)
    warm = state(preview)
    assert warm["prechauffe"] is True and warm["prechauffage_secondes"] > 0
    note = preview.root / NOTE
    epoch = state_epoch(preview)
    save_like_an_editor(note, note.read_text(encoding="utf-8") + "\nPremière modification.\n")
    wait_epoch_after(preview, epoch)
    steps = state(preview)["pages"]["vie-locale"]["steps"]
    assert "chargement du modèle" not in steps, steps
    # The note's own analysis, against loading the model, both measured under the same load
    assert steps["lecture, vérification, analyse"] < warm["prechauffage_secondes"] / 3, steps


# --- DNS rebinding ----------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}",
                                  "localhost.evil.example:{port}", "192.168.1.10:{port}",
                                  "localhost:1", ""])
@pytest.mark.parametrize("path", ["/", "/vie-locale/vie-locale.html", "/_apercu/etat",
                                  "/_apercu/vie-locale.html", "/_apercu/evenements"])
def test_a_foreign_host_is_refused(preview: RunningPreview, host: str, path: str) -> None:
    status, body = get_with_host(preview, path, host.format(port=preview.port))
    assert status == 421
    assert DRAFT not in body and b"epoch" not in body
    text = body.decode("utf-8")
    assert "<h1>Adresse refusée</h1>" in text
    assert "qu’aux adresses de cet ordinateur" in text and 'lang="fr"' in text


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}",
                                  "LocalHost:{port}", "127.0.0.1", "localhost"])
def test_this_computer_is_served(preview: RunningPreview, host: str) -> None:
    status, body = get_with_host(preview, "/vie-locale/vie-locale.html",
                                 host.format(port=preview.port))
    assert status == 200 and DRAFT in body


def test_the_servers_own_errors_are_in_french(preview: RunningPreview) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.request("DELETE", "/")
    answer = connection.getresponse()
    body = answer.read().decode("utf-8")
    connection.close()
    assert answer.status == 501 and "Seule la lecture des pages" in body
    assert "Unsupported" not in body and "method" not in body


# --- a browser that goes away -----------------------------------------------------------

def reset(connection: socket.socket) -> None:
    """Closed as a browser tab killed: at once, with a TCP reset (no polite end)."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def opened(port: int, request: bytes) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    connection.sendall(request)
    return connection


# Last in this file: it stops the module's preview to read all it printed.
def test_a_browser_going_away_prints_no_traceback(preview: RunningPreview) -> None:
    running = preview
    try:
        port = running.port
        host = f"Host: 127.0.0.1:{port}\r\n".encode()
        # 1. The event stream of an open page, closed once the server is waiting on it;
        #    the next epoch makes the server write to it.
        stream = opened(port, b"GET /_apercu/evenements?depuis=1000 HTTP/1.1\r\n" + host
                        + b"\r\n")
        assert stream.recv(200).startswith(b"HTTP/1.1 200")  # headers sent: it waits
        reset(stream)
        # 2. A big file, left unread: the server is blocked writing it when the reset comes.
        big = running.root / "build" / "gros.bin"
        big.write_bytes(b"x" * 30_000_000)
        download = opened(port, b"GET /gros.bin HTTP/1.1\r\n" + host + b"\r\n")
        assert download.recv(200).startswith(b"HTTP/1.1 200")
        reset(download)
        # 3. A request cut in the middle of its headers.
        reset(opened(port, b"GET / HTTP/1.1\r\n" + host))
        epoch = state_epoch(running)
        note = running.root / NOTE
        save_like_an_editor(note, note.read_text(encoding="utf-8") + "\nAjout.\n")
        wait_epoch_after(running, epoch)  # the dead stream was written to then
        status, _ = get_with_host(running, "/", f"127.0.0.1:{port}")  # still serving
        assert status == 200
    finally:
        running.stop()
    output = running.rest()
    assert "Traceback" not in output and "Error" not in output, output
    assert "Aperçu arrêté." in output
