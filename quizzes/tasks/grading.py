"""Grading tasks: thin interfaces that take ids, call a service and handle retry.

Transient failures (the database restarting, a dropped connection) are retried with
exponential backoff; anything still missing after the retries is picked up by the sweeper.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from quizzes.services.attempts import attempts_autosubmit_expired
from quizzes.services.grading import RegradeWaiting, attempts_grade_queued, question_regrade_run
from quizzes.services.grading_sweeper import attempts_sweep_ungraded, regrade_logs_resume
from quizzes.services.progress import progress_record_released

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="quizzes.tasks.grade_attempt_task",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def grade_attempt_task(attempt_id: int | None = None) -> int:
    """Grade this attempt (None: none in particular) with a batch of the oldest others waiting;
    return how many were graded (0 when an earlier batch already took this one and nothing is left)."""
    return len(attempts_grade_queued(attempt_id=attempt_id))


# RegradeWaiting: an attempt is still being graded with the old key; try again once it is graded.
# If the retries run out, the sweeper task resumes the regrade (its log has no completed_at).
@shared_task(
    name="quizzes.tasks.regrade_question_task",
    autoretry_for=(*TRANSIENT, RegradeWaiting),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def regrade_question_task(regrade_log_id: int) -> int:
    return question_regrade_run(regrade_log_id=regrade_log_id).attempts_affected


@shared_task(
    name="quizzes.tasks.sweep_ungraded_attempts_task",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def sweep_ungraded_attempts_task() -> dict[str, int]:
    result = attempts_sweep_ungraded()
    resumed = regrade_logs_resume()
    return {"released": len(result.released), "enqueued": len(result.enqueued), "regrades_resumed": len(resumed)}


@shared_task(
    name="quizzes.tasks.autosubmit_expired_attempts_task",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def autosubmit_expired_attempts_task() -> int:
    submitted = len(attempts_autosubmit_expired())
    # A quiz whose close has just passed may now show right/wrong: its graded attempts count in mastery.
    progress_record_released()
    return submitted
