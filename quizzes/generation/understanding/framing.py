# ruff: noqa: RUF002 - the readings use typographic apostrophes, so the patterns and docs must too
"""What a reading says is at stake beyond the obvious: "The importance of NATO’s involvement in Ukraine extends beyond
regional security concerns; it represents a defense of the rules-based international order …" is asked as "According
to the reading, NATO’s involvement in Ukraine matters beyond regional security concerns because it represents a defense
of what?", the wrong options other international orders and regimes (the division of Europe into spheres of influence,
the multipolar world order, the system of arms control treaties).

That is the reading's argument rather than a word of it. The options come from the pack (``framing.orders`` in
``rules.json``, most plausible first), and an order is offered as wrong only when the reading names nothing of it
anywhere (its marks), so it is surely wrong: a reading that mentions the Black Sea is not offered "the law of the sea".
An umbrella order (the rules-based international order holds the others) is never a wrong option.

Not asked (blind review 27, both reviewers rejected it): what a reading says it analyses ("The article examines …,
analyzing its military, economic, and humanitarian strategies") against the same list with one kind swapped for one it
never mentions: the swapped-in kinds (cultural, religious, scientific) are ruled out at a glance, and the reading
describing itself is no point of its argument.
"""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.text import Sentence
from quizzes.generation.understanding.sentences import (
    _capital,
    _clean,
    _finish,
    _lower_first,
    _sentence_draft,
    _sentence_group,
    fragment_stands_alone,
    reading_names_any,
)
from quizzes.models import QuestionType

# "The importance of <x> extends beyond <y>; it represents a defense of <order> …": what the reading says is at stake.
_STAKES = re.compile(
    r"^(?:The\s+)?(?:importance|significance)\s+of\s+(?P<x>[^,;:()]{5,100}?)\s+(?:extends|goes|reaches)\s+(?:far\s+|well\s+)?"
    r"beyond\s+(?P<y>[^,;:()]{3,80}?)\s*[;:]\s*it\s+(?:represents|is|constitutes)\s+an?\s+(?P<deed>defen[cs]e|protection)\s+of\s+"
    r"(?P<order>.+)$"
)
_MAY_MATCH = re.compile(r"\s*(?:The\s+)?(?:importance|significance)\s+of\b")
WRONG_OPTIONS = 3
MIN_WRONG_OPTIONS = 2


def _framing(ctx: Context) -> dict[str, Any]:
    for pack in ctx.facts.packs:
        found = pack.rules.get("framing")
        if isinstance(found, dict):
            return found
    return {}


def _names_order(order: dict[str, Any], text: str) -> str:
    """The words ``text`` opens with when they name ``order`` (its term or an alias, hyphen or space alike), else ""."""
    for name in (order["term"], *order.get("aliases", [])):
        words = re.split(r"[-\s]+", re.sub(r"^the\s+", "", str(name), flags=re.I))
        found = re.match(r"(?:the\s+)?" + r"[-\s]+".join(map(re.escape, words)) + r"\b", text, re.I)
        if found:
            return found.group(0)
    return ""


def _stakes_question(ctx: Context, sentence: Sentence, orders: list[dict[str, Any]]) -> QuestionDraft | None:
    m = _STAKES.match(_clean(sentence.text))
    if m is None or not fragment_stands_alone(m.group("x")) or not fragment_stands_alone(m.group("y")):
        return None
    key_order, surface = None, ""
    for order in orders:
        found = _names_order(order, m.group("order"))
        if found:
            key_order, surface = order, found
            break
    if key_order is None:
        return None
    wrong = [
        _capital(str(o["term"]))
        for o in orders
        if o is not key_order and not o.get("umbrella") and not reading_names_any(ctx, o.get("marks", []))
    ][:WRONG_OPTIONS]
    if len(wrong) < MIN_WRONG_OPTIONS:
        return None
    x = _lower_first(ctx, sentence, m.group("x"))
    stem = f"According to the reading, {x} matters beyond {m.group('y')} because it represents a {m.group('deed')} of what?"
    key = _capital(surface if surface.lower().startswith("the ") else f"the {surface}")
    draft = _sentence_draft(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("framing-stakes", sentence.start),
        stem=stem,
        answer={},
        title=f"At stake: {surface[:60]}",
    )
    _one_correct(draft, key, wrong)
    notes = [
        "what the reading says is at stake beyond the obvious",
        "options: other international orders the reading never mentions (domain pack)",
    ]
    return _finish(draft, kind="framing", group=_sentence_group(ctx, sentence), quality=0.75, notes=notes, evidence_any=[surface])


def build_framing_questions(ctx: Context) -> list[QuestionDraft]:
    framing = _framing(ctx)
    orders = [o for o in framing.get("orders", []) if isinstance(o, dict)]
    if not orders:
        return []
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or sentence.section.language != "en":
            continue
        # Cleaning a sentence (citations out) costs more than the pattern: only the sentences that may match are cleaned.
        if _MAY_MATCH.match(sentence.text) is None:
            continue
        draft = _stakes_question(ctx, sentence, orders)
        if draft is not None:
            out.append(draft)
    return out
