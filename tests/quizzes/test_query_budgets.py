"""Query budgets on the hot paths of a classroom burst: starting an attempt, saving an answer,
polling for the result, and the instructor's gradebook.

Each runs a fixed number of queries whatever the number of questions in the attempt, of
students in the course, or of attempts already made: every test runs at a small and at a
larger size with the same pinned budget, so an N+1 shows up as a failure here long before it
shows up in `make bench`. Counts, never times.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from courseware.models import Course, Enrollment, User
from quizzes.models import Attempt, Quiz
from quizzes.selectors.gradebook import gradebook_for_course
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG, answers_for, drawn_quiz, mixed_bank

# (questions per attempt, classmates with graded attempts already in the course)
SIZES = [pytest.param(4, 1, id="4-questions-1-classmate"), pytest.param(20, 12, id="20-questions-12-classmates")]

# The budgets (inside a test transaction, so each atomic block adds a SAVEPOINT and its RELEASE).
# Raising one needs a reason in the commit message; a size-dependent count is a bug.
START_QUERIES = (
    14  # +2 (issue 17): the student's own accommodation and their groups', read once for the open/close check, attempt limit and deadline
)
SAVE_QUERIES = 3  # token, the response+attempt+question read, the conditional write
POLL_IN_PROGRESS_QUERIES = 3  # token (first request), the attempt, its questions
# Later polls find the token remembered (config/authentication.py):
POLL_SUBMITTED_QUERIES = 1  # the attempt: nothing else until the grade arrives
POLL_GRADED_QUERIES = 3  # the attempt, its responses with questions, the effective keys
GRADEBOOK_QUERIES = 3


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Submitting enqueues grading after commit; these tests grade inline instead.
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def classroom(course: Course, *, questions: int, classmates: int) -> Quiz:
    """A quiz drawing ``questions`` from a mixed bank, with ``classmates`` who each have a graded attempt."""
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=3), count=questions)
    for index in range(classmates):
        classmate = UserFactory(username=f"classmate-{index}", role=User.Role.STUDENT)
        EnrollmentFactory(course=course, user=classmate, role=Enrollment.Role.STUDENT)
        attempt = attempt_start(quiz=quiz, user=classmate)
        attempt_submit(attempt=attempt, user=classmate, answers=answers_for(attempt, RIGHT if index % 2 else WRONG))
        attempt_grade(attempt_id=attempt.pk)
    return quiz


def api_for(user: User) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_starting_an_attempt_costs_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    api = api_for(student)
    with django_assert_num_queries(START_QUERIES):
        reply = api.post(f"/api/quizzes/{quiz.pk}/attempts/")
    assert reply.status_code == 201, reply.content
    assert len(reply.json()["questions"]) == questions
    # The start replies from the rows it just wrote: exactly what reading them back shows.
    assert reply.json()["questions"] == api.get(f"/api/attempts/{reply.json()['id']}/").json()["questions"]


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_saving_an_answer_costs_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    response = attempt.responses.select_related("question").order_by("-position").first()
    assert response is not None
    api = api_for(student)
    with django_assert_num_queries(SAVE_QUERIES):
        reply = api.put(
            f"/api/attempts/{attempt.pk}/responses/{response.question_id}/", {"answer": RIGHT[response.question.type]}, format="json"
        )
    assert reply.status_code == 200, reply.content
    response.refresh_from_db()
    assert response.saved_at is not None


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_polling_an_attempt_costs_the_same_queries_in_every_state_and_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    api = api_for(student)
    url = f"/api/attempts/{attempt.pk}/"

    with django_assert_num_queries(POLL_IN_PROGRESS_QUERIES):
        assert api.get(url).json()["state"] == "in_progress"

    attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    with django_assert_num_queries(POLL_SUBMITTED_QUERIES):
        waiting = api.get(url).json()
    assert waiting["state"] == "submitted"
    assert waiting["items"] == [] and waiting["score"] is None

    attempt_grade(attempt_id=attempt.pk)
    with django_assert_num_queries(POLL_GRADED_QUERIES):
        body = api.get(url).json()
    assert body["state"] == "graded"
    assert len(body["items"]) == questions
    assert body["score"] == float(Attempt.objects.get(pk=attempt.pk).max_score)


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_the_gradebook_costs_the_same_queries_for_any_class_size(
    course: Course, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    classroom(course, questions=questions, classmates=classmates)
    with django_assert_num_queries(GRADEBOOK_QUERIES):
        book = gradebook_for_course(course=course)
    assert len(book.rows) == classmates + 1  # the cast's student has no attempt yet
    assert sum(cell.attempts for row in book.rows for cell in row.cells) == classmates
