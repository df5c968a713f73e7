# ruff: noqa: RUF001 - the readings use typographic dashes, so the patterns must too
"""A term of the field that a sentence names and, in the same breath, explains: "Russia's hybrid warfare tactics -
encompassing cyberattacks, disinformation campaigns, and political interference - pose a long-term threat to Ukraine's
internal stability" -> "Which term completes this sentence from the reading? “Russia's ____ tactics - encompassing
cyberattacks, disinformation campaigns, and political interference - pose …”", the options the pack's other terms of
the key's kind (ways of war: guerrilla warfare, war of attrition, war of manoeuvre).

A blank on such a term is otherwise a guess among many words (``review``: a cloze or choice on a common word); what
makes this one a question of understanding is the description beside the blank, which the student has to recognise as
the concept's content. So a sentence is asked only where:

- the term is followed (after a head noun such as "tactics") by a description the sentence sets off as one: a list
  after "encompassing", "including", "such as", "involving" …, or an apposition "X, the practice of …";
- the description shows at least ``MIN_MARKS`` different marks of the term (pack data: what a description of it names,
  "disinformation", "political interference" for hybrid warfare), so it explains the concept and is no passing mention;
- it names no word of the term ("hybrid tactics, including hybrid threats" would give it away);
- no wrong option fits: none of their marks is in the sentence (sabotage belongs to guerrilla warfare as much as to
  hybrid warfare: a description naming it is not asked), and the sentence names none of them.

The terms, their kinds and marks are pack data (``rules.json`` "defined_terms"); nothing here names a reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, quote
from quizzes.generation.facts import topic_of
from quizzes.generation.text import Sentence, digest, normalise_text, us_spelling
from quizzes.generation.understanding.concepts import _names_it
from quizzes.generation.understanding.sentences import _fact_key, _finish, _sentence_group
from quizzes.models import QuestionType
from quizzes.questiontypes import BLANK

MIN_MARKS = 2
OPTIONS = 3

# What may stand between the term and its description: a head noun ("hybrid warfare tactics").
_HEAD = r"(?:\s+(?:tactics|campaigns?|operations|strategy|strategies|methods|techniques|activities|threats|approach))?"
# How a sentence sets a description off: a dash, a comma or a bracket, then a word that introduces the term's content.
_OPENER = (
    r"(?P<open>\s+[-–—]\s+|\s*[–—]\s*|\s*,\s+|\s*\(\s*)"
    r"(?:which\s+(?:encompass|include|involve|combine|blend|comprise)s?\s+|encompassing\s+|including\s+|such\s+as\s+|"
    r"comprising\s+|involving\s+|combining\s+|blending\s+|"
    r"(?:the|a|an)\s+(?:practice|use|art|combination|blend|mix|mixture)\s+of\s+)"
)
# Where a description set off by a dash or bracket ends: the closing dash or bracket.
_CLOSER = {"-": r"\s+[-–—]\s+", "–": r"\s*[–—]\s*", "—": r"\s*[–—]\s*", "(": r"\s*\)"}
# A description after a comma runs to the next dash, semicolon or colon (or the end of the sentence).
_AFTER_A_COMMA_ENDS = re.compile(r"\s+[-–—]\s+|[–—;:]")


@dataclass
class _Term:
    term: str
    kind: str
    names: list[str]
    marks: list[re.Pattern[str]] = field(default_factory=list)

    def described_by(self) -> list[re.Pattern[str]]:
        """The term (longest name first) followed by a description set off from it."""
        names = sorted(self.names, key=len, reverse=True)
        return [
            re.compile(r"(?<![\w-])(?P<term>" + r"\s+".join(map(re.escape, n.split())) + r")(?![\w-])" + _HEAD + _OPENER, re.I)
            for n in names
        ]


def _terms(ctx: Context) -> list[_Term]:
    out: dict[str, _Term] = {}
    for pack in ctx.facts.packs:
        defined: dict[str, Any] = pack.rules.get("defined_terms") or {}
        for entry in defined.get("terms", []):
            term = str(entry["term"])
            names = [term, *(str(a) for a in entry.get("aliases", []))]
            known = out.setdefault(term, _Term(term, str(entry.get("kind", "")), names))
            known.marks.extend(re.compile(m, re.IGNORECASE) for m in entry.get("marks", []))
    return list(out.values())


def _marks_in(term: _Term, text: str) -> int:
    return sum(1 for mark in term.marks if mark.search(text))


def _described(term: _Term, text: str) -> tuple[int, int, str] | None:
    """Where the sentence names the term (start, end within ``text``) and the description it gives of it."""
    for pattern in term.described_by():
        for found in pattern.finditer(text):
            rest = text[found.end() :]
            opened = found.group("open").strip()[:1]
            closer = re.search(_CLOSER[opened], rest) if opened in _CLOSER else _AFTER_A_COMMA_ENDS.search(rest)
            description = rest[: closer.start()] if closer else rest
            return found.start("term"), found.end("term"), " ".join(description.split()).rstrip(".")
    return None


def _distinct_words(option: str, key: str) -> str:
    """The words of an option that the key does not share ("guerrilla" of guerrilla warfare beside hybrid warfare)."""
    shared = set(normalise_text(us_spelling(key)).split())
    return " ".join(w for w in normalise_text(us_spelling(option)).split() if w not in shared)


def _named_in_reading(ctx: Context, option: str, terms: list[_Term]) -> bool:
    names = next((t.names for t in terms if t.term == option), [option])
    return any(ctx.frequency(name) for name in names)


def build_defined_term_questions(ctx: Context) -> list[QuestionDraft]:
    terms = _terms(ctx)
    if len(terms) <= OPTIONS:
        return []
    out: list[QuestionDraft] = []
    asked: set[str] = set()
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        plain = " ".join(sentence.text.split()).lower()
        for term in terms:
            if term.term in asked or not any(n.lower() in plain for n in term.names):
                continue  # most sentences name no term: the cheap test spares the patterns
            if (where := _described(term, sentence.text)) is None:
                continue
            start, end, description = where
            if _names_it(term.term, description) or _marks_in(term, description) < MIN_MARKS:
                continue
            shown = quote(sentence, [(start, end, BLANK)])
            if BLANK not in shown:
                continue
            others = [
                o.term
                for o in terms
                if o.kind == term.kind
                and o.term != term.term
                and not _marks_in(o, shown)
                and not (_distinct_words(o.term, term.term) and _names_it(_distinct_words(o.term, term.term), shown))
            ]
            if len(others) < OPTIONS:
                continue
            # A term the reading names may be another question's key: offered here, it would tie the two questions
            # into one exclusion group, so the terms the reading never names come first.
            others = sorted(others, key=lambda o: (_named_in_reading(ctx, o, terms), digest(ctx.reading_key, "defined-term", o)))[:OPTIONS]
            asked.add(term.term)
            out.append(_question(ctx, sentence, shown, term, others, description))
    return out


def _question(ctx: Context, sentence: Sentence, shown: str, term: _Term, others: list[str], description: str) -> QuestionDraft:
    draft = _base(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("defined-term", sentence.start, term.term),
        stem=f"Which term completes {ctx.from_the_reading(sentence)}? “{shown}”",
        answer={},
        topic=topic_of(kind="concept", sentence=sentence, packs=ctx.facts.packs),  # a concept, whatever else the sentence names
        fact_key=_fact_key(ctx, sentence),
        title=f"Term: {term.term}",
        explanation=f"The sentence names {term.term} and says what it takes in: {description}. “{quote(sentence)}”",
        meta={"quoted": shown},
    )
    _one_correct(draft, term.term, others)
    notes = ["a term the sentence names and describes", f"options: the pack's other {term.kind}, none of which the description fits"]
    return _finish(draft, kind="defined-term", group=_sentence_group(ctx, sentence), quality=0.72, notes=notes)
