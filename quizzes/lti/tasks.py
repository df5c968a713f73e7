from __future__ import annotations

import requests
from celery import shared_task
from pylti1p3.exception import LtiException, LtiServiceException

from quizzes.lti.selectors import score_pushes_to_retry
from quizzes.lti.services import attempt_score_push, used_nonces_purge


@shared_task(
    bind=True,
    autoretry_for=(LtiException, LtiServiceException, requests.RequestException),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=8,
    acks_late=True,
)
def lti_score_push_task(self, attempt_id: int) -> int:  # type: ignore[no-untyped-def]
    """Thin interface: the service is idempotent, so a retry or a duplicate message sends nothing twice."""
    return len(attempt_score_push(attempt_id=attempt_id))


@shared_task(acks_late=True)
def lti_retry_failed_pushes_task() -> int:
    """Beat: a push that used up its retries (an LMS down for hours) is tried again later, so the LMS
    gradebook catches up without anyone pressing a button. Idempotent like the push itself."""
    attempt_ids = score_pushes_to_retry()
    for attempt_id in attempt_ids:
        lti_score_push_task.delay(attempt_id)
    return len(attempt_ids)


@shared_task(acks_late=True)
def lti_purge_used_nonces_task() -> int:
    """Beat: nonces are kept only while the id_tokens that carry them are still valid."""
    return used_nonces_purge()
