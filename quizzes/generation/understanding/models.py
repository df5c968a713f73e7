# ruff: noqa: RUF001 - the readings use typographic apostrophes and dashes, so the patterns must too
"""A partnership proposed on the model of a known bilateral alliance: "One possible approach is a security partnership
modeled after the U.S.-Japan alliance" -> "Which country's alliance with the U.S. does the reading offer as a model for a
security partnership?", the options the other partners of the same hub (the pack's ``bilateral_alliances`` in
``rules.json``: the United States' alliances of the Indo-Pacific).

Which relationship a reading holds up as the model is its argument's point, and the options are of one fine class:
partners in the same kind of bilateral alliance with the same party, none named in the sentence. A blank on the
country itself is not asked (``review``: a cloze on a place, or options by region).
"""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _one_correct, quote
from quizzes.generation.text import contains_term, digest
from quizzes.generation.understanding.sentences import _finish, _sentence_draft, _sentence_group
from quizzes.models import QuestionType

_MODELED = re.compile(
    r"\b(?P<thing>(?:a|an)\s+(?:[\w.’'-]+\s+){1,5}?(?:partnership|framework|arrangement|agreement|alliance|relationship|pact))\s+"
    r"model(?:l)?ed\s+(?:after|on)\s+the\s+(?P<party>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[-–](?P<partner>[A-Z][\w]*(?:\s[A-Z][\w]*)?)\s+"
    r"(?P<relation>(?:(?:defen[cs]e|security|military)\s+)?(?:relationship|alliance|partnership|treaty))\b"
)


def _alliances(ctx: Context) -> list[dict[str, Any]]:
    return [a for pack in ctx.facts.packs for a in pack.rules.get("bilateral_alliances", []) if isinstance(a, dict)]


def build_model_questions(ctx: Context) -> list[QuestionDraft]:
    alliances = _alliances(ctx)
    if not alliances:
        return []
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        found = _MODELED.search(quote(sentence))
        if found is None:
            continue
        party, partner = found.group("party"), found.group("partner")
        hub = next((a for a in alliances if party in a.get("aliases", []) and partner in a.get("partners", [])), None)
        if hub is None:
            continue
        others = sorted(
            (p for p in hub["partners"] if p != partner and not contains_term(sentence.text, p)),
            key=lambda p: digest(ctx.reading_key, "model", p),
        )[:3]
        if len(others) < 3:
            continue
        thing, relation = found.group("thing"), found.group("relation")
        draft = _sentence_draft(
            ctx,
            sentence,
            QuestionType.SINGLE_CHOICE,
            ("modeled-after", sentence.start),
            stem=f"Which country's {relation} with the {party} does the reading offer as a model for {thing}?",
            answer={},
            title=f"Model: {party}-{partner} {relation}",
        )
        _one_correct(draft, partner, others)
        notes = ["the relationship a proposal is modeled after", "options: the same party's other bilateral alliances (domain pack)"]
        out.append(
            _finish(draft, kind="definition", group=_sentence_group(ctx, sentence), quality=0.74, notes=notes, evidence_any=[partner])
        )
    return out
