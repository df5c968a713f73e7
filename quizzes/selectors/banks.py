"""Reads for question banks and their review. ``*_get_for_user`` raise NotFound for anything the
user may not see (students never see banks: the answer keys are in them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.errors import NotFound
from courseware.models import Enrollment
from courseware.permissions import RequestUser, is_instructor, is_site_admin, signed_in
from quizzes.models import Question, QuestionBank, QuestionType

BANK_NOT_FOUND = "No such question bank."
QUESTION_NOT_FOUND = "No such question."


def bank_list_for_user(*, user: RequestUser) -> QuerySet[QuestionBank]:
    """Banks a user may review: all for admins; reading banks and banks of taught courses for instructors."""
    if is_site_admin(user):
        return QuestionBank.objects.all()
    if not is_instructor(user):
        return QuestionBank.objects.none()
    taught = Enrollment.objects.filter(user=signed_in(user), role=Enrollment.Role.INSTRUCTOR).values("course_id")
    return QuestionBank.objects.filter(Q(course__isnull=True) | Q(course_id__in=taught))


def bank_get_for_user(*, user: RequestUser, bank_id: int) -> QuestionBank:
    try:
        return bank_list_for_user(user=user).select_related("reading", "course").get(pk=bank_id)
    except (QuestionBank.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(BANK_NOT_FOUND) from exc


# The review list's orders: the best first (the generator's quality score; unscored questions,
# e.g. written by hand, after the scored ones), or as the reading runs.
REVIEW_ORDERS: dict[str, tuple[Any, ...]] = {
    "best": (F("quality").desc(nulls_last=True), "source_start", "id"),
    "reading": ("source_start", "id"),
}


def _group_members() -> QuerySet[Question]:
    """The current, non-retired questions of the outer row's bank and exclusion group."""
    return (
        Question.objects.filter(bank_id=OuterRef("bank_id"), exclusion_group=OuterRef("exclusion_group"), is_current=True)
        .exclude(status=Question.Status.RETIRED)
        .order_by()
    )


def bank_questions(
    *,
    bank: QuestionBank,
    status: str | None = None,
    type: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    order: str = "best",
) -> QuerySet[Question]:
    """Current versions of a bank's questions for the review list, best first by default.

    Each row carries ``group_size`` (current, non-retired questions of its exclusion group; 1
    without a group) and ``is_group_best`` (the member a bank-wide approval keeps: highest
    quality, then the oldest), computed in the same query so the list stays one query.
    """
    best = _group_members().order_by(F("quality").desc(nulls_last=True), "id").values("id")[:1]
    size = _group_members().values("exclusion_group").annotate(n=Count("id")).values("n")
    qs = (
        Question.objects.filter(bank=bank, is_current=True)
        .select_related("source_section", "fact")
        .annotate(
            group_size=Case(When(exclusion_group="", then=Value(1)), default=Coalesce(Subquery(size), Value(1))),
            is_group_best=Case(When(exclusion_group="", then=Value(True)), When(pk=Subquery(best), then=Value(True)), default=Value(False)),
        )
    )
    if status:
        qs = qs.filter(status=status)
    if type:
        qs = qs.filter(type=type)
    if topic:
        qs = qs.filter(topic=topic)
    if text:
        # Every word somewhere in the stem, the title or the source passage, in any order.
        for word in text.split()[:8]:
            qs = qs.filter(Q(stem__icontains=word) | Q(title__icontains=word) | Q(source_passage__icontains=word))
    return qs.order_by(*REVIEW_ORDERS.get(order, REVIEW_ORDERS["best"]))


def bank_default_status(*, bank: QuestionBank) -> str:
    """The status a bank's review list opens on: drafts while there are any to review, else all
    (a fully approved bank opened on "Draft" showed "0 questions")."""
    has_drafts = Question.objects.filter(bank=bank, is_current=True, status=Question.Status.DRAFT).exists()
    return Question.Status.DRAFT if has_drafts else "any"


def bank_approved_questions(*, bank: QuestionBank, topic: str | None = None) -> QuerySet[Question]:
    """What quizzes draw from: current, approved questions (a description is placed by its author, never drawn)."""
    qs = Question.objects.filter(bank=bank, is_current=True, status=Question.Status.APPROVED).exclude(type=QuestionType.DESCRIPTION)
    return qs.filter(topic=topic) if topic else qs


def bank_summary(*, bank: QuestionBank) -> dict[str, dict[str, int]]:
    """Counts of current questions by status, type and topic (the review page's filters)."""
    current = Question.objects.filter(bank=bank, is_current=True)
    return {
        field: dict(current.values_list(field).annotate(n=Count("id")).values_list(field, "n").order_by(field))
        for field in ("status", "type", "topic")
    }


def question_get_for_user(*, user: RequestUser, question_id: int) -> Question:
    banks = bank_list_for_user(user=user)
    try:
        return Question.objects.select_related("bank", "source_section", "fact").get(pk=question_id, bank__in=banks)
    except (Question.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(QUESTION_NOT_FOUND) from exc


def question_versions(*, question: Question) -> QuerySet[Question]:
    """Every version of a question, oldest first."""
    root = question.root_id or question.pk
    return Question.objects.filter(Q(pk=root) | Q(root_id=root)).order_by("version")
