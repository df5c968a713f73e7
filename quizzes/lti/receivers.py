"""Grade push on score commit: the grading service sends ``attempt_scored`` inside its transaction.

The enqueueing lives here, at the edge like a view or a task, so that services never import tasks
(tasks import services; the other direction would be a cycle).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from quizzes.lti.selectors import attempts_pushed_to_lms
from quizzes.lti.tasks import lti_score_push_task
from quizzes.services.grading import attempt_scored


@receiver(attempt_scored, dispatch_uid="lti-score-push")
def push_scores_to_lms(sender: Any, attempt_ids: list[int], **kwargs: Any) -> None:
    for attempt_id in attempts_pushed_to_lms(attempt_ids=attempt_ids):
        # robust: a broker that is down must not turn a committed grading into an error page;
        # the score stays in Strategikon's gradebook and the failure is logged.
        transaction.on_commit(lambda attempt_id=attempt_id: lti_score_push_task.delay(attempt_id), robust=True)  # type: ignore[misc]
