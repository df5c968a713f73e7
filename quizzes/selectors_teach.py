"""Reads of the teaching workflow (issue 17): a student's effective quiz settings, and an
instructor's permission-checked fetch of a student's attempt."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from courseware.selectors import course_get_for_instructor
from quizzes.models import Attempt, AttemptReopening, Quiz, QuizAccommodation
from quizzes.selectors_attempts import attempt_get_for_user


@dataclass(frozen=True)
class EffectiveSettings:
    """The quiz's open/close times, time limit and attempt limit as they apply to one student."""

    opens_at: datetime | None
    closes_at: datetime | None
    time_limit_seconds: int | None
    attempts_allowed: int | None
    accommodation: QuizAccommodation | None = None

    def deadline_for(self, started_at: datetime) -> datetime | None:
        """Start + time limit, capped by the close time; None when neither applies."""
        candidates = []
        if self.time_limit_seconds:
            # A limit beyond the calendar (stored before quiz_validate_settings capped it at 7 days)
            # ends after any close time: it limits nothing, and must not break the start.
            with contextlib.suppress(OverflowError):
                candidates.append(started_at + timedelta(seconds=self.time_limit_seconds))
        if self.closes_at:
            candidates.append(self.closes_at)
        return min(candidates) if candidates else None


def settings_with(*, quiz: Quiz, accommodation: QuizAccommodation | None) -> EffectiveSettings:
    """``quiz``'s settings with ``accommodation`` folded in (no query)."""
    if accommodation is None:
        return EffectiveSettings(quiz.opens_at, quiz.closes_at, quiz.time_limit_seconds, quiz.attempts_allowed)
    limit = quiz.time_limit_seconds
    if limit:
        limit += accommodation.extra_time_seconds
    allowed = quiz.attempts_allowed
    if allowed is not None:
        allowed += accommodation.extra_attempts
    return EffectiveSettings(
        opens_at=accommodation.opens_at or quiz.opens_at,
        closes_at=accommodation.closes_at or quiz.closes_at,
        time_limit_seconds=limit,
        attempts_allowed=allowed,
        accommodation=accommodation,
    )


def quiz_settings_for(*, quiz: Quiz, user: Any) -> EffectiveSettings:
    """The one place a student's effective settings are computed (one query, none for anonymous users)."""
    accommodation = None
    if getattr(user, "is_authenticated", False):
        accommodation = QuizAccommodation.objects.filter(quiz=quiz, user_id=user.pk).first()
    return settings_with(quiz=quiz, accommodation=accommodation)


def attempt_get_for_instructor(*, user: Any, attempt_id: int) -> Attempt:
    """A student's attempt for an instructor of its course (or an admin); Http404 for anyone else,
    the attempt's own student included (they act on it through the student pages)."""
    attempt = attempt_get_for_user(user=user, attempt_id=attempt_id)
    course_get_for_instructor(user=user, course_id=attempt.quiz.module.course_id)
    return attempt


def attempt_reopenings(*, attempt: Attempt) -> list[AttemptReopening]:
    """The attempt's reopenings, newest first, with who reopened it (for the instructor's view)."""
    return list(AttemptReopening.objects.filter(attempt=attempt).select_related("reopened_by").order_by("-reopened_at"))
