"""Flag a question for later: saved on the server, shown in the navigation panel and the submit
page, refused once the attempt is over, never another student's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.errors import NotFound
from quizzes.models import Attempt, Response
from quizzes.services.attempt_rules import ATTEMPT_NOT_IN_PROGRESS, DEADLINE_PASSED, AttemptNotInProgress, DeadlinePassed
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.flags import response_flag
from tests.conftest import client_for
from tests.quizzes.builders import RIGHT, fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def attempt(course, student):  # type: ignore[no-untyped-def]
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:3]])
    return attempt_start(quiz=quiz, user=student)


def _question(attempt: Attempt, position: int) -> int:
    return Response.objects.get(attempt=attempt, position=position).question_id


def test_a_student_flags_a_question_and_clears_the_flag(attempt, student) -> None:
    question_id = _question(attempt, 2)
    assert response_flag(attempt_id=attempt.pk, user=student, question_id=question_id, flagged=True).flagged
    assert list(Response.objects.filter(attempt=attempt, flagged=True).values_list("position", flat=True)) == [2]
    response_flag(attempt_id=attempt.pk, user=student, question_id=question_id, flagged=False)
    assert not Response.objects.filter(attempt=attempt, flagged=True).exists()


def test_another_student_cannot_flag_and_learns_nothing(attempt, other_student) -> None:
    with pytest.raises(NotFound):
        response_flag(attempt_id=attempt.pk, user=other_student, question_id=_question(attempt, 1), flagged=True)
    assert not Response.objects.filter(attempt=attempt, flagged=True).exists()


def test_a_submitted_attempt_refuses_flags(attempt, student) -> None:
    attempt_submit(attempt=attempt, user=student)
    with pytest.raises(AttemptNotInProgress, match=ATTEMPT_NOT_IN_PROGRESS):
        response_flag(attempt_id=attempt.pk, user=student, question_id=_question(attempt, 1), flagged=True)


def test_flags_are_refused_after_the_deadline(attempt, student) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DeadlinePassed, match=DEADLINE_PASSED):
        response_flag(attempt_id=attempt.pk, user=student, question_id=_question(attempt, 1), flagged=True)


def test_the_page_shows_the_flag_in_the_navigation_panel_and_on_the_submit_page(attempt, student) -> None:
    client = client_for(student)
    question_id = _question(attempt, 3)
    reply = client.post(f"/attempts/{attempt.pk}/flag/", {"question": question_id, "flagged": "1"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert reply.status_code == 204 and reply["X-Flagged"] == "1"

    page = client.get(f"/attempts/{attempt.pk}/").content.decode()
    assert 'aria-label="Question 3, not answered, flagged"' in page
    assert 'aria-label="Question 1, not answered"' in page
    assert 'aria-pressed="true"' in page

    submit_page = client.get(f"/attempts/{attempt.pk}/submit/").content.decode()
    assert "You flagged 1 question to come back to" in submit_page
    assert "#q-3" in submit_page


def test_without_javascript_the_flag_button_leads_back_to_the_question(attempt, student) -> None:
    reply = client_for(student).post(f"/attempts/{attempt.pk}/flag/", {"question": _question(attempt, 2), "flagged": "1", "page": "1"})
    assert reply.status_code == 302 and reply["Location"].endswith(f"/attempts/{attempt.pk}/?page=1#q-2")
    assert Response.objects.get(attempt=attempt, position=2).flagged


def test_the_page_explains_a_refused_flag_in_plain_text(attempt, student) -> None:
    attempt_submit(attempt=attempt, user=student)
    reply = client_for(student).post(
        f"/attempts/{attempt.pk}/flag/", {"question": _question(attempt, 1), "flagged": "1"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert reply.status_code == 409 and reply["X-Attempt-Closed"] == "1"
    assert ATTEMPT_NOT_IN_PROGRESS in reply.content.decode()


def test_the_api_flags_and_lists_the_flag_with_the_questions(attempt, student, other_student) -> None:
    api = APIClient()
    api.force_authenticate(student)
    question_id = _question(attempt, 1)
    reply = api.put(f"/api/attempts/{attempt.pk}/responses/{question_id}/flag/", {"flagged": True}, format="json")
    assert reply.status_code == 200, reply.content
    assert reply.json() == {"question_id": question_id, "flagged": True}
    listed = api.get(f"/api/attempts/{attempt.pk}/responses/").json()
    assert [q["flagged"] for q in listed] == [True, False, False]

    outsider = APIClient()
    outsider.force_authenticate(other_student)
    assert outsider.put(f"/api/attempts/{attempt.pk}/responses/{question_id}/flag/", {"flagged": False}, format="json").status_code == 404
