"""Property-based tests of the French typography functions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.typography import french_ast, french_text

FRENCH = st.text(st.sampled_from(list("abcdeéèàçôû ABCÉ;:!?«»\"'.,-%€0123456789")),
                 max_size=120)


@given(FRENCH)
@settings(max_examples=500)
def test_french_text_is_idempotent(text):
    once = french_text(text)
    assert french_text(once) == once


@given(st.text(st.sampled_from(list("abcdeéèàçôû ABCÉ;:!?«».,-")), max_size=120))
@settings(max_examples=500)
def test_letters_are_kept_in_order(text):
    def letters(value):
        return [c for c in value if c.isalpha()]

    assert letters(french_text(text)) == letters(text)


@given(FRENCH)
def test_no_breaking_space_is_left_before_high_punctuation(text):
    """Inside a text (not at its very start, where pandoc never leaves a space)."""
    out = french_text(text)
    for index, char in enumerate(out[1:], start=1):
        if char in ";!?" and out[index - 1] == " " and out[:index - 1].strip():
            raise AssertionError(repr(out))


@given(st.lists(FRENCH.filter(lambda t: t and " " not in t), min_size=1, max_size=8))
def test_ast_runs_read_as_the_text_rules(words):
    inlines = []
    for word in words:
        inlines += [{"t": "Str", "c": word}, {"t": "Space"}]
    out = french_ast([{"t": "Para", "c": inlines[:-1]}])[0]["c"]
    text = "".join(i["c"] if i["t"] == "Str" else " " if i["t"] == "Space"
                   else "".join(s["c"] for s in i["c"]) for i in out)
    assert text == french_text(" ".join(words))
