"""Grade push on score commit: the grading service sends ``attempt_scored`` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from quizzes.lti.services import attempts_score_push_enqueue
from quizzes.services.grading import attempt_scored


@receiver(attempt_scored, dispatch_uid="lti-score-push")
def push_scores_to_lms(sender: Any, attempt_ids: list[int], **kwargs: Any) -> None:
    attempts_score_push_enqueue(attempt_ids=attempt_ids)
