"""Precision and recall of « resident » on the labelled sentences of
``tests/language/data/personnes.tsv``.

``python -m bench.privacy [FICHIER]``: each sentence goes through the same model and
the same rules as a note (``analysis.passages``, ``persons.mentions``); a name found
and classified as a resident's is a true positive when the sentence lists it among
its residents, a false positive otherwise; a listed resident not found so is a false
negative. The professionals found as such are counted too (how many go through as
`info` only).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.language.analysis import load_model, passages
from pipeline.language.blocks import Block
from pipeline.language.normalise import name_key
from pipeline.language.persons import PROFESSIONAL, RESIDENT, mentions

REPOSITORY = Path(__file__).resolve().parent.parent
LABELLED = REPOSITORY / "tests" / "language" / "data" / "personnes.tsv"


@dataclass(frozen=True)
class Sentence:
    text: str
    residents: frozenset[tuple[str, ...]]
    professionals: frozenset[tuple[str, ...]]


@dataclass
class Scores:
    sentences: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    professionals: int = 0
    professionals_found: int = 0  # classified as professionals
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def read_labelled(path: Path = LABELLED) -> list[Sentence]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, residents, professionals = [*line.split("\t"), "", ""][:3]
        sentences.append(Sentence(text, _names(residents), _names(professionals)))
    return sentences


def _names(column: str) -> frozenset[tuple[str, ...]]:
    return frozenset(name_key(name) for name in column.split("|") if name.strip())


def evaluate(sentences: list[Sentence]) -> Scores:
    nlp = load_model()
    scores = Scores()
    texts = [s.text for s in sentences]
    for sentence, doc in zip(sentences, nlp.pipe(texts, batch_size=32), strict=True):
        found = [m for p in passages(Block(1, sentence.text), doc) for m in mentions(p)]
        residents = {m.key for m in found if m.kind == RESIDENT}
        professionals = {m.key for m in found if m.kind == PROFESSIONAL}
        scores.sentences += 1
        scores.true_positives += len(residents & sentence.residents)
        scores.false_positives += len(residents - sentence.residents)
        scores.false_negatives += len(sentence.residents - residents)
        scores.professionals += len(sentence.professionals)
        scores.professionals_found += len(sentence.professionals & professionals)
        if residents != sentence.residents:
            scores.errors.append(f"{sentence.text}\n    trouvé·es : {sorted(residents)} ; "
                                 f"attendu·es : {sorted(sentence.residents)}")
    return scores


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _percent(value: float) -> str:
    return f"{_number(100 * value, 1)}\u00a0%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fichier", nargs="?", type=Path, default=LABELLED)
    parser.add_argument("--erreurs", action="store_true", help="affiche les phrases manquées")
    args = parser.parse_args(argv)
    sentences = read_labelled(args.fichier)
    start = time.perf_counter()
    scores = evaluate(sentences)
    seconds = time.perf_counter() - start
    residents = scores.true_positives + scores.false_negatives
    print(f"{scores.sentences} phrases, {residents} habitant·es et "
          f"{scores.professionals} professionnel·les nommé·es ({_number(seconds, 1)} s)")
    print(f"« habitant » : précision {_percent(scores.precision)}, rappel "
          f"{_percent(scores.recall)} ({scores.true_positives} vrais positifs, "
          f"{scores.false_positives} faux positifs, {scores.false_negatives} manqué·es)")
    print(f"professionnel·les reconnu·es comme tel·les : {scores.professionals_found} "
          f"sur {scores.professionals}")
    if args.erreurs:
        print("\n".join(scores.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
