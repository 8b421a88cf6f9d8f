"""Residents' names out of the final edition, marked in drafts.

The privacy check (``privacy.py``) finds the residents a note names. Before the
document is grouped and rendered, each note's title and body are given to the template
with every occurrence of those names (any of their words, in a run: « Fatima », « Mme
Benali », « Kévin L. ») changed:

- final edition: each person's name becomes one group of initials, written without a
  space inside (« Fatima » → « F. », « M. Karim Haddad » → « M. K.H. », « Jean-Marc » →
  « J.-M. »): two people side by side, or one closing a sentence and the next opening
  one (« explique Samir. Fatima Benali, 34 ans » → « explique S. F.B., 34 ans »), stay
  two groups, and a civility stays apart from the initials;
- draft: the name is wrapped in two private-use characters, which ``mark_names_ast``
  turns into a highlighted span (class ``mark``: ``<mark>`` in the HTML and the PDF,
  a yellow highlight in the DOCX), so that reviewers see what the final edition will
  hide. The title of a draft is left as it is (reviews find notes by their titles).

The writer's file is never touched: only the ``Note`` handed to the template changes.
A name a professional's (``info``) name contains is left in that name (« Fatima »
resident, « Fatima Zahra Diallo, directrice »). Each change is a ``Replacement``
with its file line, listed in the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.language.analysis import Analyses, Analysis
from pipeline.language.normalise import name_key
from pipeline.language.persons import RESIDENT
from pipeline.language.privacy import PossibleName
from pipeline.model import Note, Placement

START, END = "\ue000", "\ue001"  # around a name to mark, in a draft's Markdown
_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.$")
# Where a name is not text: link and image targets, autolinks, bare addresses.
_TARGETS = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>|https?://\S+|[\w.+-]+@[\w.-]+")


@dataclass(frozen=True)
class Replacement:
    path: str
    line: int | None
    name: str  # as written
    printed: str  # what the edition shows instead: « F. », or the name marked

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where} : « {self.name} » → « {self.printed} »"


def initials(name: str) -> str:
    """One person's initials as one group: « Fatima » → « F. », « Jean-Marc » → « J.-M. »,
    « Karim Haddad » → « K.H. », « Kévin L. » → « K.L. »; a line break between the words
    is kept (the note's lines stay where they were)."""
    pieces = re.split(r"(\s+)", name)
    return "".join(("\n" if "\n" in piece else "") if piece.isspace() else "-".join(
        f"{part.lstrip('’')[0]}." for part in piece.split("-") if part.lstrip("’"))
        for piece in pieces if piece)


def people_in(run: str, people: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where each person's name starts and ends in a run of names' words: « Samir Fatima
    Benali » is two people when « Samir » and « Fatima Benali » are; a word goes with the
    one before it while some person's name holds both (an initial always does)."""
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    for match in re.finditer(r"\S+", run):
        word = match.group(0)
        together = words and (_INITIAL.match(word) or any(
            set(words) | {word} <= set(person) for person in people))
        if together:
            spans[-1] = (spans[-1][0], match.end())
            words.append(word)
        else:
            spans.append((match.start(), match.end()))
            words = [word]
    return spans


def protect_residents(placements: Sequence[Placement], language: Analyses,
                      people: Sequence[PossibleName], *, final: bool
                      ) -> tuple[tuple[Placement, ...], Analyses, tuple[Replacement, ...]]:
    """The placements with their notes' residents replaced (``final``) or marked, the
    analyses without the entities naming them (the index of places and organisations
    must not list « Fatima »), and every change made."""
    by_path: dict[str, list[PossibleName]] = {}
    for person in people:
        by_path.setdefault(person.path, []).append(person)
    changed: dict[str, tuple[Note, tuple[Replacement, ...]]] = {}
    result = []
    for placement in placements:
        note = placement.note
        if note.path not in changed:
            changed[note.path] = redact_note(note, by_path.get(note.path, ()), final=final)
        result.append(replace(placement, note=changed[note.path][0]))
    replacements = tuple(r for _, done in changed.values() for r in done)
    residents = {path: _resident_words(found) for path, found in by_path.items()}
    analyses = replace(language, by_path={
        path: _without(analysis, residents.get(path, set()))
        for path, analysis in language.by_path.items()})
    return tuple(result), analyses, replacements


def redact_note(note: Note, people: Iterable[PossibleName], *,
                final: bool) -> tuple[Note, tuple[Replacement, ...]]:
    people = list(people)
    words = sorted({w for p in people if p.kind == RESIDENT for w in p.words
                    if not _INITIAL.match(w)}, key=len, reverse=True)
    if not words:
        return note, ()
    kept = [" ".join(p.words) for p in people if p.kind != RESIDENT]
    residents = [p.words for p in people if p.kind == RESIDENT]
    pattern = _pattern(words)
    body, done = _replace(note.body, pattern, kept, residents, final, note.path,
                          note.body_line if note.body_line else None)
    title = note.title
    if final:
        title, in_title = _replace(note.title, pattern, kept, residents, final, note.path,
                                   note.lines.get("titre"))
        done = in_title + done
    return replace(note, body=body, title=title), tuple(done)


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in words)
    word = rf"(?:{alternatives})"
    space = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # a line break inside a paragraph too
    return re.compile(rf"(?<![\w\-])(?P<name>{word}(?:{space}(?:{word}|[A-ZÀ-Ý]\.))*)"
                      rf"(?![\w\-])(?P<dot>\.(?!\.))?")  # a sentence's period after it


def _replace(text: str, pattern: re.Pattern[str], kept: list[str],
             residents: Sequence[tuple[str, ...]], final: bool, path: str,
             first_line: int | None) -> tuple[str, list[Replacement]]:
    protected = [(m.start(), m.end()) for name in kept if name
                 for m in re.finditer(r"(?<![\w\-])" + r"\s+".join(
                     re.escape(w) for w in name.split()) + r"(?![\w\-])", text)]
    protected += [(m.start(), m.end()) for m in _TARGETS.finditer(text)]
    done: list[Replacement] = []

    def change(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in protected):
            return match.group(0)
        run, dot = match.group("name"), match.group("dot") or ""
        printed, end = [], 0
        for start, stop in people_in(run, residents):
            name = run[start:stop]
            printed.append(run[end:start])
            printed.append(initials(name) if final else f"{START}{name}{END}")
            at = match.start() + start
            line = first_line + text.count("\n", 0, at) if first_line else None
            done.append(Replacement(path, line, name, initials(name) if final else name))
            end = stop
        # « … avec Fatima. » → « … avec F. », not « F.. »
        return "".join(printed) + ("" if final and not run.endswith(".") else dot)

    return pattern.sub(change, text), done


def _resident_words(people: Iterable[PossibleName]) -> set[str]:
    return {key for p in people if p.kind == RESIDENT for key in name_key(" ".join(p.words))
            if len(key) > 1}


def _without(analysis: Analysis, words: set[str]) -> Analysis:
    if not words:
        return analysis
    entities = tuple(e for e in analysis.entities if not words & set(name_key(e.text)))
    return replace(analysis, entities=entities)


# --- the drafts' marks in pandoc's AST ------------------------------------------------

TITLE = "nom d'habitant·e : remplacé par ses initiales dans la version finale"


def marked_span(inlines: list) -> dict:
    """A span of class ``rc-personne`` around a ``mark`` span: pandoc highlights the
    latter in the DOCX only when it has no other class or attribute."""
    mark = {"t": "Span", "c": [["", ["mark"], []], inlines]}
    return {"t": "Span", "c": [["", ["rc-personne"], [["title", TITLE]]], [mark]]}


def mark_names_ast(node: object) -> object:
    """Text between START and END becomes a highlighted span; stray marks go."""
    if isinstance(node, list):
        items = [mark_names_ast(item) for item in node]
        if any(_marked(item) for item in items):
            return _spans(items)
        return items
    if isinstance(node, dict):
        if node.get("t") in ("Code", "CodeBlock", "RawInline", "RawBlock", "Math"):
            return _unmarked(node)
        return {key: mark_names_ast(value) for key, value in node.items()}
    return node


def _marked(item: object) -> bool:
    return isinstance(item, dict) and item.get("t") == "Str" and (
        START in item["c"] or END in item["c"])


def _spans(items: list) -> list:
    """Inlines with the marked runs (over Str, Space and SoftBreak) as spans."""
    out: list = []
    inside: list | None = None
    for item in items:
        if not _marked(item):
            (out if inside is None else inside).append(item)
            continue
        for piece in re.split(f"([{START}{END}])", item["c"]):
            if piece == START:
                inside = []
            elif piece == END:
                if inside is not None:
                    out.append(marked_span(inside))
                inside = None
            elif piece:
                (out if inside is None else inside).append({"t": "Str", "c": piece})
    if inside:  # an unclosed mark: its text stays
        out += inside
    return out


def _unmarked(node: dict) -> dict:
    def clean(value: object) -> object:
        if isinstance(value, str):
            return value.replace(START, "").replace(END, "")
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    return {key: clean(value) for key, value in node.items()}


def names_section(replacements: Sequence[Replacement], final: bool) -> list[str]:
    """The build report's lines about the residents' names."""
    if final:
        lines = ["## Noms d'habitant·es remplacés par leurs initiales", ""]
    else:
        lines = ["## Noms d'habitant·es marqués pour les relecteurs (remplacés par leurs "
                 "initiales dans la version finale)", ""]
    lines += [f"- {r}" if final else f"- {r.path}:{r.line} : « {r.name} »" if r.line
              else f"- {r.path} : « {r.name} »" for r in replacements] or ["- (aucun)"]
    return lines
