"""Run by LibreOffice's Python (the one that imports ``uno``), never imported by the
pipeline: ``python3 libreoffice_pages.py PIPE PID DOCX`` opens the document in the
headless LibreOffice listening on PIPE (process PID, started by ``pages.py``), and
prints, as JSON, the page each bookmark of the document starts on."""

import contextlib
import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60


def main(pipe, pid, path):
    desktop = _desktop(pipe, int(pid))
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                            (hidden,))
    try:
        pages = _bookmark_pages(document)
    finally:
        with contextlib.suppress(Exception):
            document.close(True)
    json.dump(pages, sys.stdout)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _desktop(pipe, pid):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if not _running(pid) or time.monotonic() > deadline:
                raise SystemExit("LibreOffice n'a pas démarré") from None
            time.sleep(0.05)
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
