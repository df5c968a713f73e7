"""A concept of the field that a sentence describes without naming it is asked as "Which concept does this sentence
from the reading describe?", the pack's other concepts of alliance politics as options (issue 13: the paper's
membership debate describes burden sharing and interoperability and names neither)."""

from __future__ import annotations

from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

STEM = "Which concept does this sentence from the reading describe?"

READING = (
    "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's deterrence posture on the eastern flank. "
    "The United States has encouraged European NATO members to take on more responsibility for regional security, "
    "arguing that Washington should not carry the cost of Europe's defence alone. "
    "Over the past decade, Ukraine has worked to align its military structures and defence planning with NATO standards. "
    "NATO Allies agreed that Russia remains the most significant threat to the security of the Alliance."
)


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(questions: list[Any]) -> dict[str, tuple[str, set[str]]]:
    """Concept asked -> (the stem, the options)."""
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(STEM):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[texts[q.answer["correct"]]] = (q.stem, set(texts.values()))
    return out


def test_a_sentence_describing_a_concept_without_naming_it_asks_which_concept_it_describes():
    asked = _asked(_questions(READING))
    assert set(asked) == {"burden sharing", "interoperability"}
    stem, options = asked["burden sharing"]
    assert "take on more responsibility for regional security" in stem
    assert len(options) == 4 and options <= {"burden sharing", "interoperability", "open door policy", "collective defence", "deterrence"}
    # The other concept asked comes last among the options, so the two questions stay in separate exclusion groups.
    assert "interoperability" not in options and "burden sharing" not in asked["interoperability"][1]


def test_a_sentence_that_names_the_concept_gives_its_own_answer_and_is_not_asked():
    text = READING.replace(
        "to take on more responsibility for regional security",
        "to take on more responsibility for regional security through fairer burden sharing",
    )
    assert "burden sharing" not in _asked(_questions(text))
