"""Reads of question files (``quizzes.models.files``): one permission-checked fetch, used by the
view that serves them.

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
from quizzes.models import QuestionFile, Response
from quizzes.selectors.attempts import attempt_list_for_user
from quizzes.selectors.banks import bank_list_for_user

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
