"""The sweeper: what beat runs every few seconds so that no submission or regrade is lost.

Submitted attempts whose grading message was lost (broker down at submit time) are enqueued
again; claims of a worker killed mid-grading are handed back (GRADING -> SUBMITTED) once the
task's hard time limit has certainly passed; regrades whose message was lost are enqueued again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from quizzes.enqueue import regrade_question_task
from quizzes.models import Attempt, RegradeLog
from quizzes.services import grading

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    released: list[int]
    enqueued: list[int]


def attempts_sweep_ungraded(
    *, older_than: timedelta | None = None, stuck_after: timedelta | None = None, batch_size: int = 500
) -> SweepResult:
    """Re-enqueue submitted attempts not graded after ``older_than`` and release claims older
    than ``stuck_after`` (default: the task's hard time limit plus the sweep delay, after which
    the claiming worker is certainly dead or killed).

    Duplicates in the queue are harmless: the claim lets exactly one of them grade.
    """
    now = timezone.now()
    older_than = older_than if older_than is not None else timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS)
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + settings.GRADING_SWEEP_AFTER_SECONDS)
    released = []
    stuck = Attempt.objects.filter(state=Attempt.State.GRADING, grading_started_at__lte=now - stuck_after).values_list(
        "id", "grading_started_at"
    )
    for attempt_id, started in stuck[:batch_size]:
        if Attempt.objects.filter(id=attempt_id, state=Attempt.State.GRADING, grading_started_at=started).update(
            state=Attempt.State.SUBMITTED
        ):
            released.append(attempt_id)
    waiting = list(
        Attempt.objects.filter(state=Attempt.State.SUBMITTED, submitted_at__lte=now - older_than)
        .order_by("submitted_at")
        .values_list("id", flat=True)[:batch_size]
    )
    to_enqueue = sorted(set(waiting) | set(released))
    # Through the grading module, so the one enqueue the submit path uses (and tests replace) is this one too.
    enqueued = [attempt_id for attempt_id in to_enqueue if grading.attempt_grading_enqueue(attempt_id=attempt_id)]
    if released or enqueued:
        logger.info("sweeper: released %s stuck claims, enqueued %s attempts", len(released), len(enqueued))
    return SweepResult(released=released, enqueued=enqueued)


def regrade_logs_resume() -> list[int]:
    """Enqueue regrades that never completed (their message was lost); used by the sweeper task."""
    cutoff = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + settings.GRADING_SWEEP_AFTER_SECONDS)
    ids = list(RegradeLog.objects.filter(completed_at__isnull=True, created_at__lte=cutoff).values_list("id", flat=True)[:50])
    for log_id in ids:
        try:
            regrade_question_task.apply_async(args=(log_id,), retry=False)
        except Exception:
            logger.warning("could not enqueue regrade %s", log_id, exc_info=True)
            break
    return ids
