"""Description items: text shown between questions, with nothing to answer and no marks; they
never change a total."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question, QuestionType, Response
from quizzes.questiontypes import AnswerShapeError, QuestionDefinitionError, check_answer, validate_definition
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import QuestionFactory
from tests.quizzes.builders import fixed_quiz

pytestmark = pytest.mark.django_db

INTRO = "The next questions are about the Vilnius summit."


def description(**kwargs) -> Question:  # type: ignore[no-untyped-def]
    return QuestionFactory(type=QuestionType.DESCRIPTION, stem=INTRO, choices=[], answer={}, points=0, explanation="", **kwargs)


def test_a_description_has_no_key_and_takes_no_answer() -> None:
    validate_definition(type=QuestionType.DESCRIPTION, choices=[], answer={})
    with pytest.raises(QuestionDefinitionError):
        validate_definition(type=QuestionType.DESCRIPTION, choices=[], answer={"correct": True})
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.DESCRIPTION, choices=[], response="anything")


def test_a_description_is_shown_without_an_input_and_graded_0_of_0(course, student) -> None:
    intro, question = description(), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, question])
    attempt = attempt_start(quiz=quiz, user=student)
    page = client_for(student).get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    start = page.rindex('<section class="description-item"', 0, page.index(INTRO))
    its_block = page[start : page.index("</section>", start)]
    assert INTRO in its_block and 'name="answer"' not in its_block
    responses_save(attempt=attempt, user=student, answers={question.pk: "c1"})
    attempt_submit(attempt=attempt, user=student)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None and graded.state == Attempt.State.GRADED
    assert (graded.score, graded.max_score) == (1, 1), "the description counts in no total"
    shown = Response.objects.get(attempt=attempt, question=intro)
    assert (shown.points, shown.max_points, shown.fraction) == (0, 0, None)


def test_the_review_service_keeps_a_description_worth_nothing(instructor, course) -> None:
    from quizzes.services.review import question_create_manual, question_edit
    from tests.factories import QuestionBankFactory

    bank = QuestionBankFactory(course=course)
    written = question_create_manual(bank=bank, user=instructor, type=QuestionType.DESCRIPTION, stem=INTRO, answer={}, points=3)
    assert written.points == 0
    assert question_edit(question=written, user=instructor, points=5).points == 0
