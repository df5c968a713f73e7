"""Reads about how far behind the asynchronous work is: one rule for "late", used by the
student's result page and by /healthz.

Grading normally takes well under a second. A submission still ungraded after
``GRADING_SWEEP_AFTER_SECONDS`` has already missed its first chance (the sweeper is about to
enqueue it again), so from then on it is late: the student is told so, and /healthz reports
the backlog, which is what a worker that never consumes the grading queue looks like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone

from quizzes.models import Attempt

WAITING_FOR_GRADING = (Attempt.State.SUBMITTED, Attempt.State.GRADING)


def late_after() -> timedelta:
    return timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS)


def attempt_grading_is_late(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Whether this submitted attempt has waited for its grade longer than grading ever should."""
    if attempt.state not in WAITING_FOR_GRADING or attempt.submitted_at is None:
        return False
    return (now or timezone.now()) - attempt.submitted_at > late_after()


@dataclass(frozen=True)
class GradingBacklog:
    """Submitted attempts waiting longer than ``late_after()`` for a grade, and the oldest's age in seconds."""

    late: int
    oldest_seconds: int | None


def grading_backlog(*, now: datetime | None = None) -> GradingBacklog:
    """One aggregate query over index ``attempt_state_submitted``.

    Only grading: a question generation whose publish failed stays queued until someone runs
    ``generate_questions`` (nothing retries it), and the default queue is watched by /healthz's
    queue check instead.
    """
    now = now or timezone.now()
    row = Attempt.objects.filter(state__in=WAITING_FOR_GRADING, submitted_at__lt=now - late_after()).aggregate(
        late=Count("id"), oldest=Min("submitted_at")
    )
    oldest = row["oldest"]
    return GradingBacklog(late=row["late"], oldest_seconds=None if oldest is None else int((now - oldest).total_seconds()))
