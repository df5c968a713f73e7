"""An instructor's view of one attempt: every question with the student's answer, the key and
the marks; a mark overridden with a comment (who and when kept, the student sees it, regrading
keeps it); an attempt in progress closed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import Attempt, Response
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade, question_regrade_request, question_regrade_run
from quizzes.services.overrides import COMMENT_REQUIRED, NOT_GRADED_YET, POINTS_OUT_OF_RANGE, attempt_close, response_override
from tests.conftest import client_for
from tests.quizzes.builders import RIGHT, answers_for, fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def graded(course, student):  # type: ignore[no-untyped-def]
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:2]])
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.score == 2
    return attempt


def test_an_override_changes_the_mark_and_the_score_and_keeps_who_when_and_why(graded, instructor) -> None:
    response_override(
        attempt=graded, position=1, by=instructor, points=Decimal("0.5"), comment="Half: the date is right, the place is not."
    )
    response = Response.objects.get(attempt=graded, position=1)
    assert response.points == Decimal("0.5") and response.overridden_by == instructor and response.overridden_at is not None
    assert Attempt.objects.get(pk=graded.pk).score == Decimal("1.5")


def test_removing_the_override_restores_the_graders_mark(graded, instructor) -> None:
    response_override(attempt=graded, position=1, by=instructor, points=Decimal(0), comment="No.")
    response_override(attempt=graded, position=1, by=instructor, points=None, comment="")
    assert Response.objects.get(attempt=graded, position=1).override_points is None
    assert Attempt.objects.get(pk=graded.pk).score == 2


def test_an_override_needs_points_in_range_a_comment_and_a_graded_attempt(graded, instructor, course, student) -> None:
    with pytest.raises(ValidationError, match=POINTS_OUT_OF_RANGE.format(max=1)):
        response_override(attempt=graded, position=1, by=instructor, points=Decimal(2), comment="Bonus")
    with pytest.raises(ValidationError, match=COMMENT_REQUIRED):
        response_override(attempt=graded, position=1, by=instructor, points=Decimal(0), comment="  ")
    in_progress = attempt_start(quiz=graded.quiz, user=student)
    with pytest.raises(ValidationError, match=NOT_GRADED_YET):
        response_override(attempt=in_progress, position=1, by=instructor, points=Decimal(0), comment="Too early")


def test_a_regrade_keeps_the_instructors_mark(graded, instructor) -> None:
    response_override(attempt=graded, position=1, by=instructor, points=Decimal(0), comment="Copied from a neighbour.")
    question = Response.objects.get(attempt=graded, position=1).question
    log = question_regrade_request(question=question, changed_by=instructor, reason="key_fixed")
    question_regrade_run(regrade_log_id=log.pk)
    assert Response.objects.get(attempt=graded, position=1).points == 0
    assert Attempt.objects.get(pk=graded.pk).score == 1


def test_the_student_sees_the_changed_mark_with_the_comment(graded, instructor, student) -> None:
    response_override(attempt=graded, position=2, by=instructor, points=Decimal(0), comment="Spelling counts in this course.")
    page = client_for(student).get(f"/attempts/{graded.pk}/result/").content.decode()
    assert "Your instructor changed this mark on" in page and "Spelling counts in this course." in page
    assert "Score: 1 / 2" in page


def test_the_instructor_page_shows_answers_keys_and_saves_an_override(graded, instructor) -> None:
    client = client_for(instructor)
    url = f"/teach/attempts/{graded.pk}/"
    page = client.get(url).content.decode()
    assert page.count("Student's answer:") == 2 and page.count("Key:") == 2
    reply = client.post(url, {"position": "1", "points": "0.25", "comment": "Partly.", "action": "override"})
    assert reply.status_code == 302
    assert Response.objects.get(attempt=graded, position=1).points == Decimal("0.25")
    assert "Mark changed by instructor-user" in client.get(url).content.decode()


def test_the_student_page_links_each_attempt_to_the_instructors_view(graded, instructor, course, student) -> None:
    page = client_for(instructor).get(f"/teach/courses/{course.pk}/students/{student.pk}/").content.decode()
    assert f'href="/teach/attempts/{graded.pk}/"' in page


def test_students_and_other_instructors_cannot_open_or_change_an_attempt(graded, student, other_instructor) -> None:
    url = f"/teach/attempts/{graded.pk}/"
    assert client_for(student).get(url).status_code in (403, 404)
    assert client_for(other_instructor).post(url, {"position": "1", "points": "0", "comment": "x"}).status_code == 404
    assert Response.objects.get(attempt=graded, position=1).override_points is None


def test_an_instructor_closes_an_attempt_in_progress(course, student, instructor) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:1]])
    attempt = attempt_start(quiz=quiz, user=student)
    reply = client_for(instructor).post(f"/teach/attempts/{attempt.pk}/", {"action": "close"})
    assert reply.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED
    with pytest.raises(ValidationError):
        attempt_close(attempt=attempt, by=instructor)


def test_the_gradebook_cell_links_to_the_students_latest_attempt(graded, instructor, course, student) -> None:
    second = attempt_start(quiz=graded.quiz, user=student)
    page = client_for(instructor).get(f"/teach/courses/{course.pk}/gradebook/").content.decode()
    assert f'href="/teach/attempts/{second.pk}/"' in page
    assert f'href="/teach/attempts/{graded.pk}/"' not in page
    assert '2 attempts<span class="visually-hidden">: open the latest, number 2, of student-user</span>' in page


def test_item_statistics_link_each_mark_to_the_question_in_the_attempt(graded, instructor) -> None:
    page = client_for(instructor).get(f"/teach/quizzes/{graded.quiz_id}/stats/").content.decode()
    for position in (1, 2):
        assert f'href="/teach/attempts/{graded.pk}/#r-{position}"' in page
