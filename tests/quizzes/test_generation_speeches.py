"""What a speaker said: a speech's first-person sentences asked about as quotations of the speaker
(``understanding.said``), on small texts no reading of the corpus shares."""

from __future__ import annotations

import re

import pytest

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText, normalise_text
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

SPEECH_TITLE = "Remarks by Governor Alma Reyes on the State Budget"
SPEECH = (
    "We built 1,200 new classrooms across the state in 2022. "
    "We hired 4,500 nurses for the hospitals of the northern valleys in 2023. "
    "We signed a water agreement with the Riverside County Council in March. "
    "We are working closely with the Harbor Authority on the new container port. "
    "Our budget keeps the income tax flat for working families across the state. "
    "They told us that the plan would fail, but we proved the critics of the Reform Party wrong. "
    "I thank the teachers of the Lincoln School District for their patience and their work."
)


def generated(text: str, title: str) -> GenerationResult:
    sections = [SectionText(0, title, "body", "en", text, 0)]
    return generate(reading_key="speech", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def said_questions(result: GenerationResult) -> list:
    return [q for q in result.questions if q.meta.get("speaker")]


@pytest.fixture(scope="module")
def speech() -> GenerationResult:
    return generated(SPEECH, SPEECH_TITLE)


def test_a_speech_asks_which_of_several_statements_its_speaker_made(speech):
    [question] = [q for q in said_questions(speech) if q.type == QuestionType.MULTIPLE_RESPONSE]
    assert question.stem.startswith("Which of these did Governor Alma Reyes say")
    correct = [c["text"] for c in question.choices if c["id"] in question.answer["correct"]]
    wrong = [c["text"] for c in question.choices if c["id"] not in question.answer["correct"]]
    assert len(correct) == 2 and len(wrong) == 2
    sentences = {normalise_text(s) for s in re.split(r"(?<=\.) ", SPEECH)}
    assert all(normalise_text(c) in sentences for c in correct), correct
    # Each wrong option is one of the speaker's sentences with one figure or name changed: said nowhere.
    assert all(normalise_text(w) not in sentences for w in wrong), wrong


def test_the_statements_are_claims_that_carry_their_own_references(speech):
    for question in said_questions(speech):
        for option in (c["text"] for c in question.choices):
            assert not re.search(r"\b(?:they|them|their|this|these|that plan)\b", option, re.I), option


def test_a_text_without_a_speaker_gets_no_question_about_what_was_said():
    plain = SPEECH.replace("We ", "The state government ").replace("Our budget", "The state budget")
    assert not said_questions(generated(plain, "The State Budget"))
    assert not said_questions(generated(SPEECH, "The State Budget"))
