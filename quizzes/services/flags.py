"""Flag a question for later: a student's own "come back to this" mark during an attempt.

Kept on the server (``Response.flagged``) so it survives a reload, another device and the pages
of a paged quiz; it is shown in the navigation panel and the submit dialog and never changes a
grade. The same rules as saving an answer: only the attempt's student, only while it is in
progress and before its deadline (a flag is part of working on the attempt).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.errors import NotFound
from courseware.permissions import RequestUser
from quizzes.models import Attempt, QuestionType, Response
from quizzes.services.attempt_rules import (
    ATTEMPT_NOT_FOUND,
    ATTEMPT_NOT_IN_PROGRESS,
    DEADLINE_PASSED,
    UNKNOWN_QUESTION,
    AttemptNotInProgress,
    DeadlinePassed,
    UnknownQuestion,
)

DESCRIPTION_NOT_FLAGGED = "That is a description, not a question: there is nothing to flag."


def response_flag(*, attempt_id: int, user: RequestUser, question_id: Any, flagged: bool) -> Response:
    """Set or clear the flag on one question of the user's own attempt in progress.

    One conditional UPDATE does the work (the attempt's owner, state and deadline are in its
    WHERE), so a flag can never land on a submitted attempt even when submit races it; only a
    miss costs reads, to say why.
    """
    if not user.is_authenticated:
        raise NotFound(ATTEMPT_NOT_FOUND)
    try:
        parsed_id = int(question_id)
    except (TypeError, ValueError):
        parsed_id = 0  # matches no question: the miss path says why
    now = timezone.now()
    # The enrolment join: a student removed from the course can no longer work on its attempts.
    open_attempt = Attempt.objects.filter(
        pk=attempt_id, user_id=user.pk, state=Attempt.State.IN_PROGRESS, quiz__module__course__enrollments__user_id=user.pk
    ).exclude(deadline__lte=now)
    # A description is text between questions: nothing to come back to, so it cannot be flagged.
    updated = (
        Response.objects.filter(attempt__in=open_attempt, question_id=parsed_id)
        .exclude(question__type=QuestionType.DESCRIPTION)
        .update(flagged=flagged)
    )
    if not updated:
        attempt = Attempt.objects.filter(pk=attempt_id, user_id=user.pk).first()
        if attempt is None:
            raise NotFound(ATTEMPT_NOT_FOUND)
        if attempt.state != Attempt.State.IN_PROGRESS:
            raise AttemptNotInProgress(ATTEMPT_NOT_IN_PROGRESS)
        if attempt.deadline is not None and now >= attempt.deadline:
            raise DeadlinePassed(DEADLINE_PASSED)
        if Response.objects.filter(attempt=attempt, question_id=parsed_id, question__type=QuestionType.DESCRIPTION).exists():
            raise UnknownQuestion(DESCRIPTION_NOT_FLAGGED)
        raise UnknownQuestion(UNKNOWN_QUESTION.format(question_id=question_id))
    return Response.objects.get(attempt_id=attempt_id, question_id=parsed_id)
