"""How the index names a place or an organisation: one name per thing.

« Ville de Rouen » is indexed under « Rouen », « Région Occitanie » under « Occitanie »,
a former region under the region it belongs to since 2016 (« Franche-Comté » under
« Bourgogne-Franche-Comté »); the country is left out (every note is in France), and
so are the network's own centres, which the annexes list already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.language.normalise import name_key

REGIONS = (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire",
    "Corse", "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie",
    "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
    "Guadeloupe", "Guyane", "La Réunion", "Martinique", "Mayotte",
)  # fmt: skip
FORMER_REGIONS = {
    "Alsace": "Grand Est", "Lorraine": "Grand Est", "Champagne-Ardenne": "Grand Est",
    "Aquitaine": "Nouvelle-Aquitaine", "Limousin": "Nouvelle-Aquitaine",
    "Poitou-Charentes": "Nouvelle-Aquitaine", "Auvergne": "Auvergne-Rhône-Alpes",
    "Rhône-Alpes": "Auvergne-Rhône-Alpes", "Bourgogne": "Bourgogne-Franche-Comté",
    "Franche-Comté": "Bourgogne-Franche-Comté", "Languedoc-Roussillon": "Occitanie",
    "Midi-Pyrénées": "Occitanie", "Nord-Pas-de-Calais": "Hauts-de-France",
    "Picardie": "Hauts-de-France", "Basse-Normandie": "Normandie",
    "Haute-Normandie": "Normandie", "Centre": "Centre-Val de Loire",
}  # fmt: skip
COUNTRY = ("France", "France métropolitaine", "République française", "République")
# « Ville de Rouen » → « Rouen »: the institution is indexed under its territory.
_INSTITUTION = re.compile(
    r"^(?:(?:la\s+)?(?:Ville|Commune|Mairie)\s+(?:de\s+|d['’]\s*)"
    r"|(?:la\s+)?Région\s+(?:de\s+|d['’]\s*)?"
    r"|(?:le\s+)?(?:Département|Conseil\s+départemental)\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+"
    r"|des\s+|de\s+|d['’]\s*))(?=[A-ZÀ-Ý])")
# « Ville du Havre » → « Le Havre », « Mairie des Mureaux » → « Les Mureaux ».
_INSTITUTION_ARTICLE = re.compile(r"^(?:la\s+)?(?:Ville|Commune|Mairie)\s+(du|des)\s+(?=[A-ZÀ-Ý])")
_BY_KEY = {name_key(name): name for name in REGIONS}
_BY_KEY.update({name_key(old): new for old, new in FORMER_REGIONS.items()})


class Places:
    """Turns the names found in the notes into the index's names."""

    def __init__(self, left_out: Iterable[str] = ()) -> None:
        self.left_out = {name_key(n) for n in (*COUNTRY, *left_out)}

    def known(self, name: str) -> bool:
        """A region, today's or a former one."""
        return name_key(name) in _BY_KEY

    def canonical(self, name: str) -> str | None:
        """The name the index lists ``name`` under, or None when it is left out."""
        name = _INSTITUTION_ARTICLE.sub(lambda m: "Le " if m.group(1) == "du" else "Les ",
                                        name.strip())
        name = _INSTITUTION.sub("", name)
        key = name_key(name)
        if not key or key in self.left_out:
            return None
        return _BY_KEY.get(key, name)
