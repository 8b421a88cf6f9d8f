"""``python -m pipeline apercu``: the first pages made, the server started on the
loopback address, the URL printed (and opened in the browser when there is a display),
then each batch of saved files turned into fresh pages until Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys
import threading
import webbrowser
from datetime import date
from pathlib import Path

from pipeline.failures import describe
from pipeline.preview.live import Live
from pipeline.preview.server import DEFAULT_PORT, HOST, PreviewServer, serve
from pipeline.preview.session import Session
from pipeline.preview.site import SITE_PAGE, SiteRefresher, site_made
from pipeline.preview.watcher import watch_workspace
from pipeline.workspace import Workspace

STOP_SECONDS = 3.0  # what the threads get to end after Ctrl-C


def say(message: str) -> None:
    print(message, flush=True)


def run_preview(workspace: Workspace, build_date: date, *, port: int = DEFAULT_PORT,
                browser: bool = True, only: tuple[str, ...] = ()) -> int:
    """Runs until interrupted; 0 then, 1 for an unknown contribution, 2 without a port."""
    session = Session(workspace, build_date, only)
    live = Live(session, say)
    say("Aperçu\u00a0: préparation des pages (la première fois, l’analyse des notes prend "
        "un moment)…")
    live.start()
    unknown = session.unknown()
    if unknown:
        known = ", ".join(c.id for c in session.contributions)
        print(f"contribution inconnue\u00a0: {', '.join(unknown)} (contributions\u00a0: {known})",
              file=sys.stderr)
        return 1
    try:
        server = serve(live, workspace.build, port)
    except OSError as exc:
        print(f"l’aperçu n’a pas pu démarrer\u00a0: {describe(exc)}", file=sys.stderr)
        return 2
    # Ctrl-C and a polite kill end it the same way, even if its parent ignored SIGINT
    # (a background job of a script) and so made Python leave it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    stop = threading.Event()
    site = SiteRefresher(workspace, lambda made: made and live.touch(SITE_PAGE), say)

    def changed(paths: set[Path]) -> None:
        live.update(paths)
        if site_made(workspace):  # made once by « make site », now or since the start
            site.request()

    threads = [threading.Thread(target=server.serve_forever, name="serveur", daemon=True),
               threading.Thread(target=watch_workspace, args=(workspace, changed, stop),
                                name="surveillance", daemon=True)]
    try:
        for thread in threads:
            thread.start()
        url = f"http://{HOST}:{server.server_port}/" + (f"{only[0]}/{only[0]}.html"
                                                         if only else "")
        say(f"Aperçu prêt\u00a0: {url}")
        say("Les pages se mettent à jour à chaque enregistrement d’une note. Ctrl-C pour "
            "arrêter.")
        site.start()
        if site_made(workspace):
            say(f"Site d’observation\u00a0: http://{HOST}:{server.server_port}/site/ (refait "
                "après chaque enregistrement, avec les éditions finales)")
        else:
            say("Site d’observation\u00a0: lancez une fois « make site » pour le voir ici, "
                "refait à chaque enregistrement.")
        if browser and _display():
            webbrowser.open(url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
        _stop(stop, live, server, threads)
    say("Aperçu arrêté.")
    return 0


def _stop(stop: threading.Event, live: Live, server: PreviewServer,
          threads: list[threading.Thread]) -> None:
    stop.set()
    live.stop()
    if threads[0].is_alive():  # shutdown() waits for serve_forever: only once it runs
        server.shutdown()
    server.server_close()
    for thread in threads:  # the warm-up, if still going, dies with the process
        if thread.is_alive():
            thread.join(STOP_SECONDS)


def _display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or sys.platform in ("darwin", "win32"))
