"""The sides of a debate (``understanding.debates``): "While some members support X to <purpose>, others remain
cautious" with the cautious side's reasons is asked as why the supporters support X, the cautious side's reasons,
turned to purposes, being the wrong options (issue 13: the seed paper's division among NATO members gave no question)."""

from __future__ import annotations

from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

OPENING = (
    "NATO Allies met in Brussels to discuss the Alliance's posture on its eastern flank. "
    "Finland joined the Alliance in 2023 after decades of military non-alignment. "
)
SIDES = (
    "While some NATO members, particularly those in Northern Europe, strongly support a permanent naval mission in the "
    "Baltic Sea to deter sabotage of undersea cables, others remain cautious. "
)
NAMED = (
    "Countries like Spain and Italy have expressed concerns about the costs of a standing fleet and the risks of "
    "provoking incidents with Russian warships. "
)
CLOSING = "The Alliance agreed to review its maritime posture at the next summit."
STEM = "According to the reading, why do some NATO members, particularly those in Northern Europe, strongly support "


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(text: str) -> list[tuple[str, str, set[str]]]:
    """(stem, key, every option) of each debate question."""
    out = []
    for q in _questions(text):
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("According to the reading, why do some "):
            texts = {c["id"]: c["text"] for c in q.choices}
            out.append((q.stem, texts[q.answer["correct"]], set(texts.values())))
    return out


def test_the_supporters_purpose_is_asked_among_the_cautious_sides_reasons_given_in_the_next_sentence():
    [(stem, key, options)] = _asked(OPENING + SIDES + NAMED + CLOSING)
    assert stem == STEM + "a permanent naval mission in the Baltic Sea?"
    assert key == "To deter sabotage of undersea cables."
    assert options == {
        key,
        "To avoid the costs of a standing fleet.",
        "To avoid the risks of provoking incidents with Russian warships.",
    }


def test_the_cautious_sides_reasons_may_be_given_in_the_sides_sentence_itself():
    fearing = "others remain cautious, fearing the costs of a standing fleet and the strategic implications of a permanent presence."
    [(_, key, options)] = _asked(OPENING + SIDES.replace("others remain cautious.", fearing) + CLOSING)
    assert key == "To deter sabotage of undersea cables."
    assert options == {key, "To avoid the costs of a standing fleet.", "To avoid the strategic implications of a permanent presence."}


def test_a_reason_that_is_no_downside_of_the_thing_supported_is_no_wrong_option():
    # Supporters may back a deterrent mission to avoid escalation too: "To avoid escalation." is not surely wrong.
    fearing = "others remain cautious, fearing escalation and the costs of a standing fleet."
    assert _asked(OPENING + SIDES.replace("others remain cautious.", fearing) + CLOSING) == []


def test_no_question_without_two_reasons_of_the_cautious_side_or_without_the_supporters_purpose():
    # The others' reasons missing: nothing surely wrong to offer.
    assert _asked(OPENING + SIDES + CLOSING) == []
    # One reason is one wrong option: too few.
    one = NAMED.replace(" and the risks of provoking incidents with Russian warships", "")
    assert _asked(OPENING + SIDES + one + CLOSING) == []
    # No purpose: nothing to ask why.
    no_purpose = SIDES.replace(" to deter sabotage of undersea cables", "")
    assert _asked(OPENING + no_purpose + NAMED + CLOSING) == []


def test_the_reasons_must_be_about_the_others_named_right_after_the_sides_sentence():
    # A sentence between the two: the concerns may be anyone's.
    between = "Denmark has offered to host the mission's headquarters. "
    assert _asked(OPENING + SIDES + between + NAMED + CLOSING) == []
    # The concerns of a group that is not a list of countries ("Countries like those on the Mediterranean"): no question.
    vague = NAMED.replace("Spain and Italy", "those on the Mediterranean")
    assert _asked(OPENING + SIDES + vague + CLOSING) == []


def test_a_noun_taking_its_own_to_is_no_purpose_and_a_reason_leaning_on_the_text_is_no_option():
    # "support efforts to expand …": what the efforts are for, not why the members support them.
    efforts = SIDES.replace("a permanent naval mission in the Baltic Sea to deter", "efforts to deter")
    assert _asked(OPENING + efforts + NAMED + CLOSING) == []
    # "its costs": a reason shown without its sentence must stand alone.
    leaning = NAMED.replace("the costs of a standing fleet", "the costs of its upkeep")
    assert _asked(OPENING + SIDES + leaning + CLOSING) == []
