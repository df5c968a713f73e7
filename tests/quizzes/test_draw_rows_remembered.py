"""A process remembers the bank rows its draws read (quizzes.services.draws: on PostgreSQL, stamped
with the row version), and a draw never shows a question otherwise than the database holds it now.
The same specification holds on SQLite, where nothing is remembered."""

from __future__ import annotations

import pytest
from django.db import transaction

from courseware.models import Course
from quizzes.models import Question, QuestionType
from quizzes.services import draws
from quizzes.services.draws import quiz_draw_questions
from tests.quizzes.builders import drawn_quiz, mixed_bank

pytestmark = pytest.mark.django_db

RENAMED = [{"id": "x1", "text": "Patriot"}, {"id": "x2", "text": "HIMARS"}, {"id": "x3", "text": "IRIS-T"}, {"id": "x4", "text": "NASAMS"}]


def whole_bank_quiz(course: Course):
    bank = mixed_bank(per_type=1)
    drawable = Question.objects.filter(bank=bank, status=Question.Status.APPROVED, is_current=True).exclude(type=QuestionType.DESCRIPTION)
    return drawn_quiz(course=course, bank=bank, count=drawable.count()), drawable


def drawn(quiz, pk: int) -> draws.DrawnQuestion:
    return next(d for d in quiz_draw_questions(quiz=quiz, seed=7) if d.question.pk == pk)


@pytest.mark.parametrize("changes", ["in_the_same_transaction", "in_a_later_transaction"])
def test_a_question_changed_in_place_after_a_draw_read_it_is_drawn_as_it_now_is(course: Course, changes: str) -> None:
    quiz, drawable = whole_bank_quiz(course)
    target = drawable.get(type=QuestionType.SINGLE_CHOICE)
    assert drawn(quiz, target.pk).question.stem == target.stem  # read, and remembered where the database allows

    # As the option-id rename does: an UPDATE that no model save or signal sees.
    def rename() -> None:
        Question.objects.filter(pk=target.pk).update(stem="Which air-defence system is named?", choices=RENAMED, answer={"choice": "x1"})

    if changes == "in_the_same_transaction":
        rename()
    else:
        with transaction.atomic():
            rename()

    again = drawn(quiz, target.pk)
    assert again.question.stem == "Which air-defence system is named?"
    assert sorted(again.option_order) == ["x1", "x2", "x3", "x4"]


def test_a_retired_question_is_no_longer_drawn_though_the_process_remembers_it(course: Course) -> None:
    quiz, drawable = whole_bank_quiz(course)
    target = drawable.get(type=QuestionType.CLOZE)
    assert drawn(quiz, target.pk)
    Question.objects.filter(pk=target.pk).update(status=Question.Status.RETIRED)
    assert target.pk not in {d.question.pk for d in quiz_draw_questions(quiz=quiz, seed=7)}


def test_what_one_start_does_to_its_drawn_questions_never_reaches_the_next_draw(course: Course) -> None:
    quiz, drawable = whole_bank_quiz(course)
    target = drawable.get(type=QuestionType.SINGLE_CHOICE)
    drawn(quiz, target.pk).question.stem = "scribbled on by a caller"
    assert drawn(quiz, target.pk).question.stem == target.stem
