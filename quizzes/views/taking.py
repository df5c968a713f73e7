"""Pages for taking a quiz: start, the attempt's pages, saving an answer, submit, the result."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import NotFound
from courseware.permissions import RequestUser
from quizzes import review_policy
from quizzes.forms import answer_from_post, answer_is_given, question_for_attempt
from quizzes.models import Attempt, QuestionType, Quiz, Response
from quizzes.presenters import answer_text, key_text
from quizzes.questiontypes import ATTACHMENTS_NONE, essay_needs_a_file
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors.files import response_files_of
from quizzes.selectors.grading import attempt_grading_is_late
from quizzes.selectors.teach import quiz_settings_for
from quizzes.services import attachments as attachment_services
from quizzes.services import attempt_rules
from quizzes.services import attempts as attempt_services

ANSWER_NOT_SAVED = "Your answer was not saved: {message}"
UNKNOWN_QUESTION = "Unknown question."
FILE_NOT_ATTACHED = "Your file was not attached: {message} Your essay and any file attached before are kept."
FILE_NOT_REMOVED = "The file was not removed: {message}"
FILE_ATTACHED = "{name} is attached to question {number}."
FILE_REMOVED = "The file attached to question {number} is removed."


# --- fetching ---------------------------------------------------------------------------------------


def _attempt_get(user: RequestUser, attempt_id: int) -> Attempt:
    """The user's own attempt. Instructors may read their students' attempts elsewhere (the
    gradebook), but these pages act as the attempt's student, so anyone else gets a 404."""
    attempt = selectors_attempts.attempt_get_for_user(user=user, attempt_id=attempt_id)
    if attempt.user_id != user.pk:
        raise Http404(selectors_attempts.ATTEMPT_NOT_FOUND)
    return attempt


# --- taking a quiz ------------------------------------------------------------------------------------


@login_required
def quiz_start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = selectors_attempts.quiz_get_for_user(user=request.user, quiz_id=quiz_id)
    if request.method == "POST":
        try:
            attempt = attempt_services.attempt_start(quiz=quiz, user=request.user)
        except attempt_rules.AttemptError as exc:
            messages.error(request, exc.message)
            return redirect("quiz-start", quiz_id=quiz.pk)
        return redirect("attempt-take", attempt_id=attempt.pk)
    attempts = list(selectors_attempts.attempt_list_for_user(user=request.user, quiz=quiz).order_by("number"))
    in_progress = next((a for a in attempts if a.state == Attempt.State.IN_PROGRESS), None)
    # Each score only where the review policy shows it (quizzes.review_policy).
    rows = review_policy.score_rows(user=request.user, attempts=attempts)
    # The student's own settings (their accommodation, if any): shown, and checked, here.
    effective = quiz_settings_for(quiz=quiz, user=request.user)
    attempts_left = None if effective.attempts_allowed is None else max(0, effective.attempts_allowed - len(attempts))
    can_start: str | None = None
    try:
        attempt_rules.quiz_check_can_start(quiz=quiz, user=request.user, settings=effective)
    except attempt_rules.AttemptError as exc:
        can_start = exc.message
    if can_start is None and attempts_left == 0 and in_progress is None:
        can_start = attempt_rules.NO_ATTEMPTS_LEFT.format(allowed=effective.attempts_allowed)
    return render(
        request,
        "quizzes/quiz_start.html",
        {
            "quiz": quiz,
            "settings": effective,
            "attempts": rows,
            "in_progress": in_progress,
            "attempts_left": attempts_left,
            "blocked": can_start,
            "question_count": _question_count(quiz),
        },
    )


def _question_count(quiz: Quiz) -> int:
    # Descriptions are text between questions, not questions (and sources never draw them).
    return sum(s.count for s in quiz.sources.all()) + quiz.fixed_questions.exclude(question__type=QuestionType.DESCRIPTION).count()


def _pages(count: int, per_page: int) -> int:
    return 1 if not per_page else max(1, (count + per_page - 1) // per_page)


def _page_of(numbers: list[int | None], per_page: int) -> list[int]:
    """The page of each item (in position order, numbered as ``question_numbers``): pages hold
    ``per_page`` questions, and a description goes on the page of the question it introduces
    (the next one; the last page if none follows)."""
    if not per_page:
        return [1] * len(numbers)
    last = _pages(sum(1 for n in numbers if n is not None), per_page)
    pages: list[int] = []
    following = last
    for number in reversed(numbers):
        if number is not None:
            following = (number - 1) // per_page + 1
        pages.append(following)
    return pages[::-1]


@login_required
def attempt_take(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_get(request.user, attempt_id)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("attempt-result", attempt_id=attempt.pk)
    if attempt_rules.attempt_is_expired(attempt=attempt):
        attempt_services.attempt_autosubmit(attempt_id=attempt.pk)
        messages.info(request, attempt_rules.DEADLINE_PASSED_SUBMITTED)
        return redirect("attempt-result", attempt_id=attempt.pk)
    quiz = attempt.quiz
    questions = [
        question_for_attempt(item, points=item.max_points, unit=item.unit) for item in selectors_attempts.attempt_questions(attempt=attempt)
    ]
    per_page = quiz.questions_per_page
    total = sum(1 for q in questions if q.number is not None)
    pages = _pages(total, per_page)
    try:
        page = min(max(1, int(request.GET.get("page", "1"))), pages)
    except ValueError:
        page = 1
    page_of = dict(zip((q.position for q in questions), _page_of([q.number for q in questions], per_page), strict=True))
    shown = [q for q in questions if page_of[q.position] == page]
    # One more query, and only on a page with an essay that takes a file: what is attached.
    if any((q.essay or {}).get("attachments", ATTACHMENTS_NONE) != ATTACHMENTS_NONE for q in shown):
        attached = response_files_of(attempt_id=attempt.pk)
        for q in shown:
            q.attachment = attached.get(q.response_id)
    # The navigator (and the submit dialog, which reads it) lists questions, not descriptions.
    nav = [
        {
            "position": q.position,
            "number": q.number,
            "answered": q.answered,
            "flagged": q.flagged,
            "page": page_of[q.position],
            "here": page_of[q.position] == page,
        }
        for q in questions
        if q.number is not None
    ]
    return render(
        request,
        "quizzes/attempt_take.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "questions": shown,
            "nav": nav,
            "page": page,
            "pages": pages,
            "page_range": range(1, pages + 1),
            "now": timezone.now(),
            "total": total,
            "max_bytes": settings.ESSAY_FILE_MAX_BYTES,
        },
    )


@login_required
@require_POST
def attempt_answer(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Autosave one answer (htmx). 204 on success; a plain-text reason otherwise.

    The browser retries on network failure, so this must be harmless to repeat: the service
    stores the answer as given, and saving the same answer twice changes nothing.
    """
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        return HttpResponse(UNKNOWN_QUESTION, status=422, content_type="text/plain")
    # The service's read is the permission check (the student's own attempt, in a course they
    # still take) and brings the question's type, by which the form's fields are read: the
    # hottest page of a burst costs what the API's save does (two statements, or one once the
    # process remembers the question's shape).
    try:
        saved = attempt_services.response_save_with(
            attempt_id=attempt_id,
            user=request.user,
            question_id=question_id,
            answer_for=lambda type: answer_from_post(type=type, data=request.POST),
        )
    except NotFound as exc:
        raise Http404(selectors_attempts.ATTEMPT_NOT_FOUND) from exc
    except (attempt_rules.AttemptNotInProgress, attempt_rules.DeadlinePassed) as exc:
        reply = HttpResponse(exc.message, status=409, content_type="text/plain")
        reply["X-Attempt-Closed"] = "1"
        return reply
    except attempt_rules.UnknownQuestion:
        return HttpResponse(UNKNOWN_QUESTION, status=422, content_type="text/plain")
    except attempt_rules.AttemptError as exc:
        return HttpResponse(ANSWER_NOT_SAVED.format(message=exc.message), status=422, content_type="text/plain")
    reply = HttpResponse(status=204)
    reply["X-Answered"] = "1" if saved.answer is not None else "0"
    return reply


@login_required
@require_POST
def attempt_attach(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Attach a file to an essay (a multipart form beside the essay's box), or remove it
    (``remove=1``); back to the question with a message saying what happened. The essay's text
    is saved by the question's own form as the student types, so nothing here touches it."""
    page = request.POST.get("page", "1")
    page = page if page.isdigit() else "1"
    back = f"{reverse('attempt-take', args=[attempt_id])}?page={page}#q-{request.POST.get('position', '')}"
    number = request.POST.get("number", "")
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        messages.error(request, FILE_NOT_ATTACHED.format(message=UNKNOWN_QUESTION))
        return redirect(back)
    removing = request.POST.get("remove") == "1"
    try:
        if removing:
            attachment_services.response_file_remove(attempt_id=attempt_id, user=request.user, question_id=question_id)
            messages.success(request, FILE_REMOVED.format(number=number))
        else:
            stored = attachment_services.response_file_attach(
                attempt_id=attempt_id, user=request.user, question_id=question_id, upload=request.FILES.get("file")
            )
            messages.success(request, FILE_ATTACHED.format(name=stored.name, number=number))
    except NotFound as exc:
        raise Http404(selectors_attempts.ATTEMPT_NOT_FOUND) from exc
    except attempt_rules.AttemptError as exc:
        messages.error(request, (FILE_NOT_REMOVED if removing else FILE_NOT_ATTACHED).format(message=exc.message))
        if isinstance(exc, attempt_rules.AttemptNotInProgress | attempt_rules.DeadlinePassed):
            return redirect("attempt-result", attempt_id=attempt_id)
    return redirect(back)


@login_required
def attempt_submit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_get(request.user, attempt_id)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("attempt-result", attempt_id=attempt.pk)
    if request.method == "POST":
        try:
            attempt_services.attempt_submit(attempt=attempt, user=request.user)
        except attempt_rules.DeadlinePassed as exc:
            messages.info(request, exc.message)
        except attempt_rules.AttemptError as exc:
            messages.error(request, exc.message)
        return redirect("attempt-result", attempt_id=attempt.pk)
    responses = list(Response.objects.filter(attempt=attempt).select_related("question", "attachment").order_by("position"))
    numbers = selectors_attempts.question_numbers(r.question.type for r in responses)
    pages = _page_of(numbers, attempt.quiz.questions_per_page)
    # Descriptions (number None) take no answer: never "unanswered", never counted.
    questions = [
        {
            "position": r.position,
            "number": number,
            "page": page,
            "answered": answer_is_given(r.answer),
            "flagged": r.flagged,
            # As in Moodle, an essay that asks for a file is still submitted without one (the marker
            # sees none attached); the student is told before, while they can still attach it.
            "file_missing": essay_needs_a_file(r.question.type, r.question.choices) and not hasattr(r, "attachment"),
        }
        for r, number, page in zip(responses, numbers, pages, strict=True)
        if number is not None
    ]
    return render(
        request,
        "quizzes/attempt_submit.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "unanswered": [q for q in questions if not q["answered"]],
            "flagged": [q for q in questions if q["flagged"]],
            "files_missing": [q for q in questions if q["file_missing"]],
            "total": len(questions),
        },
    )


@login_required
def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_get(request.user, attempt_id)
    if attempt.state == Attempt.State.IN_PROGRESS:
        return redirect("attempt-take", attempt_id=attempt.pk)
    context = {"attempt": attempt, "quiz": attempt.quiz, **_result_context(request.user, attempt)}
    if getattr(request, "htmx", False):
        # The polling element asks for just the result block; it stops polling once graded,
        # because the graded block carries no hx-trigger.
        return render(request, "quizzes/partials/result_block.html", context)
    return render(request, "quizzes/attempt_result.html", context)


def _result_context(user: RequestUser, attempt: Attempt) -> dict[str, Any]:
    if attempt.state != Attempt.State.GRADED:
        # Past the sweep interval the page stops promising "a few seconds" and says what is true.
        return {"graded": False, "grading_late": attempt_grading_is_late(attempt=attempt)}
    result = selectors_attempts.attempt_result_for_user(user=user, attempt=attempt)
    rows = [
        {"item": item, "answer_text": answer_text(item, item.answer), "correct_text": key_text(item, item.correct_answer)}
        for item in result.items
    ]
    return {"graded": True, "result": result, "rows": rows}
