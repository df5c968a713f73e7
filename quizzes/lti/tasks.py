from __future__ import annotations

import requests
from celery import shared_task
from pylti1p3.exception import LtiException, LtiServiceException

from quizzes.lti.services import attempt_score_push


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
