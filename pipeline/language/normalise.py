"""Comparing French words as a reader would: case, accents and apostrophes aside."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


@functools.lru_cache(maxsize=1 << 16)  # the same words come back in every note
def fold(text: str) -> str:
    """« Médiathèque » and « mediatheque » give the same key; ’ becomes '."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> tuple[str, ...]:
    """A name as its folded words: hyphens, apostrophes and spaces all separate."""
    return tuple(w for w in re.split(r"[\s\-'.]+", fold(text)) if w)


def token_keys(text: str, lemma: str) -> frozenset[str]:
    """What a word may be matched on: its lemma and its form, folded. Both, because
    the lemmatiser guesses a lone keyword's part of speech (« pass » → « pas »)."""
    return frozenset(k for k in (fold(lemma), fold(text)) if k)
