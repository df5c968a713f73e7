"""Reads of question files and essay attachments (``quizzes.models.files``): one permission-checked
fetch of each, used by the views that serve them.

Who may see a question's image is who may see the question: the instructors who may read its
bank (``bank_list_for_user``: the course's instructors, everyone's for a shared bank, admins for
all), and a student only through an attempt of theirs that holds that very version (in a course
they are still enrolled in), while answering and afterwards. Anyone else gets NotFound, exactly as
for a file that does not exist, so ids and names reveal nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.errors import NotFound
from courseware.permissions import RequestUser, is_instructor
from quizzes.models import QuestionFile, Response, ResponseFile
from quizzes.selectors.attempts import attempt_list_for_user
from quizzes.selectors.banks import bank_list_for_user
from quizzes.selectors.marking import responses_markable_by

QUESTION_FILE_NOT_FOUND = "No such file."


def question_file_get_for_user(*, user: RequestUser, question_id: int, name: str) -> QuestionFile:
    if not user.is_authenticated:
        raise NotFound(QUESTION_FILE_NOT_FOUND)
    shown_in_attempt = Response.objects.filter(attempt__in=attempt_list_for_user(user=user).order_by(), question_id=question_id)
    allowed = Q(question_id__in=shown_in_attempt.values("question_id"))
    if is_instructor(user):
        allowed |= Q(question__bank__in=bank_list_for_user(user=user))
    try:
        return QuestionFile.objects.filter(allowed).get(question_id=question_id, name=name)
    except (QuestionFile.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(QUESTION_FILE_NOT_FOUND) from exc


def question_files(*, question_id: int) -> QuerySet[QuestionFile]:
    """The files of one question version (the caller has fetched the question with its own check)."""
    return QuestionFile.objects.filter(question_id=question_id).order_by("name")


def response_file_get_for_user(*, user: RequestUser, response_id: int) -> tuple[ResponseFile, bool]:
    """The file attached to an essay response, and whether ``user`` is the student who attached it.

    The student may fetch it from their own attempt (in a course they are still enrolled in),
    while answering and afterwards; the quiz's markers (its course's instructors, site admins)
    whatever the attempt's state. Anyone else gets NotFound, as for a response without a file.
    """
    if not user.is_authenticated:
        raise NotFound(QUESTION_FILE_NOT_FOUND)
    own = Q(response__attempt__in=attempt_list_for_user(user=user).order_by().values("pk"))
    allowed = own
    if is_instructor(user):
        allowed |= Q(response__in=Response.objects.filter(responses_markable_by(user=user)).values("pk"))
    try:
        stored = ResponseFile.objects.select_related("response__attempt").filter(allowed).get(response_id=response_id)
    except (ResponseFile.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(QUESTION_FILE_NOT_FOUND) from exc
    return stored, stored.response.attempt.user_id == user.pk


def response_files_of(*, attempt_id: int) -> dict[int, ResponseFile]:
    """The files attached to an attempt's essays, by response id (the caller has fetched the
    attempt with its own check)."""
    return {f.response_id: f for f in ResponseFile.objects.filter(response__attempt_id=attempt_id)}
