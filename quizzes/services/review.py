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
- Editing an approved question keeps the approved version in use: the edit is saved as a
  *pending* version (a draft that is not current), quizzes keep drawing the approved one, and
  approving the pending version swaps them. Taking a question out of circulation because
  someone fixed a typo would shrink every quiz drawing from the bank until a second review.
- Option ids an instructor writes are replaced by random ones (students see the ids, and
  ``a``/``b`` or ``c1`` first would say where the author put the answer); an edit keeps the ids
  the question already had, because earlier responses and regrades refer to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify

from courseware.permissions import RequestUser, is_instructor, signed_in
from quizzes.interop.base import DEFAULT_FORMAT, InteropError
from quizzes.interop.mapping import QuestionTexts, question_texts_sanitised
from quizzes.media import CheckedImage, ImageRefused
from quizzes.models import Question, QuestionBank, QuestionType, Response
from quizzes.questiontypes import (
    QuestionDefinitionError,
    check_gap_marks,
    choice_ids_of,
    is_scored,
    key_terms,
    validate_definition,
    with_opaque_choice_ids,
)
from quizzes.services.banks import bank_check_can_change
from quizzes.services.grading import REGRADE_ANSWER_KEY_FIXED, REGRADE_QUESTION_RETIRED, question_regrade_if_needed
from quizzes.services.question_files import question_files_copy, question_files_store, question_image_check, text_with_images

NOT_REVIEWER_MESSAGE = "Only instructors and admins review questions."
NOT_CURRENT_MESSAGE = "This is an old version of the question; review the current one."
NOT_LATEST_PENDING_MESSAGE = "A newer version of this question waits for approval; review that one."
NO_PENDING_MESSAGE = "This question has no new version waiting for approval."
RETIRED_MESSAGE = "A retired question cannot be approved; edit it to make a new draft."
GROUP_MAX_LENGTH = Question._meta.get_field("exclusion_group").max_length or 64
GROUP_TOO_LONG = f"An exclusion group name has at most {GROUP_MAX_LENGTH} characters."
EDITABLE_FIELDS = ("type", "title", "stem", "choices", "answer", "explanation", "topic", "difficulty", "points", "exclusion_group")


def _check_reviewer(user: RequestUser) -> None:
    if not is_instructor(user):
        raise PermissionDenied(NOT_REVIEWER_MESSAGE)


def _check_current(question: Question) -> None:
    if not question.is_current:
        raise ValidationError(NOT_CURRENT_MESSAGE)


def _validate(*, type: str, choices: Any, answer: Any, stem: str, difficulty: float, exclusion_group: str = "") -> None:
    if type not in QuestionType.values:
        raise ValidationError(f"Unknown question type {type!r}.")
    if not str(stem).strip():
        raise ValidationError("A question needs a stem.")
    if not 0 <= float(difficulty) <= 1:
        raise ValidationError("Difficulty is between 0 and 1.")
    if len(exclusion_group) > GROUP_MAX_LENGTH:
        raise ValidationError(GROUP_TOO_LONG)
    try:
        validate_definition(type=type, choices=choices, answer=answer)
        check_gap_marks(type=type, stem=stem, answer=answer)
    except QuestionDefinitionError as exc:
        raise ValidationError(str(exc)) from exc


def _sanitised(*, type: str, stem: str, choices: Any, answer: Any, explanation: str, meta: dict[str, Any]) -> QuestionTexts:
    """The question's texts cleaned by the sanitiser imports use, for the format it is written in
    (an imported question keeps its HTML format when edited); call after ``_validate``."""
    fmt = str(meta.get("format") or DEFAULT_FORMAT)
    try:
        texts = question_texts_sanitised(type=type, fmt=fmt, stem=stem, choices=choices, answer=answer, explanation=explanation, meta=meta)
    except InteropError as exc:
        raise ValidationError(str(exc)) from exc
    if not texts.stem:
        raise ValidationError("A question needs a stem.")
    return texts


def question_pending_version(*, question: Question) -> Question | None:
    """The edit of an approved question that waits for approval (the newest version of its
    root, a draft, newer than the current one), or None."""
    root = question.root_id_or_self
    versions = Question.objects.filter(Q(pk=root) | Q(root_id=root))
    current = versions.filter(is_current=True).order_by("-version").first()
    newest = versions.order_by("-version").first()
    if current is None or newest is None or newest.is_current or newest.status != Question.Status.DRAFT:
        return None
    return newest if newest.version > current.version else None


@transaction.atomic
def _promote_pending(*, question: Question) -> Question:
    """Make the pending ``question`` the current, approved version (the approved one it replaces
    stops being drawn at the same moment, so a quiz never has both or neither)."""
    root = question.root_id_or_self
    # Lock every version of the question: two approvals, or an edit and an approval, serialise here.
    list(Question.objects.select_for_update().filter(Q(pk=root) | Q(root_id=root)).values_list("pk", flat=True))
    pending = question_pending_version(question=question)
    if pending is None or pending.pk != question.pk:
        raise ValidationError(NOT_LATEST_PENDING_MESSAGE if pending is not None else NOT_CURRENT_MESSAGE)
    Question.objects.filter(Q(pk=root) | Q(root_id=root), is_current=True).update(is_current=False)
    Question.objects.filter(pk=pending.pk).update(is_current=True, status=Question.Status.APPROVED)
    question.refresh_from_db()
    return question


def question_approve(*, question: Question, user: RequestUser) -> Question:
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    if not question.is_current and question.status == Question.Status.DRAFT:
        # An edit of an approved question, waiting: approving it replaces the approved version.
        question = _promote_pending(question=question)
        question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_ANSWER_KEY_FIXED)
        return question
    _check_current(question)
    if question.status == Question.Status.RETIRED:
        raise ValidationError(RETIRED_MESSAGE)
    # Conditional update: approving twice, or concurrently, is harmless.
    Question.objects.filter(pk=question.pk, is_current=True).update(status=Question.Status.APPROVED)
    question.refresh_from_db()
    # An approved new version may carry a fixed answer key: regrade attempts that used any version.
    question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_ANSWER_KEY_FIXED)
    return question


def question_retire(*, question: Question, user: RequestUser) -> Question:
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    _check_current(question)
    Question.objects.filter(pk=question.pk, is_current=True).update(status=Question.Status.RETIRED)
    question.refresh_from_db()
    question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_QUESTION_RETIRED)
    return question


@transaction.atomic
def question_discard_pending(*, question: Question, user: RequestUser) -> Question:
    """Drop the edit waiting for approval of ``question`` (any version of it); the approved
    version stays in use. The discarded row is kept, marked, so the history still shows it."""
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    root = question.root_id_or_self
    list(Question.objects.select_for_update().filter(Q(pk=root) | Q(root_id=root)).values_list("pk", flat=True))
    pending = question_pending_version(question=question)
    if pending is None:
        raise ValidationError(NO_PENDING_MESSAGE)
    Question.objects.filter(pk=pending.pk).update(status=Question.Status.RETIRED, meta={**pending.meta, "discarded": True})
    pending.refresh_from_db()
    return pending


@transaction.atomic
def question_edit(
    *, question: Question, user: RequestUser, images: Sequence[CheckedImage] = (), image_alt: str = "", **changes: Any
) -> Question:
    """Save ``changes`` as a new version of ``question``; the old row is kept for the attempts that used it.

    The new version gets the files of the one it was edited from, plus ``images`` (checked by
    ``question_files.question_image_check``), each shown at the end of the stem unless the stem
    already refers to it (see ``question_files.text_with_images``).

    The new version is a draft unless ``status`` is given (an instructor editing an approved
    question may keep it approved). A draft edit of an *approved* question is saved as a pending
    version: the approved one stays current (and drawn) until ``question_approve`` is given the
    pending one; a later edit before that makes a newer pending version (the history keeps both).
    """
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=question.bank)
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"status"}
    if unknown:
        raise ValidationError(f"Cannot edit {', '.join(sorted(unknown))}.")
    # Lock every version so two simultaneous edits cannot both create "version n+1".
    root_id = question.root_id_or_self
    list(Question.objects.select_for_update().filter(Q(pk=root_id) | Q(root_id=root_id)).values_list("pk", flat=True))
    locked = Question.objects.get(pk=question.pk)
    current = locked
    if not locked.is_current:
        # Editing the version that waits for approval goes on from it; anything older is stale.
        pending = question_pending_version(question=locked)
        if pending is None or pending.pk != locked.pk:
            raise ValidationError(NOT_CURRENT_MESSAGE)
        current = Question.objects.filter(Q(pk=root_id) | Q(root_id=root_id), is_current=True).get()
    values = {f: changes.get(f, getattr(locked, f)) for f in EDITABLE_FIELDS}
    if not is_scored(values["type"]):
        values["points"] = 0  # a description is worth nothing, whatever a form or file says
    values["exclusion_group"] = str(values["exclusion_group"] or "").strip()
    values["stem"], values["explanation"], meta = text_with_images(
        stem=values["stem"], explanation=values["explanation"], meta=locked.meta or {}, images=images, alt=image_alt
    )
    _validate(
        type=values["type"],
        choices=values["choices"],
        answer=values["answer"],
        stem=values["stem"],
        difficulty=values["difficulty"],
        exclusion_group=values["exclusion_group"],
    )
    texts = _sanitised(
        type=values["type"],
        stem=values["stem"],
        choices=values["choices"],
        answer=values["answer"],
        explanation=values["explanation"],
        meta=meta,
    )
    values |= {"stem": texts.stem, "choices": texts.choices, "answer": texts.answer, "explanation": texts.explanation}
    meta = texts.meta
    status = changes.get("status", Question.Status.DRAFT)
    if status not in Question.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    earlier_ids = set().union(
        *(choice_ids_of(choices=c) for c in Question.objects.filter(Q(pk=root_id) | Q(root_id=root_id)).values_list("choices", flat=True))
    )
    values["choices"], values["answer"] = with_opaque_choice_ids(
        type=values["type"], choices=values["choices"], answer=values["answer"], keep=earlier_ids
    )
    waits = status == Question.Status.DRAFT and current.status == Question.Status.APPROVED
    newest = Question.objects.filter(Q(pk=root_id) | Q(root_id=root_id)).order_by("-version").values_list("version", flat=True).first()
    if not waits:
        Question.objects.filter(Q(pk=root_id) | Q(root_id=root_id), is_current=True).update(is_current=False)
    new = Question.objects.create(
        bank=locked.bank,
        root_id=root_id,
        version=max(locked.version, newest or 0) + 1,
        is_current=not waits,
        status=status,
        origin=locked.origin,
        fact=locked.fact,
        source_section=locked.source_section,
        source_passage=locked.source_passage,
        source_start=locked.source_start,
        source_end=locked.source_end,
        generation_key=locked.generation_key,
        quality=locked.quality,
        quality_notes=locked.quality_notes,
        key_terms=key_terms(values["type"], values["choices"], values["answer"]),
        is_edited=True,
        meta={**meta, "edited_from": locked.pk},
        created_by=signed_in(user),
        **values,
    )
    question_files_copy(targets={locked.pk: new})
    question_files_store(question=new, images=images)
    if status == Question.Status.APPROVED:
        question_regrade_if_needed(question=new, changed_by=user, reason=REGRADE_ANSWER_KEY_FIXED)
    return new


def question_image_add(*, question: Question, user: RequestUser, name: str, data: bytes, alt: str = "") -> Question:
    """A new version of ``question`` that carries one more image, shown at the end of its stem
    (``question_edit`` with nothing else changed). A file that is not an image it may keep is
    refused with ValidationError on ``file``, before anything is written."""
    try:
        image = question_image_check(name=name, data=data)
    except ImageRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    return question_edit(question=question, user=user, images=[image], image_alt=alt)


def question_create_manual(
    *,
    bank: QuestionBank,
    user: RequestUser,
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
    exclusion_group: str = "",
    images: Sequence[CheckedImage] = (),
    image_alt: str = "",
) -> Question:
    """An instructor's own question, of any type, with ``images`` as ``question_edit`` takes them."""
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=bank)
    choices = [] if choices is None else choices
    stem, explanation, meta = text_with_images(stem=stem, explanation=explanation, meta={}, images=images, alt=image_alt)
    if not is_scored(type):
        points = 0  # a description is worth nothing, whatever a form or file says
    _validate(type=type, choices=choices, answer=answer, stem=stem, difficulty=difficulty, exclusion_group=exclusion_group.strip())
    texts = _sanitised(type=type, stem=stem, choices=choices, answer=answer, explanation=explanation, meta=meta)
    stem, choices, answer, explanation, meta = texts.stem, texts.choices, texts.answer, texts.explanation, texts.meta
    if status not in Question.Status.values:
        raise ValidationError(f"Unknown status {status!r}.")
    choices, answer = with_opaque_choice_ids(type=type, choices=choices, answer=answer)
    with transaction.atomic():
        question = Question.objects.create(
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
            exclusion_group=exclusion_group.strip(),
            meta=meta,
            key_terms=key_terms(type, choices, answer),
            created_by=signed_in(user),
        )
        question_files_store(question=question, images=images)
    return question


def questions_bulk_approve(*, questions: Iterable[Question], user: RequestUser) -> int:
    """Approve the current, non-retired drafts among ``questions`` (the instructor's explicit
    pick, whatever their exclusion groups); returns how many changed."""
    _check_reviewer(user)
    ids = [q.pk for q in questions]
    for bank in QuestionBank.objects.filter(questions__in=ids).distinct():
        bank_check_can_change(user=user, bank=bank)
    return Question.objects.filter(pk__in=ids, is_current=True, status=Question.Status.DRAFT).update(status=Question.Status.APPROVED)


@dataclass(frozen=True)
class BankApproval:
    approved: int
    held_back: int  # drafts in scope left as drafts: their exclusion group has a better or an approved question


def group_rank(quality: float | None, pk: int) -> tuple[float, int]:
    """Sort key of a group's members, best first: highest quality (none counts lowest), then the oldest."""
    return (-(quality if quality is not None else -1.0), pk)


@transaction.atomic
def bank_approve_best(*, bank: QuestionBank, user: RequestUser, within: Iterable[int] | None = None) -> BankApproval:
    """Approve a bank's drafts, but of each exclusion group only its best: the group's member with
    the highest quality, and only when no member of the group is approved already (an
    instructor who picked one explicitly has chosen). Questions without a group are approved.

    ``within`` limits the drafts considered (the review page's "approve all on this page"); the
    group's best is still judged over the whole bank. Explicit picks go through
    ``questions_bulk_approve``. Two queries: one over the bank's current questions (four
    columns), one UPDATE.
    """
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=bank)
    scope = None if within is None else set(within)
    rows = list(
        Question.objects.filter(bank=bank, is_current=True)
        .exclude(status=Question.Status.RETIRED)
        .values_list("id", "exclusion_group", "quality", "status")
    )
    groups: dict[str, list[tuple[int, float | None, str]]] = {}
    for pk, group, quality, status in rows:
        if group:
            groups.setdefault(group, []).append((pk, quality, status))
    best = {
        group: min(members, key=lambda m: group_rank(m[1], m[0]))[0]
        for group, members in groups.items()
        if not any(status == Question.Status.APPROVED for _, _, status in members)
    }
    approve, held_back = [], 0
    for pk, group, _, status in rows:
        if status != Question.Status.DRAFT or (scope is not None and pk not in scope):
            continue
        if not group or best.get(group) == pk:
            approve.append(pk)
        else:
            held_back += 1
    changed = Question.objects.filter(pk__in=approve, is_current=True, status=Question.Status.DRAFT).update(status=Question.Status.APPROVED)
    return BankApproval(approved=changed, held_back=held_back)


# --- bulk changes of the review page's selected questions ----------------------------------------------

SAME_BANK_MESSAGE = "Pick another bank to move the questions to."
TOPIC_MAX_LENGTH = Question._meta.get_field("topic").max_length or 60
TOPIC_NOT_A_SLUG = f"A topic is lowercase words joined by hyphens (at most {TOPIC_MAX_LENGTH} characters)."


def _selected_current(*, bank: QuestionBank, question_ids: Iterable[int]) -> QuerySet[Question]:
    """The current versions among ``question_ids`` that are in ``bank``: a stale or forged id
    (an old version, another bank's question) selects nothing."""
    return Question.objects.filter(bank=bank, pk__in=list(question_ids), is_current=True)


def _versions_of(roots: list[int]) -> Q:
    return Q(pk__in=roots) | Q(root_id__in=roots)


def _answers_to(roots: list[int]) -> Q:
    """Responses to any version of the questions ``roots``."""
    return Q(question_id__in=roots) | Q(question__root_id__in=roots)


@dataclass(frozen=True)
class BulkRetirement:
    retired: int
    regrades: int  # questions some attempt answered: each has a regrade log, and its attempts are regraded


@transaction.atomic
def questions_bulk_retire(*, bank: QuestionBank, question_ids: Iterable[int], user: RequestUser) -> BulkRetirement:
    """Retire the selected current questions of ``bank`` that are not retired yet, and regrade
    the attempts that answered them, as ``question_retire`` does one by one.

    Three queries, plus three for each retired question that some attempt answered (its regrade
    log: ``question_regrade_if_needed``); a question no one answered costs nothing more.
    """
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=bank)
    chosen = list(
        _selected_current(bank=bank, question_ids=question_ids)
        .exclude(status=Question.Status.RETIRED)
        .select_for_update()
        .only("id", "root_id", "version", "answer", "status")
    )
    if not chosen:
        return BulkRetirement(retired=0, regrades=0)
    Question.objects.filter(pk__in=[q.pk for q in chosen]).update(status=Question.Status.RETIRED)
    answered = set(
        Response.objects.filter(_answers_to([q.root_id_or_self for q in chosen])).values_list("question__root_id", "question_id").distinct()
    )
    answered_roots = {root or question for root, question in answered}
    regrades = 0
    for question in chosen:
        if question.root_id_or_self in answered_roots:
            question.status = Question.Status.RETIRED
            question_regrade_if_needed(question=question, changed_by=user, reason=REGRADE_QUESTION_RETIRED)
            regrades += 1
    return BulkRetirement(retired=len(chosen), regrades=regrades)


@transaction.atomic
def questions_bulk_move(*, bank: QuestionBank, question_ids: Iterable[int], to_bank: QuestionBank, user: RequestUser) -> int:
    """Move the selected current questions of ``bank``, with all their versions (the history and
    an edit waiting for approval go with them), to ``to_bank``; returns how many questions moved.

    Quizzes that draw from ``bank`` stop drawing them, those drawing from ``to_bank`` start (once
    approved); quizzes that list a question itself keep it. The user must be able to change both
    banks. Three queries besides the permission checks.
    """
    _check_reviewer(user)
    if to_bank.pk == bank.pk:
        raise ValidationError(SAME_BANK_MESSAGE)
    bank_check_can_change(user=user, bank=bank)
    bank_check_can_change(user=user, bank=to_bank)
    roots = [q.root_id_or_self for q in _selected_current(bank=bank, question_ids=question_ids).only("id", "root_id")]
    if roots:
        Question.objects.filter(_versions_of(roots), bank=bank).update(bank=to_bank)
    return len(roots)


@transaction.atomic
def questions_bulk_retag(*, bank: QuestionBank, question_ids: Iterable[int], topic: str, user: RequestUser) -> int:
    """Give the selected current questions of ``bank`` the topic ``topic`` ("" for none); returns
    how many questions it changed.

    A topic classifies a question (which quizzes draw it, where mastery counts it); it is not
    what a student saw, so the change is made in place on every version of the question rather
    than as a new version, which would send approved questions back to review and log a regrade
    for a key that did not change. Figures read from past answers (a student's course topics)
    follow the new topic; mastery already stored per student is not recomputed.
    Two queries besides the permission check (three for a topic that is not a slug).
    """
    _check_reviewer(user)
    bank_check_can_change(user=user, bank=bank)
    topic = topic.strip()
    # A topic the bank already uses stays acceptable even if it is not a slug (imported files name theirs).
    if len(topic) > TOPIC_MAX_LENGTH or (slugify(topic) != topic and not Question.objects.filter(bank=bank, topic=topic).exists()):
        raise ValidationError(TOPIC_NOT_A_SLUG)
    roots = [q.root_id_or_self for q in _selected_current(bank=bank, question_ids=question_ids).exclude(topic=topic).only("id", "root_id")]
    if roots:
        Question.objects.filter(_versions_of(roots), bank=bank).update(topic=topic)
    return len(roots)
