"""An instructor reopens a submitted attempt: with a reason, logged with who and when; the
student answers on until the time the instructor gave, even after the quiz's close, and the
auto-submitter, the close rules and the API all honour that deadline."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from quizzes.models import Attempt, AttemptReopening, Quiz, Response
from quizzes.services.attempts import (
    attempt_autosubmit,
    attempt_start,
    attempt_submit,
    attempts_autosubmit_expired,
    quiz_attempts_close,
    response_save,
)
from quizzes.services.grading import attempt_grade
from quizzes.services.overrides import (
    REOPEN_NOT_SUBMITTED,
    REOPEN_OTHER_IN_PROGRESS,
    REOPEN_REASON_REQUIRED,
    attempt_reopen,
)
from tests.conftest import client_for
from tests.quizzes.builders import RIGHT, WRONG, answers_for, fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def graded(course, student):  # type: ignore[no-untyped-def]
    """A graded attempt (1 of 2 right) at a quiz that has since closed."""
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:2]], attempts_allowed=1)
    attempt = attempt_start(quiz=quiz, user=student)
    answers = answers_for(attempt, RIGHT)
    first = next(iter(answers))
    answers[first] = WRONG[Response.objects.get(attempt=attempt, question_id=first).question.type]
    attempt_submit(attempt=attempt, user=student, answers=answers)
    attempt_grade(attempt_id=attempt.pk)
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 1
    return attempt


def test_reopening_puts_the_attempt_back_in_progress_and_logs_who_when_why_and_what_it_was(graded, instructor) -> None:
    before = timezone.now()
    attempt_reopen(attempt=graded, by=instructor, reason="The fire alarm went off during the test.", minutes=20)

    graded.refresh_from_db()
    assert graded.state == Attempt.State.IN_PROGRESS and graded.submitted_at is None and graded.score is None
    assert before + timedelta(minutes=20) <= graded.deadline <= timezone.now() + timedelta(minutes=20)
    log = AttemptReopening.objects.get(attempt=graded)
    assert log.reopened_by == instructor and log.reason == "The fire alarm went off during the test."
    assert log.previous_state == Attempt.State.GRADED and log.previous_score == 1 and log.deadline == graded.deadline


def test_the_student_answers_on_after_the_close_and_the_resubmitted_attempt_is_graded_again(graded, instructor, student) -> None:
    attempt_reopen(attempt=graded, by=instructor, reason="Network outage in the exam room.", minutes=20)
    first = Response.objects.get(attempt=graded, position=1)

    response_save(attempt_id=graded.pk, user=student, question_id=first.question_id, answer=RIGHT[first.question.type])
    attempt_submit(attempt=graded, user=student)
    attempt_grade(attempt_id=graded.pk)

    graded.refresh_from_db()
    assert graded.state == Attempt.State.GRADED and graded.score == 2 and graded.grade_count == 2


def test_the_auto_submitter_and_the_close_rules_leave_a_reopened_attempt_alone_until_its_own_deadline(graded, instructor) -> None:
    attempt_reopen(attempt=graded, by=instructor, reason="Extra time agreed by the exam board.", minutes=20)

    assert attempts_autosubmit_expired() == []
    assert attempt_autosubmit(attempt_id=graded.pk) is False
    assert quiz_attempts_close(quiz=graded.quiz) == []
    graded.refresh_from_db()
    assert graded.state == Attempt.State.IN_PROGRESS and graded.deadline > timezone.now()

    # Past the deadline the instructor gave, it is submitted like any other.
    Attempt.objects.filter(pk=graded.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert attempts_autosubmit_expired() == [graded.pk]
    assert Attempt.objects.get(pk=graded.pk).auto_submitted


def test_the_api_accepts_answers_to_a_reopened_attempt(graded, instructor, student) -> None:
    attempt_reopen(attempt=graded, by=instructor, reason="Browser crashed.", minutes=5)
    first = Response.objects.get(attempt=graded, position=1)
    api = APIClient()
    api.force_authenticate(student)
    reply = api.put(f"/api/attempts/{graded.pk}/responses/{first.question_id}/", {"answer": RIGHT[first.question.type]}, format="json")
    assert reply.status_code == 200, reply.content
    assert api.get(f"/api/attempts/{graded.pk}/").json()["state"] == Attempt.State.IN_PROGRESS


def test_reopening_needs_a_reason_a_finished_attempt_and_no_other_attempt_in_progress(graded, instructor, student, course) -> None:
    with pytest.raises(ValidationError, match=REOPEN_REASON_REQUIRED):
        attempt_reopen(attempt=graded, by=instructor, reason="  ", minutes=10)
    with pytest.raises(ValidationError):
        attempt_reopen(attempt=graded, by=instructor, reason="Zero minutes", minutes=0)
    attempt_reopen(attempt=graded, by=instructor, reason="Once.", minutes=10)
    with pytest.raises(ValidationError, match=REOPEN_NOT_SUBMITTED):
        attempt_reopen(attempt=graded, by=instructor, reason="Twice.", minutes=10)

    open_quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:1]])
    done = attempt_start(quiz=open_quiz, user=student)
    attempt_submit(attempt=done, user=student)
    attempt_start(quiz=open_quiz, user=student)
    with pytest.raises(ValidationError, match=REOPEN_OTHER_IN_PROGRESS):
        attempt_reopen(attempt=done, by=instructor, reason="Would make two in progress.", minutes=10)
    assert AttemptReopening.objects.count() == 1


def test_the_instructor_page_reopens_with_a_reason_and_shows_the_log(graded, instructor) -> None:
    client = client_for(instructor)
    url = f"/teach/attempts/{graded.pk}/"
    assert "Reopen this attempt" in client.get(url).content.decode()

    refused = client.post(url, {"action": "reopen", "minutes": "15", "reason": ""})
    assert refused.status_code == 200 and html.escape(REOPEN_REASON_REQUIRED) in refused.content.decode()
    assert Attempt.objects.get(pk=graded.pk).state == Attempt.State.GRADED

    reply = client.post(url, {"action": "reopen", "minutes": "15", "reason": "Fire alarm."})
    assert reply.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="reopenings"' in page and "Fire alarm." in page and "by instructor-user" in page
    assert Attempt.objects.get(pk=graded.pk).state == Attempt.State.IN_PROGRESS


def test_students_and_other_instructors_cannot_reopen(graded, student, other_instructor) -> None:
    url = f"/teach/attempts/{graded.pk}/"
    assert client_for(student).post(url, {"action": "reopen", "minutes": "15", "reason": "Me"}).status_code in (403, 404)
    assert client_for(other_instructor).post(url, {"action": "reopen", "minutes": "15", "reason": "Me"}).status_code == 404
    assert not AttemptReopening.objects.exists()


def test_the_student_finds_the_reopened_attempt_on_the_closed_quizs_page_and_answers_in_it(graded, instructor, student) -> None:
    attempt_reopen(attempt=graded, by=instructor, reason="Fire alarm.", minutes=20)
    client = client_for(student)
    page = client.get(f"/quizzes/{graded.quiz_id}/").content.decode()
    assert f'href="/attempts/{graded.pk}/"' in page and "Continue attempt 1" in page
    taking = client.get(f"/attempts/{graded.pk}/")
    assert taking.status_code == 200 and 'id="countdown"' in taking.content.decode()
