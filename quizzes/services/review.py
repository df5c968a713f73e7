"""The review workflow: instructors approve, retire, edit and write questions.

- An edit never changes a row an attempt may have seen: it makes a new version (same ``root``,
  ``version + 1``) and the old row stops being current. Attempts keep pointing at the row
  they showed.
- Edited, approved and retired questions are never overwritten by regeneration (see
  ``quizzes.generation.service``): an edit sets ``is_edited`` on the new version.
- Every question, generated or written by hand, is validated by
  ``quizzes.questiontypes.validate_definition``.
- Only those who may change the question's bank review it (``bank_check_can_change``): a
  shared bank is read-only, a course's bank belongs to that course's instructors.
- Option ids an instructor writes are replaced by random ones (students see the ids, and
  ``a``/``b`` or ``c1`` first would say where the author put the answer); an edit keeps the ids
  the question already had, because earlier responses and regrades refer to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from courseware.permissions import is_instructor
from quizzes.models import Question, QuestionBank, QuestionType
from quizzes.questiontypes import QuestionDefinitionError, choice_ids_of, validate_definition, with_opaque_choice_ids
from quizzes.services.banks import bank_check_can_change
from quizzes.services.grading import REGRADE_ANSWER_KEY_FIXED, REGRADE_QUESTION_RETIRED, question_regrade_if_needed

NOT_REVIEWER_MESSAGE = "Only instructors and admins review questions."
NOT_CURRENT_MESSAGE = "This is an old version of the question; review the current one."
RETIRED_MESSAGE = "A retired question cannot be approved; edit it to make a new draft."
EDITABLE_FIELDS = ("type", "title", "stem", "choices", "answer", "explanation", "topic", "difficulty", "points")


def _check_reviewer(user: Any) -> None:
    if not is_instructor(user):
        raise PermissionDenied(NOT_REVIEWER_MESSAGE)


def _check_current(question: Question) -> None:
    if not question.is_current:
        raise ValidationError(NOT_CURRENT_MESSAGE)


def _validate(*, type: str, choices: Any, answer: Any, stem: str, difficulty: float) -> None:
    if type not in QuestionType.values:
        raise ValidationError(f"Unknown question type {type!r}.")
    if not str(stem).strip():
        raise ValidationError("A question needs a stem.")
    if not 0 <= float(difficulty) <= 1:
        raise ValidationError("Difficulty is between 0 and 1.")
    try:
        validate_definition(type=type, choices=choices, answer=answer)
    except QuestionDefinitionError as exc:
        raise ValidationError(str(exc)) from exc


def question_approve(*, question: Question, user: Any) -> Question:
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    _check_current(question)
    if question.status == Question.Status.RETIRED:
        raise ValidationError(RETIRED_MESSAGE)
    # Conditional update: approving twice, or concurrently, is harmless.
    Question.objects.filter(pk=question.pk, is_current=True).update(status=Question.Status.APPROVED)
    question.refresh_from_db()
    # An approved new version may carry a fixed answer key: regrade attempts that used any version.
    question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_ANSWER_KEY_FIXED)
    return question


def question_retire(*, question: Question, user: Any) -> Question:
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    _check_current(question)
    Question.objects.filter(pk=question.pk, is_current=True).update(status=Question.Status.RETIRED)
    question.refresh_from_db()
    question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_QUESTION_RETIRED)
    return question


@transaction.atomic
def question_edit(*, question: Question, user: Any, **changes: Any) -> Question:
    """Save ``changes`` as a new version of ``question``; the old row is kept for the attempts that used it.

    The new version is a draft unless ``status`` is given (an instructor editing an approved
    question may keep it approved).
    """
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"status"}
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))}.")
    # Lock the current row so two simultaneous edits cannot both create "version n+1".
    locked = Question.objects.select_for_update().get(pk=question.pk)
    _check_current(locked)
    values = {f: changes.get(f, getattr(locked, f)) for f in EDITABLE_FIELDS}
    _validate(type=values["type"], choices=values["choices"], answer=values["answer"], stem=values["stem"], difficulty=values["difficulty"])
    status = changes.get("status", Question.Status.DRAFT)
    if status not in Question.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    root_id = locked.root_id or locked.pk
    earlier_ids = set().union(
        *(choice_ids_of(choices=c) for c in Question.objects.filter(Q(pk=root_id) | Q(root_id=root_id)).values_list("choices", flat=True))
    )
    values["choices"], values["answer"] = with_opaque_choice_ids(
        type=values["type"], choices=values["choices"], answer=values["answer"], keep=earlier_ids
    )
    Question.objects.filter(pk=locked.pk).update(is_current=False)
    new = Question.objects.create(
        bank=locked.bank,
        root_id=root_id,
        version=locked.version + 1,
        is_current=True,
        status=status,
        origin=locked.origin,
        fact=locked.fact,
        source_section=locked.source_section,
        source_passage=locked.source_passage,
        source_start=locked.source_start,
        source_end=locked.source_end,
        generation_key=locked.generation_key,
        is_edited=True,
        meta={**locked.meta, "edited_from": locked.pk},
        created_by=user,
        **values,
    )
    if status == Question.Status.APPROVED:
        question_regrade_if_needed(question=new, changed_by=user, reason=REGRADE_ANSWER_KEY_FIXED)
    return new


def question_create_manual(
    *,
    bank: QuestionBank,
    user: Any,
    type: str,
    stem: str,
    choices: Any = None,
    answer: dict[str, Any],
    explanation: str = "",
    topic: str = "",
    difficulty: float = 0.5,
    points: float = 1,
    title: str = "",
    status: str = Question.Status.DRAFT,
) -> Question:
    """An instructor's own question, of any type."""
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=bank)
    choices = [] if choices is None else choices
    _validate(type=type, choices=choices, answer=answer, stem=stem, difficulty=difficulty)
    if status not in Question.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    choices, answer = with_opaque_choice_ids(type=type, choices=choices, answer=answer)
    return Question.objects.create(
        bank=bank,
        type=type,
        title=title[:200],
        stem=stem,
        choices=choices,
        answer=answer,
        explanation=explanation,
        topic=topic,
        difficulty=difficulty,
        points=points,
        status=status,
        origin=Question.Origin.MANUAL,
        created_by=user,
    )


def questions_bulk_approve(*, questions: Iterable[Question], user: Any) -> int:
    """Approve the current, non-retired drafts among ``questions``; returns how many changed."""
    _check_reviewer(user)
    ids = [q.pk for q in questions]
    for bank in QuestionBank.objects.filter(questions__in=ids).distinct():
        bank_check_can_change(user=user, bank=bank)
    return Question.objects.filter(pk__in=ids, is_current=True, status=Question.Status.DRAFT).update(status=Question.Status.APPROVED)
