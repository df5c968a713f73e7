# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the patterns must too
"""What a new body is set up for: "The two Presidents announced the establishment of a new Nuclear
Consultative Group (NCG) to strengthen extended deterrence, …" -> "According to the reading, which new
body was set up to strengthen extended deterrence, …?"

A declaration or fact sheet names the bodies it creates and the ones it already has; a blank on "a new
____" fits any of them (``review``: cloze_after_a_new), but the purpose the sentence gives picks one. The
options are the other bodies the reading names with the same kind of head word (a Group, Command,
Council …), written in full as the reading writes them; none named in the sentence, none sharing two
words of the purpose (it could serve it too, or its name would give the answer), and no question when the
key's own name shares two words of the purpose or fewer than three options remain.
"""

from __future__ import annotations

import re

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, quote
from quizzes.generation.extract.mentions import ORG_WORDS
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import _content, _fact_key, _finish, _sentence_group, _topic
from quizzes.models import QuestionType

# Head words of a body that meets or commands; an alliance or a ministry is another sort of thing.
_BODY_HEADS = sorted(ORG_WORDS - {"Alliance", "Union", "Ministry", "Department", "Parliament", "Army", "Navy", "Forces"})
_HEAD = r"(?P<head>" + "|".join(_BODY_HEADS) + r")"
# A body's name (its head word last, so "the Extended Deterrence Strategy and Consultation Group" is one name):
# capitalised words ("U.S.-ROK", "Strategic"), with "and", "of", "for" or "on" between them.
_BODY_NAME = r"(?:[A-Z][\w’'.-]*\s+(?:(?:and|of|for|on)\s+)?){1,7}" + _HEAD + r"\b"
_BODY_IN_TEXT = re.compile(r"(?<![\w’'.-])" + _BODY_NAME)
_CREATING = r"(?:announced\s+the\s+establishment\s+of|(?:has\s+|have\s+|will\s+)?(?:establish(?:ed)?|creat(?:ed|e)|launch(?:ed)?|set\s+up|form(?:ed)?))"
_NEW_BODY = re.compile(
    r"\b"
    + _CREATING
    + r"\s+(?:a|an)\s+new\s+(?P<body>"
    + _BODY_NAME
    + r")(?:\s+\((?P<acr>[A-Z]{2,8})\))?\s+to\s+(?P<purpose>[a-z][^;]+?)\.?$"
)
MIN_PURPOSE_WORDS, MAX_PURPOSE_WORDS = 4, 35


def reading_bodies(ctx: Context) -> list[tuple[str, str]]:
    """(name, head word) of every body the reading names in full, in reading order; a leading "The" left out."""
    out: dict[str, str] = {}
    for sentence in ctx.facts.sentences:
        for m in _BODY_IN_TEXT.finditer(sentence.text):
            name = re.sub(r"^The\s+", "", m.group(0))
            if len(name.split()) >= 2:
                out.setdefault(name, m.group("head"))
    return list(out.items())


def build_established_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    bodies: list[tuple[str, str]] | None = None
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        found = _NEW_BODY.search(quote(sentence))
        if found is None:
            continue
        key, purpose = re.sub(r"^The\s+", "", found.group("body")), found.group("purpose")
        if not MIN_PURPOSE_WORDS <= word_count(purpose) <= MAX_PURPOSE_WORDS or normalise_text(key) in ctx.trivial:
            continue
        purpose_words = _content(purpose)
        if len(_content(key) & purpose_words) >= 2:
            continue  # "… Deterrence Group to strengthen deterrence": the name says what it is for
        bodies = reading_bodies(ctx) if bodies is None else bodies
        others = _options(ctx, sentence, key, bodies, purpose_words)
        if len(others) < 3:
            continue
        draft = _base(
            ctx,
            sentence,
            QuestionType.SINGLE_CHOICE,
            ("established", sentence.start),
            stem=f"According to the reading, which new body was set up to {purpose}?",
            answer={},
            topic=_topic(ctx, sentence),
            fact_key=_fact_key(ctx, sentence),
            title=f"Purpose: {key}",
        )
        _one_correct(draft, key, others)
        notes = ["what a new body is for, as the reading says", "options: other bodies the reading names"]
        evidence = [key, *([found.group("acr")] if found.group("acr") else [])]
        out.append(
            _finish(draft, kind="definition", group=_sentence_group(ctx, sentence), quality=0.74, notes=notes, evidence_any=evidence)
        )
    return out


def _options(ctx: Context, sentence: Sentence, key: str, bodies: list[tuple[str, str]], purpose_words: set[str]) -> list[str]:
    """Other bodies of the reading (a Group, Command, Council …: ``_BODY_HEADS``), none in the key's sentence, none
    sharing two words of the purpose (it could serve it as well)."""
    fresh = [
        name
        for name, _ in bodies
        if name != key
        and not contains_term(sentence.text, name)
        and len(_content(name) & purpose_words) < 2
        and normalise_text(name) not in ctx.trivial
    ]
    # Another question's key among the options would tie the two into one exclusion group: avoided when there are enough.
    unasked = [name for name in fresh if normalise_text(name) not in ctx.keys_asked]
    fresh = unasked if len(unasked) >= 3 else fresh
    return sorted(fresh, key=lambda o: digest(ctx.reading_key, "established", key, o))[:3]
