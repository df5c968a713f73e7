"""Accommodations: one student's own extra time, open/close times and extra attempts for a quiz.

The caller (page or API) has checked that the acting user teaches the quiz's course
(``course_get_for_instructor``); this service checks the student and the dates, saves, and brings
the student's attempt in progress in line, so a grant made during an attempt counts at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from courseware.models import Enrollment
from quizzes.models import Attempt, Quiz, QuizAccommodation
from quizzes.selectors.teach import settings_with

NOT_A_STUDENT = "This person is not a student of the quiz's course."
CLOSES_BEFORE_OPENING = "The close time must come after the open time."
NOTHING_GRANTED = "Grant extra time, other dates or extra attempts (or remove the accommodation)."


@transaction.atomic
def accommodation_save(
    *,
    quiz: Quiz,
    student: Any,
    granted_by: Any,
    extra_time_seconds: int = 0,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    extra_attempts: int = 0,
) -> QuizAccommodation:
    """Create or replace ``student``'s accommodation for ``quiz``."""
    if not Enrollment.objects.filter(course_id=quiz.module.course_id, user=student, role=Enrollment.Role.STUDENT).exists():
        raise ValidationError(NOT_A_STUDENT)
    effective_open, effective_close = opens_at or quiz.opens_at, closes_at or quiz.closes_at
    if effective_open and effective_close and effective_close <= effective_open:
        raise ValidationError(CLOSES_BEFORE_OPENING)
    if not (extra_time_seconds or opens_at or closes_at or extra_attempts):
        raise ValidationError(NOTHING_GRANTED)
    accommodation, _ = QuizAccommodation.objects.update_or_create(
        quiz=quiz,
        user=student,
        defaults={
            "extra_time_seconds": extra_time_seconds,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "extra_attempts": extra_attempts,
            "granted_by": granted_by,
        },
    )
    _attempt_in_progress_follow(quiz=quiz, student=student, accommodation=accommodation)
    return accommodation


@transaction.atomic
def accommodation_delete(*, quiz: Quiz, student: Any) -> None:
    QuizAccommodation.objects.filter(quiz=quiz, user=student).delete()
    _attempt_in_progress_follow(quiz=quiz, student=student, accommodation=None)


def _attempt_in_progress_follow(*, quiz: Quiz, student: Any, accommodation: QuizAccommodation | None) -> None:
    """The deadline of the student's attempt in progress, recomputed from its start with the new
    settings (the deadline is otherwise fixed at start)."""
    attempt = Attempt.objects.select_for_update().filter(quiz=quiz, user=student, state=Attempt.State.IN_PROGRESS).first()
    if attempt is not None:
        attempt.deadline = settings_with(quiz=quiz, accommodation=accommodation).deadline_for(attempt.started_at)
        attempt.save(update_fields=["deadline"])
