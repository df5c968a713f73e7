"""A dry run of a question change (approving a corrected key, retiring a question): which
attempts' scores would change, before the instructor confirms.

The change and its regrade are run for real inside a transaction that is then rolled back, so
the preview is computed by exactly the code the confirmed change runs (nothing can drift) and
nothing of it stays: not the new status, not the regrade log, not the task the change would
enqueue on commit (on_commit callbacks of a rolled-back block are discarded).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from courseware.permissions import RequestUser
from quizzes.models import Question, RegradeChange, RegradeLog
from quizzes.services import review as review_services
from quizzes.services.grading import RegradeWaiting, question_regrade_run


@dataclass(frozen=True)
class PreviewRow:
    student: str
    attempt_id: int
    quiz_title: str
    number: int
    score_before: Decimal | None
    score_after: Decimal | None
    max_score_after: Decimal


@dataclass(frozen=True)
class ChangePreview:
    rows: list[PreviewRow]
    waiting: bool = False  # some attempts are being graded: the preview may miss them


class _Rollback(Exception):
    pass


def question_change_preview(*, question: Question, user: RequestUser, action: str) -> ChangePreview:
    """What ``action`` ("approve" or "retire") of ``question`` would change; nothing is saved."""
    preview = ChangePreview(rows=[])
    last_log = RegradeLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        with transaction.atomic():
            if action == "approve":
                review_services.question_approve(question=question, user=user)
            else:
                review_services.question_retire(question=question, user=user)
            # The log the change just made (question_regrade_if_needed logs the changed version).
            log = RegradeLog.objects.filter(pk__gt=last_log, question=question).first()
            if log is not None:
                try:
                    question_regrade_run(regrade_log_id=log.pk)
                except RegradeWaiting:
                    preview = ChangePreview(rows=[], waiting=True)
                changes = RegradeChange.objects.filter(log=log).select_related("attempt__user", "attempt__quiz")
                rows = [
                    PreviewRow(
                        student=c.attempt.user.get_full_name() or c.attempt.user.username,
                        attempt_id=c.attempt_id,
                        quiz_title=c.attempt.quiz.title,
                        number=c.attempt.number,
                        score_before=c.score_before,
                        score_after=c.score_after,
                        max_score_after=c.max_score_after,
                    )
                    for c in changes.order_by("attempt__user__username", "attempt__number")
                ]
                preview = ChangePreview(rows=rows, waiting=preview.waiting)
            raise _Rollback
    except _Rollback:
        pass
    return preview
