"""What an attempt may do when: the domain errors of the attempt lifecycle (their messages are the
constants below; tests reuse them), and the checks every path runs before writing (who may start a
quiz now, the deadline, the attempt's owner).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from core.compiled import Compiled
from core.errors import NotFound
from courseware.models import Enrollment
from courseware.permissions import RequestUser, is_site_admin
from courseware.selectors import module_is_open
from quizzes.models import Attempt, Quiz
from quizzes.selectors.teach import EffectiveSettings, quiz_settings_for, settings_with

QUIZ_NOT_AVAILABLE = "This quiz is not available to you."
QUIZ_NOT_OPEN_YET = "This quiz is not open yet."
QUIZ_CLOSED = "This quiz is closed."
QUIZ_HAS_NO_QUESTIONS = "This quiz has no questions to draw from yet."
NO_ATTEMPTS_LEFT = "You have used all {allowed} attempts allowed for this quiz."
ATTEMPT_NOT_IN_PROGRESS = "This attempt has been submitted; its answers can no longer be changed."
DEADLINE_PASSED = "The time for this attempt is over; answers can no longer be saved."
DEADLINE_PASSED_SUBMITTED = "The time for this attempt is over; the answers you saved have been submitted."
UNKNOWN_QUESTION = "Question {question_id} is not part of this attempt."
WRONG_SHAPE = "The answer to question {question_id} was not accepted: {detail}."
ATTEMPT_NOT_FOUND = "No such attempt."


class AttemptError(Exception):
    """A request the attempt's rules refuse; ``code`` is stable for APIs, ``message`` for people."""

    code = "attempt_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class QuizNotAvailable(AttemptError):
    code = "quiz_not_available"


class NoAttemptsLeft(AttemptError):
    code = "no_attempts_left"


class AttemptNotInProgress(AttemptError):
    code = "attempt_not_in_progress"


class DeadlinePassed(AttemptError):
    code = "deadline_passed"


class UnknownQuestion(AttemptError):
    code = "unknown_question"


class AnswerRejected(AttemptError):
    code = "wrong_answer_shape"


def attempt_is_expired(*, attempt: Attempt, now: datetime | None = None) -> bool:
    return deadline_passed(attempt.deadline, now or timezone.now())


def deadline_passed(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and now >= deadline


def quiz_deadline_for(*, quiz: Quiz, started_at: datetime, settings: EffectiveSettings | None = None) -> datetime | None:
    """Start + time limit, capped by the close time; None when neither applies. ``settings``: the
    student's effective settings (their accommodation); the quiz's own when omitted."""
    return (settings or settings_with(quiz=quiz, accommodation=None)).deadline_for(started_at)


# Read at every start (core.compiled).
_ENROLMENT_ROLE: Compiled[str] = Compiled(
    lambda course_id, user_id: (
        Enrollment.objects.filter(course_id=course_id, user_id=user_id).order_by("id").values_list("role", flat=True)[:1]
    ),
    course_id=int,
    user_id=int,
)


def quiz_check_can_start(*, quiz: Quiz, user: RequestUser, now: datetime | None = None, settings: EffectiveSettings | None = None) -> None:
    """Raise QuizNotAvailable unless ``user`` may start an attempt of ``quiz`` now.

    ``settings``: the student's effective settings when the caller holds them already; otherwise
    they are read here (one query), so an accommodation's open and close times count everywhere.
    """
    now = now or timezone.now()
    if not user.is_authenticated:
        raise QuizNotAvailable(QUIZ_NOT_AVAILABLE)
    if quiz.is_practice:
        # A practice quiz is personal: only the student it was built for takes it.
        if quiz.owner_id != user.pk:
            raise QuizNotAvailable(QUIZ_NOT_AVAILABLE)
    elif not is_site_admin(user):
        role = _ENROLMENT_ROLE.first(course_id=quiz.module.course_id, user_id=user.pk)
        if role is None:
            raise QuizNotAvailable(QUIZ_NOT_AVAILABLE)
        # Instructors may try out unpublished quizzes of their course; students only see published
        # ones, of published modules that have opened.
        if role == Enrollment.Role.STUDENT and not (quiz.is_published and module_is_open(quiz.module, now)):
            raise QuizNotAvailable(QUIZ_NOT_AVAILABLE)
    effective = settings or quiz_settings_for(quiz=quiz, user=user)
    if effective.opens_at and now < effective.opens_at:
        raise QuizNotAvailable(QUIZ_NOT_OPEN_YET, code="quiz_not_open")
    if effective.closes_at and now >= effective.closes_at:
        raise QuizNotAvailable(QUIZ_CLOSED, code="quiz_closed")


def still_enrolled(prefix: str, user: RequestUser) -> Q:
    """The attempt (at ``prefix``) belongs to a course ``user`` is still enrolled in: a student
    removed from a course can no longer answer there. One enrolment per (course, user), so the
    join never repeats a row."""
    return Q(**{f"{prefix}quiz__module__course__enrollments__user_id": user.pk})


def check_owner(attempt: Attempt, user: RequestUser) -> None:
    # Not-found rather than forbidden, so that ids of other students' attempts leak nothing.
    if not user.is_authenticated or attempt.user_id != user.pk:
        raise NotFound(ATTEMPT_NOT_FOUND)
