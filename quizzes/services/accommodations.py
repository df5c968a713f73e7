"""Accommodations: a student's own, or a course group's, extra time, open/close times and extra
attempts for a quiz (Moodle's user and group overrides).

The caller (page or API) has checked that the acting user teaches the quiz's course
(``course_get_for_instructor``); this service checks the student or group and the dates, saves,
and brings the attempts in progress it affects in line, so a grant made during an attempt counts
at once. How a student's own and their groups' accommodations combine:
``quizzes.selectors.teach.accommodation_merge``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from courseware.models import CourseGroup, Enrollment, User
from courseware.permissions import RequestUser, signed_in
from quizzes.models import Attempt, AttemptReopening, Quiz, QuizAccommodation, QuizGroupAccommodation
from quizzes.selectors.teach import quiz_settings_for

NOT_A_STUDENT = "This person is not a student of the quiz's course."
CLOSES_BEFORE_OPENING = "The close time must come after the open time."
NOTHING_GRANTED = "Grant extra time, other dates or extra attempts (or remove the accommodation)."
NOT_A_GROUP_OF_THE_COURSE = "This group belongs to another course."


@transaction.atomic
def accommodation_save(
    *,
    quiz: Quiz,
    student: User,
    granted_by: RequestUser,
    extra_time_seconds: int = 0,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    extra_attempts: int = 0,
) -> QuizAccommodation:
    """Create or replace ``student``'s accommodation for ``quiz``."""
    if not Enrollment.objects.filter(course_id=quiz.module.course_id, user=student, role=Enrollment.Role.STUDENT).exists():
        raise ValidationError(NOT_A_STUDENT)
    accommodation = _terms_save(
        QuizAccommodation,
        lookup={"quiz": quiz, "user": student},
        quiz=quiz,
        granted_by=granted_by,
        extra_time_seconds=extra_time_seconds,
        opens_at=opens_at,
        closes_at=closes_at,
        extra_attempts=extra_attempts,
    )
    attempts_in_progress_follow(quiz_ids=[quiz.pk], user_ids=[student.pk])
    return accommodation


@transaction.atomic
def accommodation_delete(*, quiz: Quiz, student: User) -> None:
    QuizAccommodation.objects.filter(quiz=quiz, user=student).delete()
    attempts_in_progress_follow(quiz_ids=[quiz.pk], user_ids=[student.pk])


@transaction.atomic
def group_accommodation_save(
    *,
    quiz: Quiz,
    group: CourseGroup,
    granted_by: RequestUser,
    extra_time_seconds: int = 0,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    extra_attempts: int = 0,
) -> QuizGroupAccommodation:
    """Create or replace ``group``'s accommodation for ``quiz``; its members' attempts in progress follow."""
    if group.course_id != quiz.module.course_id:
        raise ValidationError(NOT_A_GROUP_OF_THE_COURSE)
    accommodation = _terms_save(
        QuizGroupAccommodation,
        lookup={"quiz": quiz, "group": group},
        quiz=quiz,
        granted_by=granted_by,
        extra_time_seconds=extra_time_seconds,
        opens_at=opens_at,
        closes_at=closes_at,
        extra_attempts=extra_attempts,
    )
    attempts_in_progress_follow(quiz_ids=[quiz.pk], user_ids=group.members.values_list("pk", flat=True))
    return accommodation


@transaction.atomic
def group_accommodation_delete(*, quiz: Quiz, group: CourseGroup) -> None:
    QuizGroupAccommodation.objects.filter(quiz=quiz, group=group).delete()
    attempts_in_progress_follow(quiz_ids=[quiz.pk], user_ids=group.members.values_list("pk", flat=True))


# A student's own accommodation or a group's: both are AccommodationTerms and saved the same way.
_Accommodation = TypeVar("_Accommodation", QuizAccommodation, QuizGroupAccommodation)


def _terms_save(
    model: type[_Accommodation],
    *,
    lookup: dict[str, Any],
    quiz: Quiz,
    granted_by: RequestUser,
    extra_time_seconds: int,
    opens_at: datetime | None,
    closes_at: datetime | None,
    extra_attempts: int,
) -> _Accommodation:
    """Check the terms, then create or replace the accommodation ``lookup`` finds with them (and
    who granted them)."""
    _terms_check(quiz=quiz, extra_time_seconds=extra_time_seconds, opens_at=opens_at, closes_at=closes_at, extra_attempts=extra_attempts)
    accommodation, _ = model.objects.update_or_create(
        **lookup,
        defaults={
            "extra_time_seconds": extra_time_seconds,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "extra_attempts": extra_attempts,
            "granted_by": signed_in(granted_by),
        },
    )
    return accommodation


def _terms_check(
    *, quiz: Quiz, extra_time_seconds: int, opens_at: datetime | None, closes_at: datetime | None, extra_attempts: int
) -> None:
    effective_open, effective_close = opens_at or quiz.opens_at, closes_at or quiz.closes_at
    if effective_open and effective_close and effective_close <= effective_open:
        raise ValidationError(CLOSES_BEFORE_OPENING)
    if not (extra_time_seconds or opens_at or closes_at or extra_attempts):
        raise ValidationError(NOTHING_GRANTED)


def attempts_in_progress_follow(*, user_ids: Iterable[int], quiz_ids: Iterable[int] | None = None, course_id: int | None = None) -> int:
    """Recompute, from their start, the deadlines of the given students' attempts in progress (at
    ``quiz_ids``, or at every quiz of ``course_id``) with their effective settings now: a deadline
    is otherwise fixed at start. An attempt an instructor reopened keeps the deadline they gave
    it. Returns how many attempts were looked at. The caller holds a transaction."""
    attempts = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "user")
        .filter(user_id__in=list(user_ids), state=Attempt.State.IN_PROGRESS)
    )
    if quiz_ids is not None:
        attempts = attempts.filter(quiz_id__in=list(quiz_ids))
    if course_id is not None:
        attempts = attempts.filter(quiz__module__course_id=course_id)
    attempts = attempts.exclude(Exists(AttemptReopening.objects.filter(attempt=OuterRef("pk"))))
    count = 0
    for attempt in attempts:
        deadline = quiz_settings_for(quiz=attempt.quiz, user=attempt.user).deadline_for(attempt.started_at)
        if deadline != attempt.deadline:
            attempt.deadline = deadline
            attempt.save(update_fields=["deadline"])
        count += 1
    return count
