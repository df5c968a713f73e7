"""The quiz-taking path a script or mobile client follows: token, list, start, answer, submit, poll."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from courseware.models import User
from quizzes.models import Attempt, Quiz, QuizQuestion, Response
from quizzes.services.grading import attempt_grade
from tests.api.conftest import World, token_client
from tests.factories import DEFAULT_PASSWORD, QuestionFactory

pytestmark = pytest.mark.django_db


def _start(client: APIClient, quiz_id: int) -> dict[str, Any]:
    response = client.post(f"/api/quizzes/{quiz_id}/attempts/")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_student_takes_a_quiz_end_to_end_with_a_token(world: World, student: User) -> None:
    anonymous = APIClient()
    token = anonymous.post("/api/auth/token/", {"username": student.username, "password": DEFAULT_PASSWORD}, format="json").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    quizzes = client.get("/api/quizzes/").json()["results"]
    assert [q["id"] for q in quizzes] == [world.quiz.pk]

    attempt = _start(client, world.quiz.pk)
    assert attempt["state"] == "in_progress"
    assert [q["question_id"] for q in attempt["questions"]] == [world.question.pk]

    saved = client.put(f"/api/attempts/{attempt['id']}/responses/{world.question.pk}/", {"answer": "c1"}, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["answer"] == "c1"

    submitted = client.post(f"/api/attempts/{attempt['id']}/submit/")
    assert submitted.status_code == 202
    assert submitted.json()["state"] == "submitted"
    assert submitted.json()["score"] is None

    attempt_grade(attempt_id=attempt["id"])
    polled = client.get(f"/api/attempts/{attempt['id']}/").json()
    assert polled["state"] == "graded"
    assert polled["score"] == 1.0
    assert polled["percent"] == 100.0


def test_session_authentication_works_too(world: World, student: User) -> None:
    client = APIClient()
    client.force_login(student)
    assert client.get(f"/api/quizzes/{world.quiz.pk}/").status_code == 200


def test_starting_again_returns_the_attempt_in_progress(world: World, student: User) -> None:
    client = token_client(student)
    assert _start(client, world.quiz.pk)["id"] == world.attempt.pk


def test_submitting_twice_returns_the_same_submission(world: World, student: User) -> None:
    client = token_client(student)
    first = client.post(f"/api/attempts/{world.attempt.pk}/submit/")
    second = client.post(f"/api/attempts/{world.attempt.pk}/submit/")
    assert first.status_code == second.status_code == 202
    assert first.json()["submitted_at"] == second.json()["submitted_at"]
    assert Attempt.objects.get(pk=world.attempt.pk).state == Attempt.State.SUBMITTED


def test_the_internal_grading_state_shows_as_submitted(world: World, student: User) -> None:
    Attempt.objects.filter(pk=world.attempt.pk).update(state=Attempt.State.GRADING, submitted_at=timezone.now())
    assert token_client(student).get(f"/api/attempts/{world.attempt.pk}/").json()["state"] == "submitted"


def test_saving_the_same_answer_twice_is_harmless(world: World, student: User) -> None:
    client = token_client(student)
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    assert client.put(url, {"answer": "c2"}, format="json").status_code == 200
    assert client.put(url, {"answer": "c2"}, format="json").status_code == 200
    assert Response.objects.get(attempt=world.attempt, question=world.question).answer == "c2"


def test_an_answer_of_the_wrong_shape_is_a_400_and_changes_nothing(world: World, student: User) -> None:
    client = token_client(student)
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    client.put(url, {"answer": "c2"}, format="json")
    response = client.put(url, {"answer": ["c1", "c2"]}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_answer_shape"
    assert Response.objects.get(attempt=world.attempt, question=world.question).answer == "c2"


def test_a_question_that_is_not_in_the_attempt_is_a_404(world: World, student: User) -> None:
    stranger = QuestionFactory(bank=world.bank)
    response = token_client(student).put(f"/api/attempts/{world.attempt.pk}/responses/{stranger.pk}/", {"answer": "c1"}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_question"


def test_a_missing_answer_field_is_a_validation_error_naming_the_field(world: World, student: User) -> None:
    response = token_client(student).put(f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "required"
    assert "answer" in response.json()["errors"]


def test_answers_after_submitting_are_refused_with_409(world: World, student: User) -> None:
    client = token_client(student)
    client.post(f"/api/attempts/{world.attempt.pk}/submit/")
    response = client.put(f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/", {"answer": "c1"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "attempt_not_in_progress"


def test_answers_after_the_deadline_are_refused_with_409(world: World, student: User) -> None:
    client = token_client(student)
    timed = Quiz.objects.create(module=world.module, title="Timed", is_published=True, time_limit_seconds=600)
    QuizQuestion.objects.create(quiz=timed, question=world.question, position=1)
    attempt = _start(client, timed.pk)
    assert attempt["deadline"] is not None
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client.put(f"/api/attempts/{attempt['id']}/responses/{world.question.pk}/", {"answer": "c1"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "deadline_passed"


def test_clients_cannot_set_score_state_or_owner(world: World, student: User, other_student: User) -> None:
    client = token_client(student)
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    body = {"answer": "c2", "points": "1", "fraction": 1, "score": 99, "state": "graded", "user": other_student.pk}
    assert client.put(url, body, format="json").status_code == 200
    attempt = Attempt.objects.get(pk=world.attempt.pk)
    assert (attempt.state, attempt.score, attempt.user_id) == (Attempt.State.IN_PROGRESS, None, student.pk)
    assert Response.objects.get(attempt=attempt, question=world.question).points is None


def test_no_attempts_left_is_a_409(world: World, student: User) -> None:
    Quiz.objects.filter(pk=world.quiz.pk).update(attempts_allowed=1)
    client = token_client(student)
    client.post(f"/api/attempts/{world.attempt.pk}/submit/")
    response = client.post(f"/api/quizzes/{world.quiz.pk}/attempts/")
    assert response.status_code == 409
    assert response.json()["code"] == "no_attempts_left"


def test_my_attempts_show_a_score_only_where_the_review_policy_allows(world: World, student: User) -> None:
    Quiz.objects.filter(pk=world.quiz.pk).update(review_after_submit=Quiz.Review.NOTHING, review_after_close=Quiz.Review.NOTHING)
    client = token_client(student)
    client.put(f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/", {"answer": "c1"}, format="json")
    client.post(f"/api/attempts/{world.attempt.pk}/submit/")
    attempt_grade(attempt_id=world.attempt.pk)
    row = client.get("/api/attempts/").json()["results"][0]
    assert row["state"] == "graded"
    assert row["score"] is None
    Quiz.objects.filter(pk=world.quiz.pk).update(review_after_submit=Quiz.Review.SCORE)
    assert client.get("/api/attempts/").json()["results"][0]["score"] == float(Decimal("1"))


def test_attempt_lists_are_filtered_and_ordered(world: World, student: User) -> None:
    client = token_client(student)
    assert client.get(f"/api/attempts/?quiz={world.quiz.pk}").json()["count"] == 1
    assert client.get("/api/attempts/?quiz=999999").json()["count"] == 0
    assert client.get("/api/attempts/?state=graded").json()["count"] == 0
    assert client.get("/api/attempts/?ordering=-started_at").status_code == 200


@pytest.mark.parametrize("stored", [2**31 - 1, "the largest the database stores"])
def test_a_quiz_with_a_huge_time_limit_stored_earlier_still_starts(world: World, student: User, stored: int | str) -> None:
    """F10: 153722867280912930 (storable on SQLite before the 7-day cap) made every start an
    OverflowError 500. PostgreSQL's integer column stops at 2**31 - 1, which does not overflow."""
    from django.db import connection

    if isinstance(stored, str):
        stored = 153722867280912930 if connection.vendor == "sqlite" else 2**31 - 1
    world.attempt.delete()
    Quiz.objects.filter(pk=world.quiz.pk).update(time_limit_seconds=stored)
    response = token_client(student).post(f"/api/quizzes/{world.quiz.pk}/attempts/")
    assert response.status_code == 201, response.content


def test_the_api_refuses_a_time_limit_over_seven_days(world: World, instructor: User) -> None:
    response = token_client(instructor).post(
        f"/api/quizzes/{world.quiz.pk}/update/", {"time_limit_seconds": 7 * 24 * 3600 + 1}, format="json"
    )
    assert response.status_code == 400
    assert Quiz.objects.get(pk=world.quiz.pk).time_limit_seconds is None
