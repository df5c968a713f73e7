"""Serving question images (only to those who may see the question, ``question_file_get_for_user``)
and essay attachments (to the student who attached one and the quiz's markers,
``response_file_get_for_user``); anyone else gets the same 404 as for a file that does not exist."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_safe

from quizzes.attachments import download_response
from quizzes.selectors.files import question_file_get_for_user, response_file_get_for_user


@require_safe
def question_file(request: HttpRequest, question_id: int, name: str) -> FileResponse:
    stored = question_file_get_for_user(user=request.user, question_id=question_id, name=name)
    # The type checked at upload, never one guessed from the name; shown in the page, not saved;
    # nosniff so a browser never reads the bytes as anything else (the middleware sets it too).
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type, as_attachment=False, filename=stored.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(stored.size)
    return response


@require_safe
def response_file(request: HttpRequest, response_id: int) -> FileResponse:
    stored, own = response_file_get_for_user(user=request.user, response_id=response_id)
    return download_response(stored, own=own)
