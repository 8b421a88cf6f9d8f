"""spaCy's French model, imported sooner.

Importing ``spacy.lang.fr`` compiles one regular expression of thousands of
alternatives (``tokenizer_exceptions.TOKEN_MATCH``), each holding the same large
character classes; Python optimises each class anew, about two of the three seconds
the import takes here. While the model is imported, the optimisation of a class is
remembered: it depends on its arguments only, so the expression compiled is the same
(``tests/language/test_model_import.py`` compares the compiled code)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def charsets_remembered() -> Iterator[None]:
    compiler: Any = getattr(re, "_compiler", None)  # Python 3.11's name
    original = getattr(compiler, "_optimize_charset", None)
    if original is None:  # another Python: imported at its own pace
        yield
        return
    remembered: dict[tuple, tuple[list, bool]] = {}

    def optimize_charset(charset: list, iscased: Any = None, fixup: Any = None,
                         fixes: Any = None) -> tuple[list, bool]:
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            found = remembered.get(key)
        except TypeError:  # an item that does not hash: optimised as usual
            return original(charset, iscased, fixup, fixes)
        if found is None:
            found = remembered[key] = original(charset, iscased, fixup, fixes)
        return list(found[0]), found[1]

    compiler._optimize_charset = optimize_charset
    try:
        yield
    finally:
        compiler._optimize_charset = original
