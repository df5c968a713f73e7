"""Marking essays: an instructor's score and comment (optionally from the question's rubric), its
release to the student, and the attempt's grade once nothing waits any more.

An essay's mark is stored like the teaching workflow's mark override (``Response.override_*``:
who, when, the comment the student reads; regrading keeps it), so the result page, the
instructor's attempt view and regrading need nothing new. What marking adds:

- never losing work: the marker sends the ``mark_version`` they saw; a mark given meanwhile by
  someone else makes theirs fail with ``MarkConflict`` (who marked it, and to what) instead of
  silently replacing it. The compare-and-set is a single UPDATE, so it holds on every database;
- history: every mark is a new ``MarkHistory`` row, nothing is rewritten;
- release: the student sees a mark once it is released; the attempt's ``marking_pending`` flag
  stays set until every essay of it is marked and released.

The caller has fetched the response with ``quizzes.selectors.marking.essay_response_get_for_marker``
(the permission check); this service checks the attempt's state, the points and the version.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courseware.permissions import RequestUser, signed_in
from quizzes.models import Attempt, MarkHistory, Quiz, Response
from quizzes.questiontypes import is_manually_marked, rubric_max_points, rubric_points
from quizzes.selectors.keys import effective_keys
from quizzes.services.grading import attempt_scored, marking_pending

NOT_GRADED_YET = "This attempt is still being graded; essays can be marked once the automatic part is done."
NOT_AN_ESSAY = "Only essays are marked here."
QUESTION_WITHDRAWN = "This question was withdrawn: it no longer counts, so it needs no mark."
POINTS_REQUIRED = "Give the points, between 0 and {max}."
POINTS_OUT_OF_RANGE = "Give between 0 and {max} points."
CONFLICT = (
    "Not saved: {who} marked this response ({points} points) while you were marking it. "
    "Their mark is shown below; change it if you disagree."
)
CONFLICT_UNKNOWN = "Not saved: this response was marked by someone else while you were marking it. Reload to see their mark."

POINTS_PLACES = Decimal("0.001")


class MarkConflict(ValidationError):
    """Someone else marked the response since the marker loaded it: nothing was saved."""


@dataclass(frozen=True)
class MarkInput:
    points: Decimal | None
    comment: str
    rubric: dict[str, str]
    version: int
    release: bool


def _points_from(response: Response, key_answer: dict[str, Any], given: MarkInput) -> tuple[Decimal, dict[str, str]]:
    """The points of a mark: from the rubric's levels when the question has a rubric (scaled to the
    question's points, as Moodle's rubrics are), else as given."""
    rubric = key_answer.get("rubric") or []
    maximum = response.max_points
    if rubric:
        try:
            earned = rubric_points(rubric, given.rubric)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        best = rubric_max_points(rubric)
        points = (maximum * Decimal(str(earned)) / Decimal(str(best))) if best else Decimal(0)
        chosen = {c["id"]: given.rubric[c["id"]] for c in rubric}
        return points.quantize(POINTS_PLACES), chosen
    if given.points is None:
        raise ValidationError(POINTS_REQUIRED.format(max=maximum.normalize()))
    if not Decimal(0) <= given.points <= maximum:
        raise ValidationError(POINTS_OUT_OF_RANGE.format(max=maximum.normalize()))
    return given.points.quantize(POINTS_PLACES), {}


def _conflict(response_id: int) -> MarkConflict:
    latest = MarkHistory.objects.filter(response_id=response_id).select_related("marked_by").order_by("-version").first()
    if latest is None:
        return MarkConflict(CONFLICT_UNKNOWN)
    who = latest.marked_by.get_full_name() or latest.marked_by.username if latest.marked_by else "another marker"
    return MarkConflict(CONFLICT.format(who=who, points=latest.points.normalize()))


def _attempt_refresh(attempt: Attempt) -> None:
    """The attempt's score and ``marking_pending`` from its responses (the attempt is locked).

    A grade made final (nothing waits any more) counts as a grading completed: ``grade_count``
    moves, so the LMS grade push, which skips grades it already sent, sends this one."""
    responses = list(Response.objects.filter(attempt=attempt).select_related("question"))
    keys = effective_keys(questions=[r.question for r in responses])
    attempt.score = sum((r.points or Decimal(0) for r in responses), Decimal(0))
    attempt.marking_pending = marking_pending(responses, keys)
    if not attempt.marking_pending:
        attempt.grade_count += 1
        attempt.graded_at = timezone.now()
    attempt.save(update_fields=["score", "marking_pending", "grade_count", "graded_at"])


@transaction.atomic
def essay_mark(*, response: Response, by: RequestUser, mark: MarkInput) -> Response:
    """Give (or change) the mark of one essay response, if nobody else marked it since the
    marker saw version ``mark.version``; recompute the attempt's score and whether it still waits."""
    attempt = Attempt.objects.select_for_update().get(pk=response.attempt_id)
    if attempt.state != Attempt.State.GRADED:
        raise ValidationError(NOT_GRADED_YET)
    key = effective_keys(questions=[response.question])[response.question_id]
    if not is_manually_marked(key.type):
        raise ValidationError(NOT_AN_ESSAY)
    if key.withdrawn:
        raise ValidationError(QUESTION_WITHDRAWN)
    current = Response.objects.only("max_points").get(pk=response.pk)
    response.max_points = current.max_points
    points, chosen = _points_from(response, key.answer, mark)
    now = timezone.now()
    comment = mark.comment.strip()
    # Compare-and-set: the update matches only if nobody marked since the marker loaded the page.
    saved = Response.objects.filter(pk=response.pk, mark_version=mark.version).update(
        override_points=points,
        override_comment=comment,
        overridden_by=by,
        overridden_at=now,
        points=points,
        fraction=float(points / current.max_points) if current.max_points else None,
        mark_version=mark.version + 1,
        mark_released=mark.release,
    )
    if not saved:
        raise _conflict(response.pk)
    MarkHistory.objects.create(
        response_id=response.pk,
        version=mark.version + 1,
        points=points,
        comment=comment,
        rubric=chosen,
        released=mark.release,
        marked_by=signed_in(by),
        marked_at=now,
    )
    _attempt_refresh(attempt)
    if not attempt.marking_pending:
        # The grade is final now: receivers that report scores (the LTI grade push) report it.
        attempt_scored.send(sender=Attempt, attempt_ids=[attempt.pk])
    response.refresh_from_db()
    return response


@transaction.atomic
def essay_marks_release(*, quiz: Quiz, by: RequestUser) -> int:
    """Release every mark of ``quiz``'s essays not yet released; return how many were."""
    attempt_ids = sorted(
        set(
            Response.objects.filter(
                attempt__quiz=quiz, attempt__state=Attempt.State.GRADED, override_points__isnull=False, mark_released=False
            ).values_list("attempt_id", flat=True)
        )
    )
    if not attempt_ids:
        return 0
    attempts = list(Attempt.objects.select_for_update().filter(pk__in=attempt_ids).order_by("pk"))
    released = 0
    finished = []
    for attempt in attempts:
        responses = Response.objects.filter(attempt=attempt, override_points__isnull=False, mark_released=False)
        essay_ids = [r.pk for r in responses.select_related("question") if is_manually_marked(r.question.type)]
        released += Response.objects.filter(pk__in=essay_ids).update(mark_released=True)
        _attempt_refresh(attempt)
        if not attempt.marking_pending:
            finished.append(attempt.pk)
    if finished:
        attempt_scored.send(sender=Attempt, attempt_ids=finished)
    return released
