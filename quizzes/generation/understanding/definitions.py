# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""2. Definitions: "Which term does the reading define as Y?" from "X is defined as / refers to /
means Y" and "X (ACR), a/an Y,", with other terms of the same kind as options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.distractors import pick
from quizzes.generation.extract import Mention
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _STOP,
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _finish,
    _sentence_draft,
    _sentence_group,
    _subject,
    fragment_stands_alone,
    matching_draft,
    reading_acronyms,
    same_sort_of_body,
    sentence_stands_alone,
)
from quizzes.models import QuestionType


@dataclass(frozen=True)
class Definition:
    sentence: Sentence
    term: str
    definition: str
    verb: str  # "define" for explicit definitions, "describe" for appositives
    mention: Mention | None


_TERM = r"(?:the term |the concept of )?[“\"]?(?P<term>[A-Za-z][\w’'-]*(?: [\w’'-]+){0,5}?)[”\"]?(?: \((?P<acr>[A-Z][A-Za-z]{1,9})\))?"


_DEFINITION_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^" + _TERM + r",? (?:is|are) (?:commonly |generally |often |broadly )?defined as (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^" + _TERM + r",? (?:refers|refer) to (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^(?:the term |the concept of )[“\"]?(?P<term>[\w’' -]{3,60})[”\"]?,? means (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^[“\"](?P<term>[\w’' -]{3,60})[”\"],? means (?P<def>.{10,})$", re.I), "define"),
]


# "DIA is a DOD combat support agency that …", "NSA serves as …"
_IS_A = re.compile(
    r"^(?:The )?(?P<term>[A-Z][\w’'-]*(?: (?:of|for|and|[A-Z][\w’'-]*)){0,6}) (?:is|was|serves as|acts as|functions as) "
    r"(?P<def>(?:an?|the) [a-z][^;:]{15,200})$"
)


# "the Kosovo Security Force (KSF), a lightly armed force for civil protection, …"
_APPOSITIVE = re.compile(
    r"(?P<term>(?:[A-Z][\w’'-]*)(?: (?:of|for|and|on|the|[A-Z][\w’'-]*)){1,7})(?: \((?P<acr>[A-Z][A-Za-z]{1,9})\))?, "
    r"(?P<def>an? (?:[a-z][\w-]*,? ){2,14}?[a-z][\w-]*)(?=,|\.$| that | which )"
)


def find_definitions(ctx: Context) -> list[Definition]:
    out: list[Definition] = []
    acronyms = reading_acronyms(ctx)
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        text = DISCOURSE_OPENERS.sub("", _clean(sentence.text))
        candidates: list[tuple[str, str, str]] = []
        for pattern, verb in _DEFINITION_PATTERNS:
            if m := pattern.match(text):
                candidates.append((m.group("term"), m.group("def"), verb))
                break
        for m in _APPOSITIVE.finditer(text):
            term = re.sub(r"^(?:The|the) ", "", m.group("term"))
            candidates.append((term, m.group("def"), "describe"))
        if not candidates and (m := _IS_A.match(text)):
            term = m.group("term")
            subject = _subject(ctx, sentence)
            # Only a name the reading knows as one: an acronym it spells out, or a named body or programme.
            if term in acronyms or (subject is not None and subject.kind in {"organisation", "programme"} and subject.surface == term):
                candidates.append((term, m.group("def"), "describe"))
        for term, definition, verb in candidates:
            term, definition = _clean(term), _clean(definition)
            if not (1 <= word_count(term) <= 7 and 4 <= word_count(definition) <= 25):
                continue
            if not fragment_stands_alone(definition) or contains_term(definition, term) or term.lower() in _STOP:
                continue
            mention = _mention_for(ctx, sentence, term)
            out.append(Definition(sentence, term, definition, verb, mention))
    return list({normalise_text(d.term): d for d in reversed(out)}.values())[::-1]


def _mention_for(ctx: Context, sentence: Sentence, term: str) -> Mention | None:
    for m in ctx.facts.mentions.get(sentence.start, []):
        if normalise_text(m.surface) == normalise_text(term) or normalise_text(m.value) == normalise_text(term):
            return m
    return None


def _term_noun(definition: Definition, acronyms: dict[str, tuple[str, str]] | None = None) -> str:
    m = definition.mention
    if m is None and acronyms and definition.term in acronyms:
        return {"organisation": "organisation", "programme": "programme"}.get(acronyms[definition.term][1], "term")
    if m is None:
        return "term"
    return {"organisation": "organisation", "programme": "programme", "person_role": "person", "system": "system", "place": "place"}.get(
        m.kind, "term"
    )


def build_definition_questions(ctx: Context) -> list[QuestionDraft]:

    definitions = find_definitions(ctx)
    acronyms = reading_acronyms(ctx)
    out: list[QuestionDraft] = []
    for d in definitions:
        noun = _term_noun(d, acronyms)
        others: list[str] = []
        if d.term in acronyms:
            # Another acronym of the reading naming the same kind of thing (DIA among NSA, NRO, CIA).
            others = sorted(
                (a for a in acronyms if a != d.term and same_sort_of_body(acronyms, d.term, a) and not contains_term(d.sentence.text, a)),
                key=lambda a: digest(ctx.reading_key, "def", d.term, a),
            )[:3]
        elif d.mention is not None:
            others = pick(
                pools=ctx.pools,
                mention=d.mention,
                sentence=d.sentence.text,
                key=digest(ctx.reading_key, "def", d.term),
                count=3,
                lexicon=ctx.lexicon,
            )
        if len(others) < 3 and noun == "term":
            # Concepts of the reading's domain pack (the lexicon holds only the packs that apply).
            concepts = [t.term for t in ctx.lexicon.by_category("concept") if not contains_term(d.sentence.text, t.term)]
            others = sorted(concepts, key=lambda t: digest(ctx.reading_key, "def", d.term, t))[: 3 - len(others)] + others
        if len(others) < 3:
            # Other terms the reading itself defines or describes: the same kind of answer.
            same = [
                o.term for o in definitions if o is not d and _term_noun(o, acronyms) == noun and not contains_term(d.sentence.text, o.term)
            ]
            others = list(dict.fromkeys([*others, *same]))[:3]
        if len(others) < 3:
            continue
        verb = "define" if d.verb == "define" else "describe"
        draft = _sentence_draft(
            ctx,
            d.sentence,
            QuestionType.SINGLE_CHOICE,
            ("definition", d.term),
            stem=f"Which {noun} does the reading {verb} as “{d.definition}”?",
            answer={},
            title=f"Definition: {d.term}",
        )
        _one_correct(draft, d.term, others)
        notes = [f"{'explicit definition' if verb == 'define' else 'appositive description'}", f"distractors: other {noun}s of the reading"]
        out.append(
            _finish(
                draft,
                kind="definition",
                group=_sentence_group(ctx, d.sentence),
                quality=0.8 if verb == "define" else 0.7,
                notes=notes,
                evidence_any=[d.term],
            )
        )
    # Definitions that got no question of their own (too few same-kind terms) can still be matched;
    # matching those that did would print every single question's key.
    asked = {normalise_text(q.title.removeprefix("Definition: ")) for q in out}
    rest = [d for d in definitions if normalise_text(d.term) not in asked]
    if len(rest) >= 3:
        out += _definition_matching(ctx, rest)
    return out


def _definition_matching(ctx: Context, definitions: list[Definition]) -> list[QuestionDraft]:
    chosen = sorted(definitions, key=lambda d: digest(ctx.reading_key, "def-match", d.term))[:5]
    draft = matching_draft(
        ctx,
        "definitions",
        [(d.term, _capital(d.definition), d.sentence) for d in chosen],
        "Match each term to the way the reading defines or describes it.",
    )
    return [
        _finish(
            draft,
            kind="definition",
            group=draft.key[:16],
            quality=0.75,
            notes=["definitions stated in the reading", "every option is one of the reading's own definitions"],
        )
    ]
