"""Accommodations: one student's extra time, dates and attempts, honoured by start, the deadline,
the auto-submitter, the API and the quiz page; everyone else keeps the quiz's own rules."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from quizzes.models import Attempt, QuizAccommodation
from quizzes.selectors.teach import quiz_settings_for
from quizzes.services.accommodations import NOT_A_STUDENT, accommodation_delete, accommodation_save
from quizzes.services.attempt_rules import NO_ATTEMPTS_LEFT, QUIZ_CLOSED, NoAttemptsLeft, QuizNotAvailable
from quizzes.services.attempts import attempt_start, attempt_submit, attempts_autosubmit_expired, quiz_attempts_close
from tests.conftest import client_for
from tests.quizzes.builders import RIGHT
from tests.quizzes.conftest import T0

# ``quiz`` (timed, one attempt, closing at T0 + 1 h) and ``no_broker``: tests/quizzes/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


def test_extra_time_lengthens_only_that_students_deadline(quiz, student, other_student, instructor) -> None:
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_time_seconds=300)
    with time_machine.travel(T0, tick=False):
        mine, theirs = attempt_start(quiz=quiz, user=student), attempt_start(quiz=quiz, user=other_student)
    assert mine.deadline == T0 + dt.timedelta(minutes=15)
    assert theirs.deadline == T0 + dt.timedelta(minutes=10)


def test_a_later_close_lets_that_student_start_and_finish_after_the_others(quiz, student, other_student, instructor) -> None:
    later = quiz.closes_at + dt.timedelta(days=1)
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, closes_at=later)
    after_close = quiz.closes_at + dt.timedelta(minutes=5)
    with time_machine.travel(after_close, tick=False):
        with pytest.raises(QuizNotAvailable, match=QUIZ_CLOSED):
            attempt_start(quiz=quiz, user=other_student)
        attempt = attempt_start(quiz=quiz, user=student)
        assert attempt.deadline == after_close + dt.timedelta(minutes=10)
        # The auto-submitter leaves it alone although the quiz has closed for the others.
        assert attempts_autosubmit_expired() == []
        assert quiz_attempts_close(quiz=quiz) == []
        attempt_submit(attempt=attempt, user=student)
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED


def test_the_auto_submitter_still_submits_the_others_at_the_close(quiz, student, other_student, instructor) -> None:
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=1))
    with time_machine.travel(quiz.closes_at - dt.timedelta(minutes=1), tick=False):
        theirs = attempt_start(quiz=quiz, user=other_student)
    with time_machine.travel(quiz.closes_at + dt.timedelta(seconds=1), tick=False):
        assert attempts_autosubmit_expired() == [theirs.pk]


def test_extra_attempts_add_to_the_limit(quiz, student, instructor) -> None:
    with time_machine.travel(T0, tick=False):
        attempt_submit(attempt=attempt_start(quiz=quiz, user=student), user=student)
        with pytest.raises(NoAttemptsLeft, match=NO_ATTEMPTS_LEFT.format(allowed=1)):
            attempt_start(quiz=quiz, user=student)
        accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_attempts=1)
        assert attempt_start(quiz=quiz, user=student).number == 2


def test_a_grant_during_an_attempt_moves_its_deadline_and_removing_it_moves_it_back(quiz, student, instructor) -> None:
    with time_machine.travel(T0, tick=False):
        attempt = attempt_start(quiz=quiz, user=student)
        accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_time_seconds=1200)
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=30)
        accommodation_delete(quiz=quiz, student=student)
        assert Attempt.objects.get(pk=attempt.pk).deadline == T0 + dt.timedelta(minutes=10)


def test_only_students_of_the_course_get_accommodations(quiz, instructor, other_instructor) -> None:
    with pytest.raises(ValidationError, match=NOT_A_STUDENT):
        accommodation_save(quiz=quiz, student=other_instructor, granted_by=instructor, extra_time_seconds=60)
    assert not QuizAccommodation.objects.exists()


def test_the_student_sees_their_accommodation_and_the_api_reports_it(quiz, student, other_student, instructor) -> None:
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_time_seconds=300, extra_attempts=2)
    page = client_for(student).get(f"/quizzes/{quiz.pk}/").content.decode()
    assert "Your instructor has adjusted this quiz for you" in page
    assert "5 extra minutes" in page and "2 extra attempts" in page
    assert "15 minutes" in page and "3 allowed" in page
    assert "adjusted this quiz" not in client_for(other_student).get(f"/quizzes/{quiz.pk}/").content.decode()

    api = APIClient()
    api.force_authenticate(student)
    mine = api.get(f"/api/quizzes/{quiz.pk}/").json()["your_settings"]
    assert mine["time_limit_seconds"] == 900 and mine["attempts_allowed"] == 3 and mine["accommodated"] is True
    api.force_authenticate(other_student)
    assert api.get(f"/api/quizzes/{quiz.pk}/").json()["your_settings"]["time_limit_seconds"] == 600


def test_an_instructor_grants_and_removes_an_accommodation_in_the_page(quiz, student, instructor) -> None:
    client = client_for(instructor)
    url = f"/teach/quizzes/{quiz.pk}/accommodations/"
    reply = client.post(url, {"student": student.pk, "extra_minutes": "20", "extra_attempts": "0"})
    assert reply.status_code == 302
    assert quiz_settings_for(quiz=quiz, user=student).time_limit_seconds == 1800
    assert student.username in client.get(url).content.decode()
    client.post(url, {"remove": student.pk})
    assert not QuizAccommodation.objects.exists()


def test_students_and_other_instructors_cannot_open_the_page(quiz, student, other_instructor) -> None:
    url = f"/teach/quizzes/{quiz.pk}/accommodations/"
    assert client_for(student).get(url).status_code in (403, 404)
    assert client_for(other_instructor).post(url, {"student": student.pk, "extra_minutes": "20"}).status_code == 404
    assert not QuizAccommodation.objects.exists()


def test_the_api_starts_and_takes_answers_after_the_close_only_for_the_accommodated_student(
    quiz, student, other_student, instructor
) -> None:
    accommodation_save(
        quiz=quiz, student=student, granted_by=instructor, closes_at=quiz.closes_at + dt.timedelta(days=1), extra_time_seconds=300
    )
    after_close = quiz.closes_at + dt.timedelta(minutes=5)
    api = APIClient()
    with time_machine.travel(after_close, tick=False):
        api.force_authenticate(other_student)
        refused = api.post(f"/api/quizzes/{quiz.pk}/attempts/", format="json")
        assert refused.status_code == 409 and QUIZ_CLOSED in str(refused.json())

        api.force_authenticate(student)
        started = api.post(f"/api/quizzes/{quiz.pk}/attempts/", format="json")
        assert started.status_code in (200, 201), started.content
        attempt = Attempt.objects.get(user=student)
        assert attempt.deadline == after_close + dt.timedelta(minutes=15)
        response = attempt.responses.select_related("question").order_by("position").first()
        saved = api.put(
            f"/api/attempts/{attempt.pk}/responses/{response.question_id}/", {"answer": RIGHT[response.question.type]}, format="json"
        )
        assert saved.status_code == 200, saved.content
