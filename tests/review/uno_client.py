"""Run by LibreOffice's Python (``/usr/bin/python3``, the one that imports ``uno``),
never imported by the tests: ``python3 uno_client.py PIPE ACTION ARGUMENT…`` connects
to the LibreOffice the test session started (``tests/review/office.py``) and acts on
a document as a user would, through its API.

- ``texts PATH accept|reject|none``: the document's body paragraphs' texts (tables'
  too, in order, then the footnotes'), after Accept All or Reject All, as JSON.
- ``review SOURCE TARGET EDITS_JSON``: ``SOURCE`` opened with changes recorded under
  the author ``Relectrice ODT``, each edit done, saved as ``TARGET`` (its format by its
  extension). Edits: ``{"split": TEXT, "after": WORDS}`` (a paragraph break typed after
  WORDS in the paragraph that starts with TEXT), ``{"new": TEXT, "after": START}`` (a
  new paragraph typed after the one starting with START), ``{"join": TEXT}`` (the
  paragraph that starts with TEXT joined to the next: its end deleted),
  ``{"delete": TEXT}`` (the whole paragraph deleted, its mark too)."""

import json
import os
import sys

import uno
from com.sun.star.beans import PropertyValue

FILTERS = {".odt": "writer8", ".docx": "MS Word 2007 XML"}


def _property(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def _desktop(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
    return context, context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)


def _open(desktop, path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                        (_property("Hidden", True),))


def _dispatch(context, document, command):
    helper = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", context)
    helper.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())


def _paragraphs(container):
    """Every paragraph of the text, tables' cells in order, as a list of strings."""
    found = []
    enumeration = container.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                found += _paragraphs(element.getCellByName(name).getText())
        else:
            found.append(element.getString())
    return found


def texts(context, desktop, path, action):
    document = _open(desktop, path)
    try:
        if action != "none":
            command = "Accept" if action == "accept" else "Reject"
            _dispatch(context, document, f".uno:{command}AllTrackedChanges")
        left = document.getRedlines().getCount() if hasattr(document, "getRedlines") else -1
        notes = document.getFootnotes()
        footnotes = [f"[note] {notes.getByIndex(i).getString()}" for i in range(notes.getCount())]
        return {"paragraphs": _paragraphs(document.getText()) + footnotes, "redlines": left}
    finally:
        document.close(True)


def _find(document, start):
    """The paragraph (a text range) whose text starts with ``start``."""
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        paragraph = enumeration.nextElement()
        if paragraph.supportsService("com.sun.star.text.Paragraph") and \
                paragraph.getString().startswith(start):
            return paragraph
    raise SystemExit(f"paragraph not found: {start}")


def review(context, desktop, source, target, edits):
    document = _open(desktop, source)
    try:
        settings = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", context)
        access = settings.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (_property("nodepath", "/org.openoffice.UserProfile/Data"),))
        access.setPropertyValue("givenname", "Relectrice")
        access.setPropertyValue("sn", "ODT")
        access.commitChanges()
        document.setPropertyValue("RecordChanges", True)
        text = document.getText()
        for edit in edits:
            _edit(document, text, edit)
        extension = target[target.rfind("."):]
        document.storeToURL(uno.systemPathToFileUrl(target),
                            (_property("FilterName", FILTERS[extension]),))
        return {"saved": target}
    finally:
        document.close(True)


def _edit(document, text, edit):
    from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

    if "split" in edit:
        paragraph = _find(document, edit["split"])
        cursor = text.createTextCursorByRange(paragraph.getStart())
        cursor.goRight(paragraph.getString().index(edit["after"]) + len(edit["after"]), False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    elif "new" in edit:
        paragraph = _find(document, edit["after"])
        cursor = text.createTextCursorByRange(paragraph.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["new"], False)
    elif "join" in edit:
        paragraph = _find(document, edit["join"])
        cursor = text.createTextCursorByRange(paragraph.getEnd())
        cursor.goRight(1, True)  # the paragraph mark
        cursor.setString("")
    elif "delete" in edit:
        paragraph = _find(document, edit["delete"])
        cursor = text.createTextCursorByRange(paragraph.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)
        cursor.setString("")


def main(pipe, action, *arguments):
    context, desktop = _desktop(pipe)
    if action == "texts":
        result = texts(context, desktop, *arguments)
    elif action == "review":
        result = review(context, desktop, arguments[0], arguments[1], json.loads(arguments[2]))
    else:
        raise SystemExit(f"unknown action {action}")
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.flush()
    # The UNO bridge's threads can crash the interpreter as it tears down (a SIGSEGV
    # seen once in CI, after the document was saved and this result printed): the work
    # is done, nothing is left to clean up.
    os._exit(0)


if __name__ == "__main__":
    main(*sys.argv[1:])
