"""An instructor acting on one attempt: override a question's mark (with a comment, kept with
who and when; the student sees it), and close an attempt still in progress.

The caller (page or API) has checked that the acting user teaches the attempt's course
(``attempt_get_for_instructor``); this service checks the attempt's state and the points.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quizzes.models import Attempt, Response
from quizzes.questiontypes import is_manually_marked
from quizzes.services import attempts as attempt_services

NOT_GRADED_YET = "Marks can be changed once the attempt is graded."
POINTS_OUT_OF_RANGE = "Give between 0 and {max} points."
COMMENT_REQUIRED = "Say why the mark changes: the student sees this comment."
NOT_IN_PROGRESS = "Only an attempt in progress can be closed."
ESSAY_MARKED_ELSEWHERE = "Essays are marked in the quiz's essay marking queue."


@transaction.atomic
def response_override(*, attempt: Attempt, position: int, by: Any, points: Decimal | None, comment: str) -> Response:
    """Set (or, with ``points=None``, remove) the instructor's mark for one question, and the
    attempt's score with it. Regrading keeps the override (``grading._grade_responses``)."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.state != Attempt.State.GRADED:
        raise ValidationError(NOT_GRADED_YET)
    response = Response.objects.select_related("question").get(attempt=locked, position=position)
    if is_manually_marked(response.question.type):
        # Essays are marked in the marking queue, whose version check and history this would bypass.
        raise ValidationError(ESSAY_MARKED_ELSEWHERE)
    now = timezone.now()
    if points is None:
        response.override_points, response.override_comment = None, ""
        response.overridden_by, response.overridden_at = by, now
        # Back to the grader's mark, from the fraction it gave.
        response.points = (response.max_points * Decimal(str(response.fraction or 0))).quantize(Decimal("0.001"))
    else:
        if not Decimal(0) <= points <= response.max_points:
            raise ValidationError(POINTS_OUT_OF_RANGE.format(max=response.max_points.normalize()))
        if not comment.strip():
            raise ValidationError(COMMENT_REQUIRED)
        response.override_points, response.override_comment = points, comment.strip()
        response.overridden_by, response.overridden_at = by, now
        response.points = points
    response.save(update_fields=["override_points", "override_comment", "overridden_by", "overridden_at", "points"])
    total = sum((r.points or Decimal(0) for r in Response.objects.filter(attempt=locked).only("points")), Decimal(0))
    Attempt.objects.filter(pk=locked.pk).update(score=total)
    attempt.score = total
    return response


def attempt_close(*, attempt: Attempt, by: Any) -> Attempt:
    """Submit a student's attempt in progress now, with the answers saved so far (and grade it)."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.state != Attempt.State.IN_PROGRESS:
            raise ValidationError(NOT_IN_PROGRESS)
        attempt_services._submit_locked(locked, timezone.now(), auto=True)
    attempt.refresh_from_db()
    return attempt
