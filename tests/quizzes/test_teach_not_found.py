"""The teaching reads (quizzes.selectors.teach) answer "not yours or no such thing" with
core.errors.NotFound, as every other selector does; the pages turn it into a 404 (config.middleware)."""

from __future__ import annotations

import pytest

from core.errors import NotFound
from quizzes.models import Question, QuizQuestion, RegradeLog
from quizzes.selectors.teach import attempt_get_for_instructor, regrade_log_for_instructor
from quizzes.services.attempts import attempt_start
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(course, instructor) -> Question:  # type: ignore[no-untyped-def]
    return QuestionFactory(bank=QuestionBankFactory(course=course, owner=instructor))


@pytest.fixture
def regrade(question, instructor) -> RegradeLog:  # type: ignore[no-untyped-def]
    return RegradeLog.objects.create(question=question, changed_by=instructor, reason="key")


@pytest.fixture
def attempt(course, student, question):  # type: ignore[no-untyped-def]
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    return attempt_start(quiz=quiz, user=student)


def test_the_course_instructor_reads_the_regrade_of_their_bank(regrade, instructor) -> None:
    log, _ = regrade_log_for_instructor(user=instructor, log_id=regrade.pk)
    assert log == regrade


def test_a_regrade_that_does_not_exist_is_not_found(regrade, instructor) -> None:
    with pytest.raises(NotFound):
        regrade_log_for_instructor(user=instructor, log_id=regrade.pk + 1000)


def test_another_courses_instructor_does_not_find_the_regrade(regrade, other_instructor, other_course) -> None:
    with pytest.raises(NotFound):
        regrade_log_for_instructor(user=other_instructor, log_id=regrade.pk)


def test_the_regrade_report_page_is_404_for_no_such_regrade_and_for_another_courses_instructor(
    regrade, instructor, other_instructor, other_course
) -> None:
    assert client_for(instructor).get(f"/teach/regrades/{regrade.pk}/").status_code == 200
    assert client_for(instructor).get(f"/teach/regrades/{regrade.pk + 1000}/").status_code == 404
    assert client_for(other_instructor).get(f"/teach/regrades/{regrade.pk}/").status_code == 404


def test_another_courses_instructor_does_not_find_the_attempt(attempt, other_instructor, other_course) -> None:
    with pytest.raises(NotFound):
        attempt_get_for_instructor(user=other_instructor, attempt_id=attempt.pk)


def test_the_attempt_page_is_404_for_another_courses_instructor_and_for_no_such_attempt(
    attempt, instructor, other_instructor, other_course
) -> None:
    assert client_for(instructor).get(f"/teach/attempts/{attempt.pk}/").status_code == 200
    assert client_for(other_instructor).get(f"/teach/attempts/{attempt.pk}/").status_code == 404
    assert client_for(instructor).get(f"/teach/attempts/{attempt.pk + 1000}/").status_code == 404
