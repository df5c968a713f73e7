"""Reads of quizzes and attempts: who may see what, and the review policy after submitting."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import NotFound
from quizzes.models import Quiz
from quizzes.selectors.attempts import (
    attempt_get_for_user,
    attempt_questions,
    attempt_result_for_user,
    feedback_quotes_source,
    quiz_get_for_user,
    quiz_list_for_user,
)
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from tests.factories import QuizFactory
from tests.quizzes.builders import fixed_quiz, question_of

T0 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def graded_attempt(quiz: Quiz, user):  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    responses_save(attempt=attempt, user=user, answers={r.question_id: "c2" for r in attempt.responses.all()})
    attempt_submit(attempt=attempt, user=user)
    return attempt_grade(attempt_id=attempt.pk)


# --- access ----------------------------------------------------------------------------------------------


def test_an_attempt_is_visible_to_its_student_and_the_courses_instructor_only(
    course, student, other_student, instructor, other_instructor, admin
) -> None:
    attempt = attempt_start(quiz=fixed_quiz(course=course, questions=[question_of("single_choice")]), user=student)
    for allowed in (student, instructor, admin):
        assert attempt_get_for_user(user=allowed, attempt_id=attempt.pk) == attempt
    for outsider in (other_student, other_instructor):
        with pytest.raises(NotFound):
            attempt_get_for_user(user=outsider, attempt_id=attempt.pk)
    with pytest.raises(NotFound):
        attempt_get_for_user(user=student, attempt_id="not-an-id")  # type: ignore[arg-type]


def test_students_see_published_quizzes_of_their_courses_and_their_own_practice(
    course, other_course, student, other_student, instructor
) -> None:
    published = fixed_quiz(course=course, questions=[question_of("true_false")])
    hidden = fixed_quiz(course=course, questions=[question_of("true_false")], is_published=False)
    fixed_quiz(course=other_course, questions=[question_of("true_false")])
    own_practice = QuizFactory(module=published.module, is_practice=True, owner=student)
    QuizFactory(module=published.module, is_practice=True, owner=other_student)  # someone else's practice
    assert set(quiz_list_for_user(user=student)) == {published, own_practice}
    assert set(quiz_list_for_user(user=instructor)) == {published, hidden}
    with pytest.raises(NotFound):
        quiz_get_for_user(user=other_student, quiz_id=published.pk)


def test_the_answering_view_shows_options_in_the_students_order_and_never_the_key(course, student) -> None:
    matching = question_of("matching")
    quiz = fixed_quiz(course=course, questions=[question_of("single_choice"), matching])
    attempt = attempt_start(quiz=quiz, user=student)
    views = {q.question_id: q for q in attempt_questions(attempt=attempt)}
    for response in attempt.responses.all():
        assert [o["id"] for o in views[response.question_id].options] == response.option_order
    assert [item["id"] for item in views[matching.pk].left] == ["l1", "l2"]
    assert "correct" not in str(views) and "pairs" not in str(views)


# --- the review policy ---------------------------------------------------------------------------------


def result_for(course, student, **settings):  # type: ignore[no-untyped-def]
    quiz = fixed_quiz(course=course, questions=[question_of("single_choice")], **settings)
    attempt = graded_attempt(quiz, student)
    return attempt, attempt_result_for_user(user=student, attempt=attempt)


def test_review_nothing_shows_the_student_nothing(course, student) -> None:
    _, result = result_for(course, student, review_after_submit=Quiz.Review.NOTHING)
    assert result.graded and result.score is None and result.items == []


def test_review_score_shows_the_score_but_not_right_or_wrong(course, student) -> None:
    _, result = result_for(course, student, review_after_submit=Quiz.Review.SCORE)
    assert (result.score, result.percent, result.passed) == (0.0, 0.0, False)
    assert result.items[0].answer == "c2" and result.items[0].correct is None and result.items[0].correct_answer is None


def test_review_correctness_adds_right_or_wrong_but_not_the_answer(course, student) -> None:
    _, result = result_for(course, student, review_after_submit=Quiz.Review.CORRECTNESS)
    item = result.items[0]
    assert (item.correct, item.points, item.correct_answer, item.feedback) == (False, 0.0, None, None)


def test_review_feedback_shows_the_correct_answer_feedback_and_source_passage(course, student) -> None:
    _, result = result_for(course, student, review_after_submit=Quiz.Review.FEEDBACK)
    item = result.items[0]
    assert item.correct_answer == {"correct": "c1"}
    assert item.feedback and "HIMARS" in item.feedback and item.source_passage == "Ukraine received HIMARS in 2022."


def test_the_source_passage_is_not_shown_again_when_the_feedback_already_quotes_it(course, student) -> None:
    """The walk-through's result page printed each sentence twice: "The reading says: …" in the
    feedback and "From the reading: …" below it."""
    question = question_of(
        "single_choice",
        source_passage="However, Ukraine received HIMARS in 2022 [4].",
        explanation="The reading says: “Ukraine received HIMARS in 2022.”",
    )
    quiz = fixed_quiz(course=course, questions=[question], review_after_submit=Quiz.Review.FEEDBACK)
    item = attempt_result_for_user(user=student, attempt=graded_attempt(quiz, student)).items[0]
    assert "Ukraine received HIMARS in 2022" in item.feedback
    assert item.source_passage is None


@pytest.mark.parametrize(
    ("feedback", "source", "repeats"),
    [
        ("The reading says: “Ukraine received HIMARS in 2022.”", "Ukraine received HIMARS in 2022.", True),
        ("Right. Ukraine received HIMARS in 2022.", "Ukraine received HIMARS in 2022.", True),
        ("The reading says: “HIMARS”", "Ukraine received HIMARS in 2022 after a long debate in Washington.", False),
        ("Think about the timeline.", "Ukraine received HIMARS in 2022.", False),
        ("", "Ukraine received HIMARS in 2022.", False),
    ],
)
def test_feedback_quotes_source(feedback: str, source: str, repeats: bool) -> None:
    assert feedback_quotes_source(feedback, source) is repeats


def test_after_the_quiz_closes_the_after_close_policy_applies(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    attempt, result = result_for(
        course, student, review_after_submit=Quiz.Review.SCORE, review_after_close=Quiz.Review.ANSWERS, closes_at=T0 + dt.timedelta(hours=1)
    )
    assert result.items[0].correct_answer is None
    time_machine.move_to(T0 + dt.timedelta(hours=1), tick=False)
    later = attempt_result_for_user(user=student, attempt=attempt)
    assert later.level == Quiz.Review.ANSWERS and later.items[0].correct_answer == {"correct": "c1"}


def test_the_instructor_always_sees_everything(course, student, instructor) -> None:
    attempt, _ = result_for(course, student, review_after_submit=Quiz.Review.NOTHING)
    result = attempt_result_for_user(user=instructor, attempt=attempt_get_for_user(user=instructor, attempt_id=attempt.pk))
    assert result.level == Quiz.Review.FEEDBACK and result.items[0].correct_answer == {"correct": "c1"}


def test_an_ungraded_attempt_shows_no_score_yet(course, student) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of("true_false")])
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student)
    result = attempt_result_for_user(user=student, attempt=attempt)
    assert (result.state, result.graded, result.score) == ("submitted", False, None)
