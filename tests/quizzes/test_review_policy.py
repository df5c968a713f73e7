"""quizzes.review_policy: the one place that decides what a student may learn about an attempt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from quizzes.review_policy import ReviewPolicy, practice_withheld, question_option_ids, score_rows
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def graded(quiz: Quiz, user) -> Attempt:  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    attempt_submit(attempt=attempt, user=user)
    result = attempt_grade(attempt_id=attempt.pk)
    assert result is not None
    return Attempt.objects.select_related("quiz").get(pk=attempt.pk)


def test_staff_see_everything_and_a_student_nothing_while_answering(course, student, instructor) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of("true_false")], review_after_submit=Quiz.Review.NOTHING)
    attempt = attempt_start(quiz=quiz, user=student)
    assert ReviewPolicy(user=instructor).level(attempt) == Quiz.Review.FEEDBACK
    assert ReviewPolicy(user=student).level(attempt) == Quiz.Review.NOTHING


def test_after_close_applies_only_once_no_attempt_is_in_progress(course, student) -> None:
    classmate = UserFactory()
    EnrollmentFactory(course=course, user=classmate)
    quiz = fixed_quiz(
        course=course,
        questions=[question_of("true_false")],
        review_after_submit=Quiz.Review.NOTHING,
        review_after_close=Quiz.Review.ANSWERS,
        closes_at=timezone.now() + dt.timedelta(minutes=5),
    )
    mine = graded(quiz, student)
    attempt_start(quiz=quiz, user=classmate)
    after_close = timezone.now() + dt.timedelta(minutes=6)

    assert ReviewPolicy(user=student, now=after_close).level(mine) == Quiz.Review.NOTHING
    Attempt.objects.filter(user=classmate).update(state=Attempt.State.SUBMITTED)
    assert ReviewPolicy(user=student, now=after_close).level(mine) == Quiz.Review.ANSWERS


def test_score_rows_hide_what_the_policy_hides_in_one_query(course, student, django_assert_num_queries) -> None:
    question = question_of("true_false")
    closes = timezone.now() + dt.timedelta(minutes=5)
    hidden = fixed_quiz(course=course, questions=[question], review_after_submit=Quiz.Review.NOTHING, closes_at=closes)
    shown = fixed_quiz(course=course, questions=[question], review_after_submit=Quiz.Review.SCORE)
    attempts = [graded(hidden, student), graded(shown, student)]

    with django_assert_num_queries(1):  # whether the closed quiz still has an attempt in progress
        rows = score_rows(user=student, attempts=attempts, now=closes + dt.timedelta(minutes=1))
    assert [row.percent for row in rows] == [0.0, 0.0]  # closed, nothing open: "after close" (feedback by default) shows it
    with django_assert_num_queries(0):
        before_close = score_rows(user=student, attempts=attempts)
    assert [row.percent for row in before_close] == [None, 0.0]


def test_practice_withholds_every_version_and_every_option_id_of_questions_whose_keys_stay_hidden(course, student) -> None:
    matching = question_of("matching")
    quiz = fixed_quiz(course=course, questions=[matching], review_after_submit=Quiz.Review.CORRECTNESS)
    graded(quiz, student)
    withheld = practice_withheld(user=student)

    assert withheld.roots == {matching.pk}
    assert withheld.option_ids == question_option_ids(matching) == {"l1", "l2", "r1", "r2"}
    assert not withheld.allows(question_of("ordering", choices=[{"id": "r1", "text": "x"}, {"id": "z", "text": "y"}]))
    assert withheld.allows(question_of("ordering", choices=[{"id": "q1", "text": "x"}, {"id": "q2", "text": "y"}]))
