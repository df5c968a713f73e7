"""Progress that waited: graded attempts whose review policy hid right/wrong until now (the quiz
closed, or its policy changed) count towards mastery (``quizzes.services.mastery``) once it may.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quizzes.models import Attempt, Response
from quizzes.review_policy import PROGRESS_LEVEL, ReviewPolicy
from quizzes.selectors.keys import effective_keys
from quizzes.services.bulk import rows_update
from quizzes.services.mastery import mastery_record


def progress_record_released(*, quiz_ids: Sequence[int] | None = None, now: datetime | None = None, batch_size: int = 200) -> int:
    """Count the graded attempts that were waiting for their quiz's review policy to show
    right/wrong and now may (the quiz closed, or its policy changed); return how many.

    Called by the service that changes a quiz's close or review settings and by the periodic
    auto-submitter (a close passes without anyone changing anything). Oldest first, in a bounded
    batch; each attempt counts exactly once (its row is locked and re-checked).
    """
    now = now or timezone.now()
    waiting = Attempt.objects.filter(state=Attempt.State.GRADED, progress_recorded=False, quiz__is_practice=False).filter(
        Q(quiz__review_after_submit__gte=PROGRESS_LEVEL) | Q(quiz__closes_at__lte=now, quiz__review_after_close__gte=PROGRESS_LEVEL)
    )
    if quiz_ids is not None:
        waiting = waiting.filter(quiz_id__in=list(quiz_ids))
    with transaction.atomic():
        attempts = list(waiting.select_for_update(of=("self",)).select_related("quiz").order_by("submitted_at", "id")[:batch_size])
        policy = ReviewPolicy(user=None, now=now).prefetch(attempts)
        released = [a for a in attempts if policy.feeds_progress(a)]
        if not released:
            return 0
        responses = list(Response.objects.filter(attempt__in=released).select_related("question").order_by("attempt_id", "position"))
        by_attempt: dict[int, list[Response]] = {a.pk: [] for a in released}
        for response in responses:
            by_attempt[response.attempt_id].append(response)
        keys = effective_keys(questions=[r.question for r in responses])
        mastery_record([(a, by_attempt[a.pk]) for a in released], keys, now)
        for attempt in released:
            attempt.progress_recorded = True
        rows_update(released, ["progress_recorded"])
    return len(released)
