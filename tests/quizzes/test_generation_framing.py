# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the texts must too
"""How a reading frames its own subject is asked, not just its words (issue 13: the paper's introduction gave only
clozes). A reading that says what it analyses ("The paper examines …, analyzing its military, diplomatic, and financial
strategies") is asked which strategies it analyses, the wrong options the same list with one kind swapped for a kind
the reading never mentions; a reading that says what is at stake beyond the obvious ("The importance of … extends
beyond regional security concerns; it represents a defence of the rules-based international order") is asked what,
the wrong options other international orders the reading never mentions. Kinds and orders come from the domain pack
(``framing`` in ``rules.json``)."""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

OPENING = "Russia’s pressure on Moldova has become a test for NATO and its Allies on the eastern flank. "
SCOPE = "The paper examines NATO’s response to the crisis in Moldova, analyzing its military, diplomatic, and financial strategies. "
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


def _kinds(option: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"\b(?:and|strategies)\b", " ", option.lower()))


def test_what_a_reading_says_it_analyses_is_asked_against_kinds_it_never_mentions():
    text = OPENING + SCOPE + CLOSING
    [(question, key, wrong)] = _asked(_questions(text), "In examining")
    assert question.stem == "In examining NATO’s response to the crisis in Moldova, which strategies does the paper say it analyzes?"
    assert key == "Military, diplomatic, and financial strategies"
    assert len(wrong) >= 2
    for option in wrong:
        # The same list with exactly one kind swapped, so only the reading's own list is right ...
        swapped = [k for k in _kinds(option) if k not in _kinds(key)]
        assert len(_kinds(option)) == 3 and len(swapped) == 1
        # ... and the kind swapped in is one the reading says nothing of.
        assert swapped[0] not in text.lower()


def test_a_kind_the_reading_mentions_is_never_offered_as_wrong():
    # The reading speaks of humanitarian aid, so "humanitarian strategies" might be analysed after all.
    text = OPENING + SCOPE + "Humanitarian convoys have reached the border. " + CLOSING
    [(_, _, wrong)] = _asked(_questions(text), "In examining")
    assert wrong and not any("humanitarian" in _kinds(option) for option in wrong)


def test_a_list_that_is_not_the_reading_describing_itself_or_not_of_kinds_is_not_asked():
    # An actor's analysis is no statement of the reading's aims; "naval" is no kind of strategy the pack knows.
    actor = SCOPE.replace("The paper examines", "The Alliance examines")
    naval = SCOPE.replace("military, diplomatic, and financial", "military, naval, and financial")
    for text in (OPENING + actor + CLOSING, OPENING + naval + CLOSING):
        assert _asked(_questions(text), "In examining") == []


def test_what_the_reading_says_is_at_stake_is_asked_against_orders_it_never_mentions():
    text = OPENING + STAKES + CLOSING
    [(question, key, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert question.stem == (
        "According to the reading, the Alliance’s support for Moldova matters beyond regional security concerns "
        "because it represents a defence of what?"
    )
    assert key == "The rules-based international order"
    assert len(wrong) >= 2 and all(option.startswith("The ") for option in wrong)
    # An order the reading names is never offered: add the climate and it goes.
    assert any("climate" in option for option in wrong)
    text = OPENING + STAKES + "Climate change adds to the strain on the region. " + CLOSING
    [(_, _, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert not any("climate" in option for option in wrong)


def test_the_umbrella_order_is_never_a_wrong_option():
    # Defending one regime defends the rules-based order it belongs to, so that order would be right too.
    text = OPENING + STAKES.replace("the rules-based international order", "the system of arms control treaties") + CLOSING
    [(_, key, wrong)] = _asked(_questions(text), "According to the reading, the Alliance’s support")
    assert key == "The system of arms control treaties"
    assert len(wrong) >= 2 and not any("rules-based" in option for option in wrong)


def test_stakes_of_something_that_is_no_known_order_are_not_asked():
    text = OPENING + STAKES.replace("the rules-based international order", "Moldova’s fragile democracy") + CLOSING
    assert _asked(_questions(text), "According to the reading, the Alliance’s support") == []
