"""Reads of essay marking: a quiz's marking queue and the permission-checked fetch of one essay
response for its marker (an instructor of the quiz's course, or a site admin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.errors import NotFound
from courseware.models import Enrollment
from courseware.permissions import RequestUser, is_site_admin, signed_in
from quizzes.models import Attempt, MarkHistory, QuestionType, Quiz, Response, ResponseFile

RESPONSE_NOT_FOUND = "No such essay response."


def _marker_scope(user: RequestUser) -> Q:
    if is_site_admin(user):
        return Q()
    taught = Enrollment.objects.filter(user=signed_in(user), role=Enrollment.Role.INSTRUCTOR).values("course_id")
    return Q(attempt__quiz__module__course_id__in=taught, attempt__quiz__is_practice=False)


def responses_markable_by(*, user: RequestUser) -> Q:
    """The responses ``user`` may mark (a filter on Response): those of the courses they teach,
    all for a site admin. For the fetches of what belongs to an essay (its attached file)."""
    return _marker_scope(user)


def essay_response_get_for_marker(*, user: RequestUser, response_id: int) -> Response:
    """An essay response of a graded attempt that ``user`` may mark; NotFound for anything else."""
    if not user.is_authenticated:
        raise NotFound(RESPONSE_NOT_FOUND)
    qs = Response.objects.select_related(
        "question", "attempt", "attempt__user", "attempt__quiz", "attempt__quiz__module", "overridden_by", "attachment"
    )
    try:
        return qs.get(_marker_scope(user), pk=response_id, question__type=QuestionType.ESSAY, attempt__state=Attempt.State.GRADED)
    except (Response.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(RESPONSE_NOT_FOUND) from exc


def student_label(*, attempt: Attempt, anonymous: bool) -> str:
    """Who wrote an essay, as the marker sees it: a name, or with anonymous marking a label that
    tells attempts apart without saying whose they are."""
    if anonymous:
        return f"Submission {attempt.pk}"
    return attempt.user.get_full_name() or attempt.user.username


def _number_seen() -> Subquery:
    """The number the student saw beside a response, for a queryset of responses: the questions up
    to and including it in its attempt, descriptions not counted (``question_numbers``' rule)."""
    up_to_here = (
        Response.objects.filter(attempt_id=OuterRef("attempt_id"), position__lte=OuterRef("position"))
        .exclude(question__type=QuestionType.DESCRIPTION)
        .order_by()
        .values("attempt_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(up_to_here, output_field=IntegerField())


def response_number(*, attempt: Attempt, position: int) -> int | None:
    """The number the student saw beside the item at ``position`` ("Question 3"); None for a
    description, which is not numbered."""
    row = (
        Response.objects.filter(attempt=attempt, position=position)
        .annotate(number=_number_seen())
        .values("number", "question__type")
        .first()
    )
    if row is None or row["question__type"] == QuestionType.DESCRIPTION:
        return None
    return int(row["number"])


@dataclass(frozen=True)
class QueueRow:
    response_id: int
    attempt_id: int
    position: int
    number: int  # as the student saw it: descriptions are not counted
    student: str
    question: str
    submitted_at: datetime | None
    marked: bool
    released: bool
    points: Decimal | None
    max_points: Decimal
    mark_version: int
    attachment_kind: str  # of the file the student attached ("pdf", ...), "" for none
    attachment_size: int | None


def marking_queue(*, quiz: Quiz) -> list[QueueRow]:
    """Every essay response of ``quiz``'s graded attempts: those to mark first (oldest submission
    first), then the marked ones not released, then the released ones."""
    status = Case(
        When(override_points__isnull=True, then=Value(0)),
        When(mark_released=False, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    responses = (
        Response.objects.filter(attempt__quiz=quiz, attempt__state=Attempt.State.GRADED, question__type=QuestionType.ESSAY)
        .select_related("attempt", "attempt__user", "question", "attachment")
        .annotate(status=status, number=Coalesce(_number_seen(), Value(0)))
        .order_by("status", "attempt__submitted_at", "attempt_id", "position")
    )
    return [
        QueueRow(
            response_id=r.pk,
            attempt_id=r.attempt_id,
            position=r.position,
            number=r.number,
            student=student_label(attempt=r.attempt, anonymous=quiz.anonymous_marking),
            question=r.question.title or r.question.stem[:120],
            submitted_at=r.attempt.submitted_at,
            marked=r.override_points is not None,
            released=r.mark_released,
            points=r.override_points,
            max_points=r.max_points,
            mark_version=r.mark_version,
            attachment_kind=attached.kind if (attached := response_attachment(r)) else "",
            attachment_size=attached.size if attached else None,
        )
        for r in responses
    ]


def response_attachment(response: Response) -> ResponseFile | None:
    """The file attached to ``response``, read with it (``select_related("attachment")``)."""
    try:
        return response.attachment
    except ResponseFile.DoesNotExist:
        return None


def mark_history(*, response: Response) -> list[MarkHistory]:
    """Every mark the response was given, newest first."""
    return list(MarkHistory.objects.filter(response=response).select_related("marked_by").order_by("-version"))
