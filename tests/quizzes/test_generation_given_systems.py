"""Options of a system in a sentence about giving it (blind review 52): the reading's other systems of the class may
have been given too, by the reading's own account, so they are no wrong options there."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body

TEXT = (
    "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "
    "Russia has repeatedly struck the power stations of Ukraine since the winter began. "
    "To counter this, NATO allies have provided systems like the Patriot missile defense system and Germany's IRIS-T air "
    "defense system to Ukrainian cities. "
    "In addition to anti-tank systems, NATO member states supplied Ukraine with Stinger surface-to-air missiles, which "
    "have been crucial in diminishing Russia's air dominance over the front."
)


def _options(key: str) -> set[str]:
    questions = generate_body(TEXT)
    [choice] = [
        q
        for q in questions
        if q.type == QuestionType.SINGLE_CHOICE and any(c["text"] == key and c["id"] == q.answer["correct"] for c in q.choices)
    ]
    return {c["text"] for c in choice.choices} - {key}


def test_a_system_the_reading_says_was_given_is_no_option_beside_another_given_one():
    options = _options("Stinger")
    assert len(options) == 3 and not options & {"Patriot", "IRIS-T"}, options
