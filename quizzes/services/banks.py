"""Question banks: create, rename, delete. The review workflow for their questions is in
``quizzes.services.review``; who may touch which bank is decided by ``bank_get_for_user``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from courseware.models import Course, Reading
from courseware.permissions import is_instructor
from quizzes.models import QuestionBank

NAME_TAKEN = "A question bank with this name already exists."
BANK_IN_USE = "Questions of this bank were used in attempts; retire them instead of deleting the bank."
NOT_INSTRUCTOR = "Only instructors and admins manage question banks."


def _check_instructor(user: Any) -> None:
    if not is_instructor(user):
        raise PermissionDenied(NOT_INSTRUCTOR)


def bank_create(*, user: Any, name: str, course: Course | None = None, reading: Reading | None = None) -> QuestionBank:
    """A new, empty bank. The caller has checked that ``user`` teaches ``course``."""
    _check_instructor(user)
    try:
        with transaction.atomic():
            return QuestionBank.objects.create(name=name.strip(), course=course, reading=reading, owner=user)
    except IntegrityError as exc:
        raise ValidationError({"name": NAME_TAKEN}) from exc


def bank_update(*, bank: QuestionBank, user: Any, name: str) -> QuestionBank:
    _check_instructor(user)
    bank.name = name.strip()
    try:
        with transaction.atomic():
            bank.save(update_fields=["name"])
    except IntegrityError as exc:
        raise ValidationError({"name": NAME_TAKEN}) from exc
    return bank


def bank_delete(*, bank: QuestionBank, user: Any) -> None:
    """Delete a bank and its questions, unless an attempt used one of them (attempts keep what they showed)."""
    _check_instructor(user)
    try:
        with transaction.atomic():
            bank.delete()
    except ProtectedError as exc:
        raise ValidationError(BANK_IN_USE, code="bank_in_use") from exc
