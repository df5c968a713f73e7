"""Question banks: create, rename, copy into a course, delete. The review workflow for their
questions is in ``quizzes.services.review``.

Who may change a bank is decided here, once, for every entry point: a bank of a course is
changed only by that course's instructors; a shared bank (``course`` empty: the generated bank
of a reading) is read-only except to admins, because the quizzes of every course draw from it.
An instructor who wants to change a shared bank copies it into a course (``bank_copy_to_course``).
Who may *see* a bank is ``quizzes.selectors.banks.bank_get_for_user``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from courseware.models import Course, Enrollment, Reading
from courseware.permissions import RequestUser, is_instructor, is_site_admin, signed_in
from quizzes.models import Question, QuestionBank, QuizQuestion, QuizSource
from quizzes.questiontypes import with_opaque_choice_ids
from quizzes.services.question_files import question_files_copy

NAME_TAKEN = "A question bank with this name already exists."
BANK_IN_USE = "Questions of this bank were used in attempts; retire them instead of deleting the bank."
BANK_USED_BY_QUIZ = "This bank is used by the quiz {quiz!r}; remove it from that quiz's questions and sources before deleting the bank."
NOT_INSTRUCTOR = "Only instructors and admins manage question banks."
BANK_SHARED_READ_ONLY = "This bank is shared by every course and is read-only; copy it into your course to change it."
BANK_OTHER_COURSE = "Only the instructors of this bank's course can change it."
BANK_NEEDS_COURSE = "Choose the course this bank belongs to; only admins create shared banks."
NOT_COURSE_INSTRUCTOR = "You do not teach this course."


def _check_instructor(user: RequestUser) -> None:
    if not is_instructor(user):
        raise PermissionDenied(NOT_INSTRUCTOR)


def _teaches(user: RequestUser, course_id: int) -> bool:
    return Enrollment.objects.filter(user=signed_in(user), course_id=course_id, role=Enrollment.Role.INSTRUCTOR).exists()


def bank_can_change(*, user: RequestUser, bank: QuestionBank) -> bool:
    """Admins change any bank; instructors only the banks of the courses they teach."""
    if is_site_admin(user):
        return True
    if not is_instructor(user) or bank.course_id is None:
        return False
    return _teaches(user, bank.course_id)


def bank_check_can_change(*, user: RequestUser | None, bank: QuestionBank) -> None:
    """PermissionDenied, saying why, unless ``user`` may change ``bank`` and its questions.

    ``user`` None is the operator at the command line (management commands), who may do anything.
    """
    if user is None or bank_can_change(user=user, bank=bank):
        return
    _check_instructor(user)
    raise PermissionDenied(BANK_SHARED_READ_ONLY if bank.course_id is None else BANK_OTHER_COURSE)


def bank_create(*, user: RequestUser, name: str, course: Course | None = None, reading: Reading | None = None) -> QuestionBank:
    """A new, empty bank of ``course``; only admins create shared banks (no course)."""
    _check_instructor(user)
    if course is None and not is_site_admin(user):
        raise ValidationError({"course": BANK_NEEDS_COURSE})
    if course is not None and not is_site_admin(user) and not _teaches(user, course.pk):
        raise PermissionDenied(NOT_COURSE_INSTRUCTOR)
    try:
        with transaction.atomic():
            return QuestionBank.objects.create(name=name.strip(), course=course, reading=reading, owner=signed_in(user))
    except IntegrityError as exc:
        raise ValidationError({"name": NAME_TAKEN}) from exc


def bank_update(*, bank: QuestionBank, user: RequestUser, name: str) -> QuestionBank:
    bank_check_can_change(user=user, bank=bank)
    bank.name = name.strip()
    try:
        with transaction.atomic():
            bank.save(update_fields=["name"])
    except IntegrityError as exc:
        raise ValidationError({"name": NAME_TAKEN}) from exc
    return bank


def bank_delete(*, bank: QuestionBank, user: RequestUser) -> None:
    """Delete a bank and its questions, unless a quiz draws from it or fixes one of its questions
    (the quiz would silently lose them) or an attempt used one (attempts keep what they showed)."""
    bank_check_can_change(user=user, bank=bank)
    source = QuizSource.objects.filter(bank=bank).select_related("quiz").first()
    fixed = source or QuizQuestion.objects.filter(question__bank=bank).select_related("quiz").first()
    if fixed is not None:
        raise ValidationError(BANK_USED_BY_QUIZ.format(quiz=fixed.quiz.title), code="bank_in_use")
    try:
        with transaction.atomic():
            bank.delete()
    except ProtectedError as exc:
        raise ValidationError(BANK_IN_USE, code="bank_in_use") from exc


# Fields a copy takes over from the original question; a copy starts a new version history.
_COPIED_FIELDS = (
    "type",
    "title",
    "stem",
    "explanation",
    "topic",
    "difficulty",
    "points",
    "status",
    "origin",
    "fact_id",
    "source_section_id",
    "source_passage",
    "source_start",
    "source_end",
    "generation_key",
    "is_edited",
)


@transaction.atomic
def bank_copy_to_course(*, bank: QuestionBank, course: Course, user: RequestUser, name: str = "") -> QuestionBank:
    """Copy ``bank``'s current, not retired questions into a new bank of ``course`` that the
    course's instructors may change. The copies keep their status (approved stays approved)
    and get new option ids, so nothing links them to the original's ids."""
    _check_instructor(user)
    if not is_site_admin(user) and not _teaches(user, course.pk):
        raise PermissionDenied(NOT_COURSE_INSTRUCTOR)
    copy = bank_create(user=user, name=name.strip() or f"{bank.name} ({course.slug})"[:200], course=course, reading=bank.reading)
    originals = list(Question.objects.filter(bank=bank, is_current=True).exclude(status=Question.Status.RETIRED).order_by("id"))
    copies = []
    for original in originals:
        choices, answer = with_opaque_choice_ids(type=original.type, choices=original.choices, answer=original.answer)
        copies.append(
            Question(
                bank=copy,
                choices=choices,
                answer=answer,
                meta={**original.meta, "copied_from": original.pk},
                created_by=signed_in(user),
                **{field: getattr(original, field) for field in _COPIED_FIELDS},
            )
        )
    Question.objects.bulk_create(copies)
    # The copies show the originals' images: each gets its own rows (the same blobs).
    question_files_copy(targets={original.pk: question for original, question in zip(originals, copies, strict=True)})
    return copy
