"""A concept of the field that a sentence describes without naming it: "Trump has encouraged European NATO members
to take on more responsibility for regional security, …" -> "Which concept does this sentence from the reading
describe?" (burden sharing), the pack's other concepts of alliance politics as options.

The concepts and their cues are pack data (``rules.json`` "described_concepts"); nothing here names a reading. A
sentence is asked only when it stands alone, one cue of a concept matches it and it names none of the concept's words
(a sentence saying "burden sharing" gives its own answer); an option the sentence names is left out, and at most
``MAX_SENTENCES_PER_CONCEPT`` sentences of a reading are asked for one concept (the same key again is one fact).
"""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, quote
from quizzes.generation.text import Sentence, normalise_text
from quizzes.generation.understanding.sentences import _fact_key, _finish, _sentence_group, _topic
from quizzes.models import QuestionType

MAX_SENTENCES_PER_CONCEPT = 2
MIN_OPTIONS = 3


def _concepts(ctx: Context) -> list[tuple[str, list[re.Pattern[str]]]]:
    out: dict[str, list[re.Pattern[str]]] = {}
    for pack in ctx.facts.packs:
        described: dict[str, Any] = pack.rules.get("described_concepts") or {}
        for concept in described.get("concepts", []):
            out.setdefault(str(concept["term"]), []).extend(re.compile(c, re.IGNORECASE) for c in concept.get("cues", []))
    return list(out.items())


def _words_named(term: str, text: str) -> list[bool]:
    """For each word of a concept (of four letters or more), whether a sentence has it or a word of its stem
    ("sharing the burden", "interoperable")."""
    words = set(re.findall(r"[a-z]+", normalise_text(text)))
    return [any(w.startswith(part[:7]) for w in words) for part in re.findall(r"[a-z]+", normalise_text(term)) if len(part) > 3]


def _names_it(term: str, text: str) -> bool:
    """A sentence with one word of the concept gives the answer away ("burden" for burden sharing)."""
    return any(_words_named(term, text))


def _names_all_of(term: str, text: str) -> bool:
    """A sentence naming every word of another concept ("collective defence") makes it an option that fits."""
    named = _words_named(term, text)
    return bool(named) and all(named)


def build_described_concept_questions(ctx: Context) -> list[QuestionDraft]:
    concepts = _concepts(ctx)
    if len(concepts) <= MIN_OPTIONS:
        return []
    found: list[tuple[Sentence, str, str, str]] = []
    asked: dict[str, int] = {}
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        shown = quote(sentence)
        for term, cues in concepts:
            cue = next((m for c in cues if (m := c.search(shown))), None)
            if cue is None or _names_it(term, shown) or asked.get(term, 0) >= MAX_SENTENCES_PER_CONCEPT:
                continue
            asked[term] = asked.get(term, 0) + 1
            found.append((sentence, shown, term, cue.group(0)))
    out: list[QuestionDraft] = []
    for sentence, shown, term, evidence in found:
        # Another concept asked in the reading comes last among the options: offered, it would tie the two questions
        # into one exclusion group.
        others = sorted((o for o, _ in concepts if o != term and not _names_all_of(o, shown)), key=lambda o: o in asked)
        if len(others) >= MIN_OPTIONS:
            out.append(_question(ctx, sentence, shown, term, others[:MIN_OPTIONS], evidence))
    return out


def _question(ctx: Context, sentence: Sentence, shown: str, term: str, others: list[str], evidence: str) -> QuestionDraft:
    known = ctx.lexicon.lookup(term)
    about = f" ({known.description})" if known is not None and known.description else ""
    draft = _base(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("described-concept", sentence.start, term),
        stem=f"Which concept does this sentence from the reading describe? “{shown}”",
        answer={},
        topic=_topic(ctx, sentence),
        fact_key=_fact_key(ctx, sentence),
        title=f"Concept: {term}",
        explanation=f"The sentence describes {term}{about}: “{shown}”",
    )
    _one_correct(draft, term, others)
    notes = ["a concept of the field the sentence describes without naming it", "options: the pack's other concepts of its kind"]
    return _finish(draft, kind="concept", group=_sentence_group(ctx, sentence), quality=0.72, notes=notes, evidence_any=[evidence])
