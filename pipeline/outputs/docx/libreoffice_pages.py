"""Run by LibreOffice's Python (the one that imports ``uno``), never imported by the
pipeline: ``python3 libreoffice_pages.py SOFFICE DOCX PROFILE`` lays the document out
in a headless LibreOffice of its own (user profile in PROFILE) and prints, as JSON,
the page each bookmark of the document starts on."""

import contextlib
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60


def main(soffice, path, profile):
    pipe = f"rc_pages_{os.getpid()}"
    office = subprocess.Popen([
        soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _desktop(pipe, office)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                                (hidden,))
        pages = _bookmark_pages(document)
        document.close(True)
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        office.wait(30)
    finally:
        if office.poll() is None:
            office.kill()
    json.dump(pages, sys.stdout)


def _desktop(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice n'a pas démarré") from None
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                            context)


def _bookmark_pages(document):
    """Each bookmark's page, as LibreOffice lays the document out (its view cursor)."""
    cursor = document.getCurrentController().getViewCursor()
    bookmarks = document.getBookmarks()
    pages = {}
    for name in bookmarks.getElementNames():
        cursor.gotoRange(bookmarks.getByName(name).getAnchor().getStart(), False)
        pages[name] = cursor.getPage()
    return pages


if __name__ == "__main__":
    main(*sys.argv[1:4])
