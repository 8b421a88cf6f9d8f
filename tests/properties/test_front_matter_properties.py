"""Property-based tests of the front-matter reader: whatever the bytes, a note is
either read or refused with a message; what a writer typed comes back intact."""

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.coerce import coerce
from pipeline.diagnostics import Report
from pipeline.schema import NOTE_FIELDS
from pipeline.stages.load import split_front_matter
from pipeline.textfile import decode
from pipeline.yamlread import YamlReadError, read_yaml

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80)


@given(st.binary(max_size=400))
@settings(max_examples=300)
def test_any_bytes_are_read_or_refused_with_a_message(data):
    decoded = decode(data)
    assert decoded.text == unicodedata.normalize("NFC", decoded.text)
    try:
        front, _, body_line = split_front_matter(decoded.text)
        located = read_yaml(front, first_line=2)
    except YamlReadError as error:
        assert error.message and error.line >= 1
        return
    assert body_line >= 3
    coerce(NOTE_FIELDS, located, "sources/x/y.md", Report())  # never raises


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_any_text_front_matter_is_read_or_refused(text):
    try:
        read_yaml(text, first_line=2)
    except YamlReadError as error:
        assert error.line >= 2


@given(title=TEXT.filter(str.strip), authors=st.lists(TEXT.filter(str.strip), min_size=1,
                                                      max_size=3))
def test_quoted_values_come_back_as_typed(title, authors):
    text = (f"titre: {json.dumps(title, ensure_ascii=False)}\n"
            f"auteurs: {json.dumps(authors, ensure_ascii=False)}\n")
    report = Report()
    fields = coerce(NOTE_FIELDS, read_yaml(text, first_line=2), "n.md", report)
    assert fields.values["titre"] == " ".join(title.split(" ")).strip() or \
        fields.values["titre"] == " ".join(title.split())
    assert fields.lines == {"titre": 2, "auteurs": 3}
    assert len(fields.values["auteurs"]) == len(authors)


# Windows-1252 letters whose byte (0xC7-0xF4) opens a UTF-8 sequence: one at the end
# of the bytes leaves that sequence unfinished, so the file can never pass for UTF-8.
LAST_LETTER = st.sampled_from("ÇÉÈÊàâçèéêëîïô")


@given(st.text(st.characters(codec="cp1252", blacklist_categories=("Cc", "Cs")), max_size=200),
       LAST_LETTER)
def test_windows_1252_text_is_decoded_exactly(text, last):
    text += last
    data = text.encode("cp1252")
    decoded = decode(data)
    assert (decoded.encoding, decoded.guessed) == ("windows-1252", True)
    assert decoded.text == unicodedata.normalize("NFC", text)


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_text_is_decoded_exactly_and_not_guessed(text):
    decoded = decode(text.encode("utf-8"))
    assert (decoded.encoding, decoded.guessed) == ("utf-8", False)
    assert decoded.text == unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
