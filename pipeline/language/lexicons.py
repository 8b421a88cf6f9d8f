"""Small French lexicons of the privacy check (``persons.py``), compared folded (case
and accents aside). Roles and resident words are matched on the word or its lemma."""

from __future__ import annotations

import functools
from importlib import resources

from pipeline.language.normalise import fold


def _folded(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


CIVILITIES = frozenset({"m", "m.", "mm.", "mme", "mme.", "mmes", "madame", "monsieur", "mlle",
                        "mademoiselle", "mr", "mrs", "messieurs", "mesdames"})
# Before a name, a title says a profession: « Dr Martin », « Me Durand », « Pr Kahn ».
TITLES = frozenset({"dr", "dr.", "docteur", "docteure", "pr", "pr.", "professeur", "professeure",
                    "me", "maitre", "maître", "mgr", "sr"})

# Nouns of a role, a function or a trade (singular and plural, folded).
ROLES = _folded("""
maire adjoint adjointe député députée sénateur sénatrice conseiller conseillère élu élue
président présidente vice-président vice-présidente préfet préfète sous-préfet sous-préfète
ministre délégué déléguée directeur directrice directeurs directrices dirigeant dirigeante
chef cheffe cheffes chefs chargé chargée chargés chargées coordinateur coordinatrice
coordonnateur coordonnatrice responsable responsables animateur animatrice animateurs
animatrices éducateur éducatrice éducateurs éducatrices médiateur médiatrice médiateurs
agent agente agents technicien technicienne ingénieur ingénieure urbaniste urbanistes
architecte architectes paysagiste sociologue sociologues chercheur chercheuse chercheurs
universitaire enseignant enseignante enseignants professeur professeure institutrice
instituteur proviseur proviseure principal principale intervenant intervenante intervenants
formateur formatrice artiste artistes comédien comédienne comédiens chorégraphe metteur
metteuse danseur danseuse musicien musicienne plasticien plasticienne photographe
réalisateur réalisatrice écrivain écrivaine autrice auteur journaliste consultant
consultante fondateur fondatrice cofondateur cofondatrice gérant gérante salarié salariée
salariés bénévole bénévoles militant militante secrétaire trésorier trésorière commissaire
gardien gardienne infirmier infirmière médecin pharmacien pharmacienne psychologue juriste
avocat avocate référent référente référents pilote cadre bibliothécaire médiathécaire
conservateur conservatrice programmateur programmatrice producteur productrice slameur
slameuse graffeur conteur conteuse service équipe pôle mission délégation cabinet
collaborateur collaboratrice stagiaire volontaire facilitateur facilitatrice
accompagnateur accompagnatrice conférencier conférencière expert experte experts
économiste géographe historien historienne anthropologue doctorant doctorante
commissaire-priseur fonctionnaire officier officière capitaine commandant policier
policière sapeur entraîneur entraîneuse coach porte-parole représentant représentante
représentants administrateur administratrice inspecteur inspectrice recteur rectrice
travailleur travailleuse travailleurs assistant assistante
""")
# Verbs a role goes with: « Julien, qui anime l'atelier ».
ROLE_VERBS = _folded("""
animer diriger coordonner présider piloter encadrer représenter porter accompagner
conduire gérer organiser enseigner programmer fonder cofonder superviser former
""")

# Words of a resident's context (singular and plural, folded).
RESIDENTS = _folded("""
habitant habitante habitants habitantes résident résidente résidents résidentes
locataire locataires voisin voisine voisins voisines mère mères père pères maman mamans
papa papas grand-mère grand-père grand-mères grand-pères parent parents enfant enfants
fille fils jeune jeunes adolescent adolescente adolescents adolescentes ado ados
collégien collégienne collégiens lycéen lycéenne lycéens écolier écolière écoliers
élève élèves retraité retraitée retraités retraitées bénéficiaire bénéficiaires usager
usagère usagers participant participante participants participantes allocataire
demandeur demandeuse chômeur chômeuse famille familles copropriétaire riverain riveraine
riverains mineur mineure étudiant étudiante épouse époux mari femme veuve veuf garçon
gamin gamine bébé nourrisson cousin cousine frère sœur soeur tante oncle
""")
# Places of a resident's life: « du quartier », « de la cité », « de la tour B ».
HOME_PLACES = _folded("""
quartier cité résidence immeuble bâtiment tour barre cage palier îlot lotissement
""")
AGE_WORDS = frozenset({"an", "ans", "mois"})

# Before a name, these make it a place or a thing named after someone.
PLACE_HEADS = _folded("""
rue avenue boulevard bd place allée impasse chemin quai pont square parc jardin
route cours passage collège école lycée gymnase stade salle centre maison espace
médiathèque bibliothèque résidence cité quartier tour hôpital clinique fondation prix
groupe scolaire complexe halle théâtre cinéma musée institut université campus
station gare arrêt ligne bâtiment foyer club association compagnie festival
""")
PLACE_PREPOSITIONS = frozenset({"a", "à", "en", "vers", "depuis", "jusqu'à"})
# Capitalised words that never belong to a person's name.
NOT_NAMES = _folded("""
Ville Métropole Agglomération Communauté Conseil Département Région État Préfecture
Association Centre Maison Collectif Compagnie Mission Agence Direction Quartier
Quartiers Cité Cités Ressources Territoires Festival Théâtre École Collège Lycée
Université Fondation Office Habitat Caisse Labo Pôle Réseau Union Fédération Ligue
Secours Restos Politique Contrat Programme Plan Projet Atelier Ateliers Journée
Semaine Rencontre Rencontres Mairie Médiathèque Bibliothèque Musée Espace Club
Acteurs Contexte Enseignements Observé Selon Pour Avec Dans Depuis Après Avant Chez
Entre Sans Sous Sur Par Lors Le La Les Un Une Des Du De Et Ou Mais Donc Ni Car Il Elle
Ils Elles On Nous Vous Je Tu Ce Cette Ces Son Sa Ses Leur Leurs Qui Que Quoi Où Quand
Comment Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril
Mai Juin Juillet Août Septembre Octobre Novembre Décembre QPV ANCT NPNRU CRPV Anru
""")
PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "le", "la", "ben", "bin", "el", "al",
                       "van", "von", "da", "dos", "di", "del", "ould", "ibn"})


@functools.cache
def first_names() -> frozenset[str]:
    """The shipped list of first names (``data/prenoms.txt``), folded."""
    text = resources.files("pipeline.language").joinpath("data/prenoms.txt").read_text("utf-8")
    return frozenset(fold(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def is_first_name(word: str) -> bool:
    """« Fatima », « Jean-Pierre » (its first part), case and accents aside."""
    folded = fold(word)
    return folded in first_names() or fold(word.split("-")[0]) in first_names()
