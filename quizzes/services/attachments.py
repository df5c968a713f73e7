"""Writes of essay attachments: a student attaches one file to an essay of their open attempt,
replaces it, or removes it.

Validate, then do: the attempt's owner, its state and deadline, the question's settings and the
file itself (kind by content, size) are all checked before anything is written, so a refused
upload leaves the saved answer and any file already attached as they were. The write then locks
the attempt row as a submit does and checks again: a file never lands in a submitted attempt.

A blob written by a transaction that then rolls back stays in storage, unreferenced (its name is
random), as with question files; a replaced file's blob is deleted once the replacement commits.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from core.errors import NotFound
from courseware.permissions import RequestUser, signed_in
from quizzes.attachments import NO_FILE, TOO_BIG, AttachmentRefused, attachment_check
from quizzes.models import Attempt, QuestionType, Response, ResponseFile
from quizzes.questiontypes import ATTACHMENTS_NONE, essay_settings
from quizzes.services.attempt_rules import (
    ATTEMPT_NOT_FOUND,
    ATTEMPT_NOT_IN_PROGRESS,
    DEADLINE_PASSED,
    UNKNOWN_QUESTION,
    AttemptError,
    AttemptNotInProgress,
    DeadlinePassed,
    UnknownQuestion,
    attempt_is_expired,
    still_enrolled,
)

NO_ATTACHMENTS = "This question takes no attached file."
NOTHING_TO_REMOVE = "No file is attached to this question."


class AttachmentNotAccepted(AttemptError):
    """The file, or an attachment at all, is refused; the message says why."""

    code = "attachment_refused"


def _check_open(attempt: Attempt, now: datetime) -> None:
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise AttemptNotInProgress(ATTEMPT_NOT_IN_PROGRESS)
    if attempt_is_expired(attempt=attempt, now=now):
        raise DeadlinePassed(DEADLINE_PASSED)


def _essay_response(*, attempt_id: int, user: RequestUser, question_id: int, now: datetime) -> Response:
    """The user's own response to ``question_id`` in their open attempt, if that question is an
    essay that takes a file; otherwise the AttemptError (or NotFound) that says why."""
    if not user.is_authenticated:
        raise NotFound(ATTEMPT_NOT_FOUND)
    attempt = Attempt.objects.filter(still_enrolled("", user), pk=attempt_id, user=signed_in(user)).first()
    if attempt is None:
        raise NotFound(ATTEMPT_NOT_FOUND)
    _check_open(attempt, now)
    response = Response.objects.select_related("question").filter(attempt=attempt, question_id=question_id).first()
    if response is None:
        raise UnknownQuestion(UNKNOWN_QUESTION.format(question_id=question_id))
    response.attempt = attempt
    if response.question.type != QuestionType.ESSAY or essay_settings(response.question.choices)["attachments"] == ATTACHMENTS_NONE:
        raise AttachmentNotAccepted(NO_ATTACHMENTS)
    return response


def _locked_open(attempt_id: int, now: datetime) -> None:
    """Lock the attempt row (as submit does) and check it is still open: a submit that commits
    first makes this refuse; one that comes later waits and then sees the file."""
    _check_open(Attempt.objects.select_for_update().get(pk=attempt_id), now)


def response_file_attach(*, attempt_id: int, user: RequestUser, question_id: int, upload: File[bytes] | None) -> ResponseFile:
    """Attach ``upload`` (a page's or the API's uploaded file) to the user's essay ``question_id``
    of their open attempt, replacing the file attached before (only the new one is kept). A file
    over ``ESSAY_FILE_MAX_BYTES`` is refused by its declared size, without being read."""
    now = timezone.now()
    response = _essay_response(attempt_id=attempt_id, user=user, question_id=question_id, now=now)
    if upload is None:
        raise AttachmentNotAccepted(NO_FILE)
    name, limit = str(upload.name or "file"), settings.ESSAY_FILE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise AttachmentNotAccepted(TOO_BIG.format(name=name, size=-(-upload.size // 1024), limit=limit // 1024))
    kinds = essay_settings(response.question.choices)["attachment_types"]
    try:
        checked = attachment_check(name=name, data=bytes(upload.read(limit + 1)), max_bytes=limit, kinds=kinds)
    except AttachmentRefused as exc:
        raise AttachmentNotAccepted(str(exc)) from exc
    row = ResponseFile(
        response=response, name=checked.name, kind=checked.kind, size=len(checked.data), sha256=hashlib.sha256(checked.data).hexdigest()
    )
    # The blob is written before the attempt's lock is taken, so a slow disk never holds up the
    # student's autosaves or a submit; if the attempt closed meanwhile, it is deleted again.
    row.file.save("attachment", ContentFile(checked.data), save=False)
    try:
        with transaction.atomic():
            _locked_open(attempt_id, now)
            old = ResponseFile.objects.filter(response=response).first()
            if old is not None:
                old.delete()
                transaction.on_commit(lambda: old.file.storage.delete(old.file.name))
            row.save()
    except AttemptError:
        row.file.storage.delete(row.file.name)
        raise
    return row


def response_file_remove(*, attempt_id: int, user: RequestUser, question_id: int) -> None:
    """Remove the file the user attached to essay ``question_id`` of their open attempt."""
    now = timezone.now()
    response = _essay_response(attempt_id=attempt_id, user=user, question_id=question_id, now=now)
    with transaction.atomic():
        _locked_open(attempt_id, now)
        old = ResponseFile.objects.filter(response=response).first()
        if old is None:
            raise AttachmentNotAccepted(NOTHING_TO_REMOVE)
        old.delete()
        transaction.on_commit(lambda: old.file.storage.delete(old.file.name))
