"""HTML endpoints of essay marking: a quiz's marking queue and the page marking one essay.

Thin views: the permission-checked fetches are the selectors' (``quiz_get_for_instructor``,
``essay_response_get_for_marker``); the marking itself is ``quizzes.services.marking``'s, which
the API calls too.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from courseware.permissions import instructor_required
from quizzes.media import files_rewrite
from quizzes.selectors.attempts import question_text_format, quiz_get_for_instructor
from quizzes.selectors.keys import effective_keys
from quizzes.selectors.marking import essay_response_get_for_marker, mark_history, marking_queue, response_attachment, student_label
from quizzes.services.marking import MarkConflict, MarkInput, essay_mark, essay_marks_release

MARK_SAVED = "Mark saved{released}."
RELEASED = "{count} mark{s} released to the students."
NOT_A_NUMBER = "Give the points as a number, e.g. 2.5."


@instructor_required
def quiz_marking(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """The quiz's essays to mark (unmarked first), and releasing the marks held back."""
    quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    if request.method == "POST" and request.POST.get("action") == "release":
        count = essay_marks_release(quiz=quiz, by=request.user)
        messages.success(request, RELEASED.format(count=count, s="" if count == 1 else "s"))
        return redirect("quiz-marking", quiz_id=quiz.pk)
    rows = marking_queue(quiz=quiz)
    return render(
        request,
        "quizzes/marking_queue.html",
        {
            "quiz": quiz,
            "course": quiz.module.course,
            "rows": rows,
            "to_mark": sum(1 for r in rows if not r.marked),
            "to_release": sum(1 for r in rows if r.marked and not r.released),
        },
    )


def _mark_input(post: Any) -> MarkInput:
    raw = post.get("points", "").strip()
    try:
        points = Decimal(raw) if raw else None
        version = int(post.get("version", ""))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(NOT_A_NUMBER) from exc
    if points is not None and not points.is_finite():
        raise ValidationError(NOT_A_NUMBER)
    rubric = {key[len("rubric-") :]: value for key, value in post.items() if key.startswith("rubric-") and value}
    return MarkInput(points=points, comment=post.get("comment", ""), rubric=rubric, version=version, release=post.get("release") == "1")


@instructor_required
def essay_mark_page(request: HttpRequest, response_id: int) -> HttpResponse:
    """One essay with the question's marking guide and rubric, the mark form and the mark history.

    A mark given by someone else since this page was loaded is not overwritten: the page comes
    back (409) with their mark and the marker's own input kept, to change it knowingly."""
    response = essay_response_get_for_marker(user=request.user, response_id=response_id)
    quiz = response.attempt.quiz
    errors: list[str] = []
    status = 200
    posted: dict[str, Any] = {}
    if request.method == "POST":
        posted = {"points": request.POST.get("points", ""), "comment": request.POST.get("comment", "")}
        try:
            essay_mark(response=response, by=request.user, mark=_mark_input(request.POST))
        except MarkConflict as exc:
            errors, status = exc.messages, 409
            response = essay_response_get_for_marker(user=request.user, response_id=response_id)
        except ValidationError as exc:
            errors, status = exc.messages, 400
        else:
            released = request.POST.get("release") == "1"
            messages.success(request, MARK_SAVED.format(released=" and released to the student" if released else " (not released yet)"))
            return redirect(reverse("quiz-marking", args=[quiz.pk]))
    key = effective_keys(questions=[response.question])[response.question_id]
    history = mark_history(response=response)
    chosen = history[0].rubric if history else {}
    rubric = [
        {**criterion, "levels": [{**level, "checked": chosen.get(criterion["id"]) == level["id"]} for level in criterion["levels"]]}
        for criterion in key.answer.get("rubric") or []
    ]
    return render(
        request,
        "quizzes/essay_mark.html",
        {
            "quiz": quiz,
            "response": response,
            "student": student_label(attempt=response.attempt, anonymous=quiz.anonymous_marking),
            "grader_info": key.answer.get("grader_info", ""),
            # Imported stems and grader information keep Moodle's format (sanitised by the filter).
            "text_format": question_text_format(response.question),
            "stem": files_rewrite(response.question.stem, response.question_id),
            "attachment": response_attachment(response),
            "rubric": rubric,
            "history": history,
            "errors": errors,
            "posted": posted,
        },
        status=status,
    )
