"""The official geography (pipeline/geography.py) on the real data package
(@etalab/decoupage-administratif, installed by ``make setup`` into geography/)."""

from __future__ import annotations

import time

import pytest

from pipeline.geography import Commune, Lookup, data_version, find_commune, find_departement

STRASBOURG = Commune("67482", "Strasbourg", "67", "Bas-Rhin", "44", "Grand Est")


def test_strasbourg_is_found_with_its_departement_and_region():
    lookup = find_commune("Strasbourg")
    assert lookup.commune == STRASBOURG
    assert lookup.candidates == (STRASBOURG,) and lookup.suggestions == ()


def test_roubaix_is_in_the_nord_in_hauts_de_france():
    commune = find_commune("Roubaix").commune
    assert commune is not None
    assert (commune.code, commune.departement, commune.departement_nom, commune.region_nom) == \
        ("59512", "59", "Nord", "Hauts-de-France")


@pytest.mark.parametrize("spelling", ["strasbourg", "STRASBOURG", " Strasbourg ",
                                      "Strasbourg (67)", "Strasbourg (Bas-Rhin)"])
def test_case_spaces_and_a_bracketed_departement_do_not_matter(spelling):
    assert find_commune(spelling).commune == STRASBOURG


@pytest.mark.parametrize(("spelling", "code"), [
    ("Nimes", "30189"), ("Besancon", "25056"), ("ALENÇON", "61001"),  # accents
    ("Fort de France", "97209"), ("Clichy sous Bois", "93014"),  # hyphens
    ("St-Étienne-du-Rouvray", "76575"), ("Ste Foy lès Lyon", "69202"),  # « St », « Ste »
    ("Le Havre", "76351"), ("Havre", "76351"),  # the article
    ("Vaulx-en-Velin", "69256"), ("L'Haÿ-les-Roses", "94038"),
])
def test_spellings_writers_use(spelling, code):
    commune = find_commune(spelling).commune
    assert commune is not None and commune.code == code


@pytest.mark.parametrize(("spelling", "code"), [
    ("Marseille 13e", "13055"), ("Marseille 13e arrondissement", "13055"),
    ("Lyon 3e", "69123"), ("Paris 1er", "75056"), ("Paris 20ème arrondissement", "75056"),
])
def test_a_municipal_arrondissement_is_its_commune(spelling, code):
    commune = find_commune(spelling).commune
    assert commune is not None and commune.code == code


def test_a_former_commune_is_the_commune_nouvelle_it_belongs_to():
    commune = find_commune("Cherbourg-Octeville").commune
    assert commune is not None and commune.nom == "Cherbourg-en-Cotentin"


def test_overseas_communes_have_their_departement_and_region():
    fort = find_commune("Fort-de-France").commune
    assert fort is not None and (fort.departement, fort.region_nom) == ("972", "Martinique")


def test_saint_denis_is_ambiguous_unless_the_departement_is_given():
    lookup = find_commune("Saint-Denis")
    assert lookup.commune is None
    assert {"93", "974"} <= {c.departement for c in lookup.candidates}
    assert lookup.candidates[0].departement == "974"  # the most populous first
    for departement in ("93", "Seine-Saint-Denis", "seine saint denis"):
        commune = find_commune("Saint-Denis", departement).commune
        assert commune is not None and commune.code == "93066"
    reunion = find_commune("Saint-Denis (974)").commune
    assert reunion is not None and reunion.region_nom == "La Réunion"


def test_a_name_absent_from_the_departement_given_lists_where_it_is():
    lookup = find_commune("Saint-Denis", "75")
    assert lookup.commune is None and "93" in {c.departement for c in lookup.candidates}


def test_a_typo_gets_a_suggestion():
    assert find_commune("Strasbourgg") == Lookup(None, (), ("Strasbourg",))
    assert "Roubaix" in find_commune("Roubaixx").suggestions
    assert find_commune("Xqzwv").suggestions == ()


def test_departements_by_code_or_name():
    assert [find_departement(t) for t in ("67", "1", "2a", "974", "Bas-Rhin", "la reunion")] \
        == ["67", "01", "2A", "974", "67", "974"]
    assert find_departement("99") is None


def test_lookups_are_fast_once_loaded():
    find_commune("Paris")  # the index, built once
    start = time.perf_counter()
    for _ in range(1000):
        find_commune("Saint-Étienne-du-Rouvray")
    assert time.perf_counter() - start < 1.0  # a dictionary look-up each (loaded machine)


def test_the_data_is_the_pinned_package():
    assert data_version() == "6.0.0"  # geography/package.json
