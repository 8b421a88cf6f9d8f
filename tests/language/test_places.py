"""One name per place in the index: institutions under their territory, former regions
under today's, the country and the network's centres left out."""

import pytest

from pipeline.language.places import Places


@pytest.mark.parametrize(("found", "listed"), [
    ("Ville de Rouen", "Rouen"),
    ("Rouen", "Rouen"),
    ("Ville du Havre", "Le Havre"),
    ("Région Occitanie", "Occitanie"),
    ("Région Hauts-de-France", "Hauts-de-France"),
    ("Département de la Seine-Saint-Denis", "Seine-Saint-Denis"),
    ("Conseil départemental du Doubs", "Doubs"),
    ("Franche-Comté", "Bourgogne-Franche-Comté"),
    ("Languedoc-Roussillon", "Occitanie"),
    ("Basse-Normandie", "Normandie"),
    ("ile de france", "Île-de-France"),
    ("France services", "France services"),
    ("Métropole européenne de Lille", "Métropole européenne de Lille"),
])
def test_a_name_is_listed_under_one_name(found, listed):
    assert Places(["Profession Banlieue", "irev"]).canonical(found) == listed


@pytest.mark.parametrize("found", ["France", "République française", "Profession Banlieue",
                                   "IREV", "profession-banlieue"])
def test_the_country_and_the_centres_are_left_out(found):
    assert Places(["Profession Banlieue", "IREV", "profession-banlieue"]).canonical(found) is None
