"""The preview's web server: on the loopback address only, standard library only.

- ``/``: the home page: the coordinator's dashboard (``build/index.html``) when a build
  made it, else the list of the contributions (``home_page``);
- ``/<id>/<id>.html``: the contribution's page as the preview made it, with the banner
  of errors, the notice about DOCX and PDF and the live script injected before
  ``</body>`` (never in a file: ``build/_apercu/<id>.html`` has none of it);
- ``/_apercu/evenements``: server-sent events, one per new epoch, naming the pages it
  changed; the script then fetches its page again and puts its body in place (no
  reload: the reader keeps their place);
- ``/_apercu/etat``: the epoch, each page's steps and banner, as JSON (bench, tests);
- any other path: a file under ``build/`` (the deliverables the dashboard links to),
  once resolved and confined there — a path that leads elsewhere is refused
  (MkDocs' CVE-2021-40978); a folder's address ending in ``/`` gives its
  ``index.html``, so that ``/site/`` shows the observation site (``make site``) as a
  static host would; its pages get a script (in the answer only) that reloads them
  when the preview made the site again (``preview/site.py``).

Only requests addressed to this computer are answered: a ``Host`` header other than
``127.0.0.1``, ``localhost`` or ``[::1]`` (with the port, or none) gets a 421 page. A web
page elsewhere could otherwise make a name of its own point at 127.0.0.1 (DNS rebinding)
and read the unpublished drafts through the reader's browser.

A browser that goes away mid-answer (a page closed, reloaded, its event stream
dropped) is normal: it ends that request quietly, never with a traceback.
"""

from __future__ import annotations

import html
import json
import mimetypes
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from pipeline.diagnostics import Diagnostic
from pipeline.preview.live import HOME, Live, Shown
from pipeline.preview.site import SITE_PAGE
from pipeline.run import COMMAND
from pipeline.typography import plural

HOST = "127.0.0.1"  # never another address: the preview shows unpublished notes
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})  # what Host may name
GONE = (ConnectionError, TimeoutError)  # the browser went away: nothing to say
DEFAULT_PORT = 8000
PORTS_TRIED = 50
EVENTS = "/_apercu/evenements"
STATE = "/_apercu/etat"
KEEPALIVE_SECONDS = 10.0
ERRORS = {400: "Requête incorrecte", 404: "Page introuvable", 408: "Requête trop lente",
          414: "Adresse trop longue", 431: "En-têtes trop longs",
          501: "Seule la lecture des pages (GET) est possible",
          505: "Version du protocole HTTP non prise en charge"}

SCRIPT = """<script id="rc-apercu-script">
(() => {
  let epoch = EPOCH;
  const page = PAGE;
  const events = new EventSource("/_apercu/evenements?depuis=" + epoch);
  async function refresh() {
    const answer = await fetch(location.pathname, {cache: "no-store"});
    const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
    const x = window.scrollX, y = window.scrollY;
    document.title = fresh.title;
    document.head.replaceWith(document.adoptNode(fresh.head));
    document.body.replaceWith(document.adoptNode(fresh.body));
    window.scrollTo(x, y);
  }
  events.onmessage = (event) => {
    const change = JSON.parse(event.data);
    if (change.epoch <= epoch) return;
    epoch = change.epoch;
    if (change.pages === null || change.pages.includes(page)) refresh();
  };
})();
</script>"""

SITE_SCRIPT = """<script id="rc-apercu-site">
(() => {
  const events = new EventSource("/_apercu/evenements?depuis=EPOCH");
  events.onmessage = (event) => {
    const change = JSON.parse(event.data);
    if (change.pages === null || change.pages.includes(SITE)) location.reload();
  };
})();
</script>"""

STYLE = """<style id="rc-apercu-style">
#rc-apercu-bandeau { position: fixed; top: 0; left: 0; right: 0; z-index: 1000;
  max-height: 40vh;
  overflow: auto; background: #fff4e5; border-bottom: 3px solid #b3261e; color: #1b1b1b;
  font: 15px/1.4 sans-serif; padding: .6em 1em; }
#rc-apercu-bandeau ul, #rc-apercu-avertissements ul { margin: .3em 0 0; padding-left: 1.2em; }
#rc-apercu-bandeau code, #rc-apercu-avertissements code { white-space: pre-wrap; }
#rc-apercu-avertissements { background: #f3f3f3; font: 14px/1.4 sans-serif;
  padding: .4em 1em; }
#rc-apercu-avis { position: fixed; bottom: 0; right: 0; z-index: 1000; max-width: 32em;
  background: #1b1b1b; color: #fff; font: 13px/1.4 sans-serif; padding: .4em .8em;
  opacity: .9; }
@media print { #rc-apercu-bandeau, #rc-apercu-avertissements, #rc-apercu-avis {
  display: none; } }
</style>"""

NOTICE = ("<p id=\"rc-apercu-avis\" role=\"status\">Aperçu\u00a0: cette page se met à jour à "
          "chaque enregistrement. Le DOCX et le PDF ne sont pas refaits par l’aperçu\u00a0: "
          "pour les obtenir, lancez <code>make</code> (ou "
          f"<code>{COMMAND} build</code>).</p>")


def inject(page: str, block: str) -> str:
    """``block`` put just before the page's last ``</body>`` (at its end if none)."""
    index = page.lower().rfind("</body>")
    return page + block if index < 0 else page[:index] + block + page[index:]


def banner(diagnostics: tuple[Diagnostic, ...]) -> str:
    """The errors in a banner that stays on top; the warnings in a box below it, closed."""
    errors = [d for d in diagnostics if d.severity != "attention"]
    warnings = [d for d in diagnostics if d.severity == "attention"]
    out = ""
    if any(d.severity == "erreur" for d in errors):
        count = sum(1 for d in errors if d.severity == "erreur")
        out += ('<section id="rc-apercu-bandeau" role="alert" aria-label="Erreurs">'
                f"<strong>{plural(count, 'erreur')} à corriger</strong>{_items(errors)}"
                "</section>")
    if warnings:
        out += ('<details id="rc-apercu-avertissements"><summary>'
                f"{plural(len(warnings), 'avertissement')}</summary>{_items(warnings)}</details>")
    return out


def _items(diagnostics: list[Diagnostic]) -> str:
    return "<ul>" + "".join(f"<li><code>{html.escape(str(d))}</code></li>"
                            for d in diagnostics) + "</ul>"


def live_block(epoch: int, page_id: str, diagnostics: tuple[Diagnostic, ...]) -> str:
    script = SCRIPT.replace("EPOCH", str(epoch)).replace("PAGE", json.dumps(page_id))
    return STYLE + banner(diagnostics) + NOTICE + script


def home_page(build: Path, shown: dict[str, Shown]) -> str:
    """The dashboard when a build made one; else the list of the contributions."""
    dashboard = build / "index.html"
    if dashboard.is_file():
        return dashboard.read_text(encoding="utf-8")
    items = "".join(
        f'<li><a href="/{i}/{i}.html">{html.escape(s.page.contribution.title)}</a>'
        f"{_count(s.banner)}</li>" for i, s in sorted(shown.items()))
    return ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
            "<title>Aperçu — Regards croisés</title></head><body><main>"
            f"<h1>Aperçu des contributions</h1><ul>{items}</ul></main></body></html>")


def _count(diagnostics: tuple[Diagnostic, ...]) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "erreur")
    return f" — {plural(errors, 'erreur')}" if errors else ""


def local_host(header: str | None, port: int) -> bool:
    """A ``Host`` header naming this computer, with the server's port or none."""
    host = (header or "").strip().lower()
    return any(host in (name, f"{name}:{port}") for name in LOCAL_NAMES)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds the exit back

    def __init__(self, live: Live, build: Path, port: int) -> None:
        self.live, self.build = live, build
        super().__init__((HOST, port), Handler)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """socketserver prints a traceback for any error of a request: a browser gone
        is not one; anything else is said in one line."""
        error = sys.exc_info()[1]
        if isinstance(error, GONE):
            return
        print(f"aperçu\u00a0: une requête n’a pas pu aboutir ({type(error).__name__}\u00a0: "
              f"{error})", file=sys.stderr, flush=True)


def serve(live: Live, build: Path, port: int = DEFAULT_PORT) -> PreviewServer:
    """A server on ``port``, or on the next free one."""
    for candidate in range(port, port + PORTS_TRIED):
        try:
            return PreviewServer(live, build, candidate)
        except OSError:
            continue
    raise OSError(f"aucun port libre entre {port} et {port + PORTS_TRIED - 1}")


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if not local_host(self.headers.get("Host"), self.server.server_port):
            return self._refuse()
        url = urlsplit(self.path)
        path = unquote(url.path)
        if path == EVENTS:
            return self._events(parse_qs(url.query))
        if path == STATE:
            return self._state()
        epoch, shown = self.server.live.snapshot()
        if path in ("/", "/index.html"):
            page = home_page(self.server.build, shown)
            return self._send(inject(page, live_block(epoch, HOME, ())), "text/html")
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[1] == f"{parts[0]}.html" and parts[0] in shown:
            one = shown[parts[0]]
            return self._send(inject(one.page.html, live_block(epoch, parts[0], one.banner)),
                              "text/html")
        self._file(path)

    def _file(self, path: str) -> None:
        root = self.server.build.resolve()
        try:
            target = (root / path.lstrip("/")).resolve()
        except (ValueError, OSError):  # a NUL byte, a loop of links
            target = root.parent
        if not target.is_relative_to(root):
            return self._error(HTTPStatus.FORBIDDEN, "chemin refusé")
        if target.is_dir() and path.endswith("/"):  # a folder's page: the site's addresses
            target = target / "index.html"
        if not target.is_file():
            return self._error(HTTPStatus.NOT_FOUND, "page introuvable")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = target.read_bytes()
        if kind == "text/html" and target.is_relative_to(root / "site"):
            epoch, _ = self.server.live.snapshot()
            script = SITE_SCRIPT.replace("EPOCH", str(epoch)).replace("SITE",
                                                                     json.dumps(SITE_PAGE))
            return self._send(inject(data.decode("utf-8", "replace"), script), kind)
        self._send(data, kind)

    def _events(self, query: dict[str, list[str]]) -> None:
        try:
            epoch = int(self.headers.get("Last-Event-ID") or query.get("depuis", ["0"])[0])
        except ValueError:
            epoch = 0
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        live = self.server.live
        try:
            while not live.stopping:
                newer, pages = live.wait_newer(epoch, KEEPALIVE_SECONDS)
                if newer > epoch:
                    data = {"epoch": newer, "pages": None if pages is None else sorted(pages)}
                    self.wfile.write(f"id: {newer}\ndata: {json.dumps(data)}\n\n".encode())
                    epoch = newer
                else:
                    self.wfile.write(b": rien\n\n")  # keeps the stream open, finds it closed
                self.wfile.flush()
        except OSError:  # the page was closed
            pass
        self.close_connection = True

    def _state(self) -> None:
        epoch, shown = self.server.live.snapshot()
        session = self.server.live.session
        data = {"epoch": epoch, "prechauffe": session.warm.is_set(),
                "prechauffage_secondes": session.warm_seconds, "pages": {
            i: {"steps": s.page.timings, "banner": [str(d) for d in s.banner]}
            for i, s in shown.items()}}
        self._send(json.dumps(data, ensure_ascii=False), "application/json")

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """http.server's own errors (a malformed request, another method than GET…),
        said in French."""
        self.close_connection = True
        self._error(HTTPStatus(code), ERRORS.get(code, "Requête refusée"))

    def _refuse(self) -> None:
        address = f"http://{HOST}:{self.server.server_port}/"
        self._error(HTTPStatus.MISDIRECTED_REQUEST, "Adresse refusée",
                    "L’aperçu ne répond qu’aux adresses de cet ordinateur "
                    f"(<a href=\"{address}\">{address}</a>)\u00a0: il montre des notes "
                    "qui ne sont pas publiées, qu’aucun autre site ne doit pouvoir lire.")

    def _error(self, status: HTTPStatus, message: str, detail: str = "") -> None:
        self._send('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
                   f"<title>{message}</title></head><body><h1>{message}</h1>"
                   f"{f'<p>{detail}</p>' if detail else ''}</body></html>", "text/html", status)

    def _send(self, body: str | bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/")
                         or kind.endswith("json") else kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)
