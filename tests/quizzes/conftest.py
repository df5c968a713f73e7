"""Fixtures shared by the quiz tests that speak about the same timed quiz (accommodations, a
student's own and their groups'). A test module's own ``quiz`` or ``no_broker`` fixture takes
precedence over these, as pytest's fixture lookup goes from the module outwards."""

from __future__ import annotations

import datetime as dt

import pytest

from courseware.models import Course, Enrollment, User
from quizzes.models import Quiz
from tests.factories import EnrollmentFactory
from tests.quizzes.builders import RIGHT, fixed_quiz, question_of

# The quiz's clock: tests travel around it with time_machine.
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Submitting queues grading on Celery: these tests grade by hand, or not at all."""
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def quiz(course: Course, other_student: User) -> Quiz:
    """Two questions, 10 minutes, one attempt, closing an hour after T0; ``student`` and
    ``other_student`` both take ``course``."""
    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:2]])
    quiz.time_limit_seconds, quiz.closes_at, quiz.attempts_allowed = 600, T0 + dt.timedelta(hours=1), 1
    quiz.save()
    return quiz
