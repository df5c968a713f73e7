# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the texts must too
"""What a reading says is at stake beyond the obvious is asked, not just its words (issue 13: the paper's
introduction gave only clozes): "The importance of … extends beyond regional security concerns; it represents a defence
of the rules-based international order" is asked what, the wrong options other international orders the reading never
mentions, from the domain pack (``framing.orders`` in ``rules.json``). What a reading says it analyses is not asked
(blind review 27 rejected it: the swapped-in kinds were ruled out at a glance)."""

from __future__ import annotations

from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

OPENING = "Russia’s pressure on Moldova has become a test for NATO and its Allies on the eastern flank. "
STAKES = (
    "The importance of the Alliance’s support for Moldova extends beyond regional security concerns; "
    "it represents a defence of the rules-based international order. "
)
CLOSING = "NATO’s deterrence posture in Romania has been reinforced with new battlegroups, and Allies have sent advisers to Chisinau."


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "Introduction", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(questions: list[Any], opening: str) -> list[tuple[Any, str, list[str]]]:
    """(question, key, wrong options) of every single choice whose stem opens with ``opening``."""
    out = []
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(opening):
            texts = {c["id"]: c["text"] for c in q.choices}
            out.append((q, texts[q.answer["correct"]], sorted(t for i, t in texts.items() if i != q.answer["correct"])))
    return out


def test_what_a_reading_says_it_analyses_is_not_asked():
    scope = "The paper examines NATO’s response to the crisis in Moldova, analyzing its military, diplomatic, and financial strategies. "
    assert _asked(_questions(OPENING + scope + CLOSING), "In examining") == []


def test_what_the_reading_says_is_at_stake_is_asked_against_orders_it_never_mentions():
    text = OPENING + STAKES + CLOSING
    [(question, key, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert question.stem == (
        "According to the reading, the Alliance’s support for Moldova matters beyond regional security concerns "
        "because it represents a defence of what?"
    )
    assert key == "The rules-based international order"
    # The pack's most plausible orders first: other orders of states, not regimes of other domains.
    assert wrong == [
        "The division of Europe into spheres of influence",
        "The multipolar world order",
        "The system of arms control treaties",
    ]
    # An order the reading names is never offered: name spheres of influence and that option goes.
    text = OPENING + STAKES + "Moscow speaks openly of its sphere of influence. " + CLOSING
    [(_, _, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert len(wrong) == 3 and not any("influence" in option for option in wrong)


def test_the_umbrella_order_is_never_a_wrong_option():
    # Defending one regime defends the rules-based order it belongs to, so that order would be right too.
    text = OPENING + STAKES.replace("the rules-based international order", "the system of arms control treaties") + CLOSING
    [(_, key, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert key == "The system of arms control treaties"
    assert len(wrong) >= 2 and not any("rules-based" in option for option in wrong)


def test_stakes_of_something_that_is_no_known_order_are_not_asked():
    text = OPENING + STAKES.replace("the rules-based international order", "Moldova’s fragile democracy") + CLOSING
    assert _asked(_questions(text), "According to the reading, the Alliance’s support") == []
