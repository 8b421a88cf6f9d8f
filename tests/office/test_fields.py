"""The metadata table's rows as the same located mapping a YAML front matter gives:
labels compared loosely, lists split, French dates read, each value on its row."""

from __future__ import annotations

import pytest

from pipeline.diagnostics import TableRow
from pipeline.office.fields import DuplicateField, Row, field_name, is_metadata, key, to_mapping


def _rows(*pairs):
    return [Row(label, value, TableRow(n)) for n, (label, value) in enumerate(pairs, start=1)]


@pytest.mark.parametrize("label, name", [
    ("Titre", "titre"), ("  TITRE : ", "titre"), ("Auteur", "auteurs"),
    ("Thème", "themes"), ("Commune", "territoire.commune"), ("Couleur", None),
])
def test_labels_are_compared_without_case_accents_or_punctuation(label, name):
    assert field_name(label) == name


def test_key_keeps_letters_and_digits_only():
    assert key("  Écrit-le : 12 mars ") == "ecrit le 12 mars"


def test_two_field_rows_make_a_metadata_table_one_does_not():
    assert is_metadata(_rows(("Titre", "T"), ("CRPV", "alpha")))
    assert not is_metadata(_rows(("Titre", "T"), ("Budget", "12 €")))


def test_rows_become_a_located_mapping_typed_by_the_schema():
    mapping = to_mapping(_rows(
        ("Information", "À remplir"), ("Titre", "  Un  atelier "), ("Auteurs", "Léa Roux ; Marc"),
        ("Date", "4/3/2024"), ("Territoire", "Rennes, Villejean"), ("Thèmes", ""),
        ("Couleur", "bleu"))).value
    assert "Information" not in mapping  # the heading row
    assert (mapping["titre"].value, mapping["titre"].line) == ("Un atelier", 2)
    assert isinstance(mapping["titre"].line, TableRow)
    assert [a.value for a in mapping["auteurs"].value] == ["Léa Roux", "Marc"]
    assert mapping["date"].value == "2024-03-04"
    place = mapping["territoire"].value
    assert (place["commune"].value, place["quartier"].value) == ("Rennes", "Villejean")
    assert mapping["themes"].value is None and mapping["themes"].tag == "null"
    assert mapping["Couleur"].value == "bleu"  # kept: the schema warns about it


def test_commune_and_quartier_on_two_rows_make_one_territory():
    mapping = to_mapping(_rows(("Titre", "T"), ("Commune", "Rennes"),
                               ("Quartier", "Maurepas"))).value
    territory = mapping["territoire"]
    assert territory.line == 2 and territory.value["quartier"].value == "Maurepas"


def test_a_field_given_twice_is_reported_on_its_second_row():
    with pytest.raises(DuplicateField) as raised:
        to_mapping(_rows(("Titre", "A"), ("CRPV", "alpha"), ("titre", "B")))
    assert (raised.value.name, raised.value.line) == ("titre", 3)
