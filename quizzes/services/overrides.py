"""An instructor acting on one attempt: override a question's mark (with a comment, kept with
who and when; the student sees it), close an attempt still in progress, or reopen a submitted
one (with a reason, logged).

The caller (page or API) has checked that the acting user teaches the attempt's course
(``attempt_get_for_instructor``); this service checks the attempt's state and the points.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courseware.permissions import RequestUser, signed_in
from quizzes.models import Attempt, AttemptReopening, Response
from quizzes.questiontypes import is_manually_marked
from quizzes.services import attempts as attempt_services

NOT_GRADED_YET = "Marks can be changed once the attempt is graded."
POINTS_OUT_OF_RANGE = "Give between 0 and {max} points."
COMMENT_REQUIRED = "Say why the mark changes: the student sees this comment."
NOT_IN_PROGRESS = "Only an attempt in progress can be closed."
ESSAY_MARKED_ELSEWHERE = "Essays are marked in the quiz's essay marking queue."
REOPEN_NOT_SUBMITTED = "Only a submitted or graded attempt can be reopened."
REOPEN_BEING_GRADED = "This attempt is being graded right now; reopen it in a moment."
REOPEN_REASON_REQUIRED = "Say why the attempt is reopened: it is kept in the attempt's log."
REOPEN_MINUTES = "Give the student between 1 and {max} minutes."
REOPEN_OTHER_IN_PROGRESS = "This student has another attempt at this quiz in progress; close it first."
REOPEN_MAX_MINUTES = 7 * 24 * 60


@transaction.atomic
def response_override(*, attempt: Attempt, position: int, by: RequestUser, points: Decimal | None, comment: str) -> Response:
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
        response.overridden_by, response.overridden_at = signed_in(by), now
        # Back to the grader's mark, from the fraction it gave.
        response.points = (response.max_points * Decimal(str(response.fraction or 0))).quantize(Decimal("0.001"))
    else:
        if not Decimal(0) <= points <= response.max_points:
            raise ValidationError(POINTS_OUT_OF_RANGE.format(max=response.max_points.normalize()))
        if not comment.strip():
            raise ValidationError(COMMENT_REQUIRED)
        response.override_points, response.override_comment = points, comment.strip()
        response.overridden_by, response.overridden_at = signed_in(by), now
        response.points = points
    response.save(update_fields=["override_points", "override_comment", "overridden_by", "overridden_at", "points"])
    total = sum((r.points or Decimal(0) for r in Response.objects.filter(attempt=locked).only("points")), Decimal(0))
    Attempt.objects.filter(pk=locked.pk).update(score=total)
    attempt.score = total
    return response


def attempt_close(*, attempt: Attempt, by: RequestUser) -> Attempt:
    """Submit a student's attempt in progress now, with the answers saved so far (and grade it)."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.state != Attempt.State.IN_PROGRESS:
            raise ValidationError(NOT_IN_PROGRESS)
        attempt_services._submit_locked(locked, timezone.now(), auto=True)
    attempt.refresh_from_db()
    return attempt


def attempt_reopen(*, attempt: Attempt, by: RequestUser, reason: str, minutes: int) -> Attempt:
    """Put a submitted or graded attempt back in progress for ``minutes`` from now, with its
    saved answers, and log who did it, when and why.

    The new deadline is the attempt's own: the quiz's close (or the student's accommodated
    close) no longer cuts it short, since an instructor reopening after the close means it
    (``attempts.reopened_attempts``). Its score is withdrawn until it is submitted and graded
    again; overridden marks stay (grading keeps them), and mastery, already counted from this
    attempt, is not counted a second time (``progress_recorded`` stays set).
    """
    if not reason.strip():
        raise ValidationError(REOPEN_REASON_REQUIRED)
    if not 1 <= minutes <= REOPEN_MAX_MINUTES:
        raise ValidationError(REOPEN_MINUTES.format(max=REOPEN_MAX_MINUTES))
    now = timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.state == Attempt.State.GRADING:
            raise ValidationError(REOPEN_BEING_GRADED)
        if locked.state not in (Attempt.State.SUBMITTED, Attempt.State.GRADED):
            raise ValidationError(REOPEN_NOT_SUBMITTED)
        if Attempt.objects.filter(quiz_id=locked.quiz_id, user_id=locked.user_id, state=Attempt.State.IN_PROGRESS).exists():
            raise ValidationError(REOPEN_OTHER_IN_PROGRESS)
        deadline = now + timedelta(minutes=minutes)
        AttemptReopening.objects.create(
            attempt=locked,
            reopened_by=signed_in(by),
            reopened_at=now,
            reason=reason.strip(),
            previous_state=locked.state,
            previous_score=locked.score,
            previous_submitted_at=locked.submitted_at,
            deadline=deadline,
        )
        # A submitted attempt's grading message finds it in progress and leaves it alone (the
        # grader claims only SUBMITTED attempts); the next submit enqueues grading again.
        Attempt.objects.filter(pk=locked.pk).update(
            state=Attempt.State.IN_PROGRESS,
            deadline=deadline,
            submitted_at=None,
            auto_submitted=False,
            grading_started_at=None,
            graded_at=None,
            score=None,
        )
    attempt.refresh_from_db()
    return attempt
