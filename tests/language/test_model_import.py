"""spaCy's French tokenizer expression compiled with the charsets' optimisation
remembered (``pipeline/language/model_import.py``) is the same compiled code."""

import re
from re import _compiler, _parser

import spacy.lang.fr.tokenizer_exceptions as exceptions

from pipeline.language.model_import import charsets_remembered


def _code(pattern: str, flags: int = 0) -> list[int]:
    return _compiler._code(_parser.parse(pattern, flags), flags)


def test_the_tokenizer_expression_compiles_to_the_same_code_with_charsets_remembered():
    # spaCy's own construction of TOKEN_MATCH, from its first 40 alternatives (of 266):
    # each repeats the same large classes, the remembered ones
    pattern = "(?iu)" + "|".join(f"(?:{m})" for m in exceptions._regular_exp[:40])
    assert exceptions.TOKEN_MATCH.__self__.pattern.startswith(pattern)
    plain = _code(pattern)
    with charsets_remembered():
        remembered = _code(pattern)
        assert _compiler._optimize_charset.__name__ == "optimize_charset"  # in use
    assert remembered == plain
    assert _compiler._optimize_charset.__module__ == "re._compiler"  # given back


def test_a_remembered_charset_is_a_copy_and_ignore_case_keeps_its_fixes():
    with charsets_remembered():
        first = re.compile("[a-zà-ÿ]+", re.IGNORECASE)
        again = re.compile("(?:x)[a-zà-ÿ]+", re.IGNORECASE)
    assert first.fullmatch("ÉTÉ") and again.fullmatch("xÉté") and not first.match("1")
