# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Conditions and what the reading expects of them: sentences "If X, Y could …" (scenarios, forecasts) asked
as one matching question, each condition with the outcome the reading gives for it.

A reading that weighs outcomes ("If European members fail to compensate …, Ukraine may struggle …"; "If
internal pressures mount, the Kremlin may be forced …") says which outcome follows which condition: pairing
them is reading the argument, not recalling a word. Only as a matching question, where each outcome is used
once: a single choice "what could happen if more support is sent?" offers other outcomes of more support
that are not surely false.
"""

from __future__ import annotations

import re

from quizzes.generation.builders import Context, QuestionDraft
from quizzes.generation.text import Sentence, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _finish,
    fragment_stands_alone,
    matching_draft,
    sentence_stands_alone,
)

# "If X, Y could/may/might/would/will …": the outcome opens with a subject of up to five words and a modal, so
# a comma inside the condition ("such as Germany, France, …") is not taken for the clause's end.
_IF_THEN = re.compile(
    r"^If (?P<cond>[a-z][^;:]{10,}?|[A-Z][^;:]{10,}?), "
    r"(?P<then>(?!(?:it|they|this|that|these|those|we|you|I|he|she)\b)(?:[\w’'.-]+\s+){1,5}?(?:could|may|might|would|will|can)\s+[a-z][^;:]{8,})$"
)
# An aside between dashes or in parentheses: an item is shown as the reading writes it (the passage must carry
# it word for word), so a condition with one is left out rather than shown cut.
_ASIDE = re.compile(r"\s[-–—]\s|[()]")
# What an item leaves out: a trailing example or consequence.
_TAIL = re.compile(r",\s+(?:including|such as|especially|particularly|leading to|even|while|which|thereby)\b.*$")
# A possessive that the fragment's own subject resolves ("members continue to increase their support").
_OWN_POSSESSIVE = re.compile(r"(?<=\s)(?:its|their)\b")
MIN_PAIRS = 3
MAX_PAIRS = 5


def _item(text: str) -> str:
    return _clean(_TAIL.sub("", text))


def _stands_alone(text: str) -> bool:
    return 3 <= word_count(text) <= 18 and not _ASIDE.search(text) and fragment_stands_alone(_OWN_POSSESSIVE.sub("the", text))


def conditionals(ctx: Context) -> list[tuple[str, str, Sentence]]:
    """(condition, outcome, sentence) of every sentence that stands alone and opens with "If …, … could …"."""
    out: list[tuple[str, str, Sentence]] = []
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        m = _IF_THEN.match(DISCOURSE_OPENERS.sub("", _clean(sentence.text)))
        if m is None:
            continue
        condition, outcome = _item(m.group("cond")), _item(m.group("then"))
        if _stands_alone(condition) and _stands_alone(outcome):
            out.append((_capital(condition), _capital(outcome), sentence))
    return out


def build_condition_questions(ctx: Context) -> list[QuestionDraft]:
    pairs: list[tuple[str, str, Sentence]] = []
    seen: set[str] = set()
    for condition, outcome, sentence in conditionals(ctx):
        # One outcome per condition and per outcome: two pairs sharing either could be matched either way.
        if normalise_text(condition) in seen or normalise_text(outcome) in seen:
            continue
        seen |= {normalise_text(condition), normalise_text(outcome)}
        pairs.append((condition, outcome, sentence))
    if len(pairs) < MIN_PAIRS:
        return []
    pairs = pairs[:MAX_PAIRS]
    stem = "Match each condition to the outcome the reading says could follow from it."
    draft = matching_draft(ctx, "understanding-conditions", pairs, stem)
    return [
        _finish(
            draft,
            kind="matching",
            group=draft.key[:16],
            quality=0.75,
            notes=[f"{len(pairs)} conditions of the reading, each with the outcome it states", "each outcome used once"],
        )
    ]
