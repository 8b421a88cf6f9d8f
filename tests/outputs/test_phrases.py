"""The sentences the code makes: articles, parentheses, numbers."""

import pytest

from pipeline.outputs import phrases


@pytest.mark.parametrize(("name", "pour", "a"), [
    ("Agence nationale de la cohésion des territoires (ANCT)",
     "pour l’Agence nationale de la cohésion des territoires (ANCT)",
     "à l’Agence nationale de la cohésion des territoires (ANCT)"),
    ("ANCT", "pour l’ANCT", "à l’ANCT"),
    ("Direction générale des collectivités locales", "pour la Direction générale des "
     "collectivités locales", "à la Direction générale des collectivités locales"),
    ("Conseil départemental du Nord", "pour le Conseil départemental du Nord",
     "au Conseil départemental du Nord"),
    ("DGCL", "pour la DGCL", "à la DGCL"),
    ("France Travail", "pour France Travail", "à France Travail"),
    ("État", "pour l’État", "à l’État"),
])
def test_an_institution_takes_its_article(name, pour, a):
    assert phrases.pour(name) == pour
    assert phrases.a(name) == a


def test_de_contracts_and_elides():
    assert phrases.with_preposition("de", "Ministère de la Ville") == "du Ministère de la Ville"
    assert phrases.with_preposition("de", "ANCT") == "de l’ANCT"


def test_a_parenthesis_never_opens_inside_another():
    assert phrases.aside("Île-de-France (Seine-Saint-Denis)") == \
        "(Île-de-France, Seine-Saint-Denis)"
    assert phrases.centre_label("Profession Banlieue", "Île-de-France (Seine-Saint-Denis)") \
        == "Profession Banlieue (Île-de-France, Seine-Saint-Denis)"
    assert not phrases.has_nested_parentheses(phrases.aside("a (b) c (d)"))
    assert phrases.has_nested_parentheses("(Agence (ANCT))")


@pytest.mark.parametrize("notes", [0, 1, 2, 14])
def test_the_method_sentence_never_opens_with_a_digit(notes):
    sentence = phrases.method(notes, max(notes // 2, 1), "Agence nationale (ANCT)")
    assert not sentence[0].isdigit()
    assert "à l’Agence nationale (ANCT)" in sentence
    assert ("ont été lues" in sentence) == (notes > 1)


def test_the_description_names_the_recipient_with_its_article():
    assert phrases.description("Réseau", "ANCT", 2024) == "Contribution du Réseau pour l’ANCT, 2024"
