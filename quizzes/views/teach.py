"""HTML endpoints of the teaching workflow (issue 17), kept apart from ``quizzes.views`` so that
file stays small: flagging a question during an attempt, students' accommodations, and an
instructor's view of one attempt with mark overrides.

Thin views: the permission-checked fetch happens in the service (the student's own attempt) or
in ``quizzes.selectors_teach``, which also holds what these pages read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from courseware.models import Enrollment, User
from courseware.permissions import instructor_required
from quizzes.models import Attempt, Quiz
from quizzes.presenters import answer_text, key_text
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors.attempts import quiz_get_for_instructor
from quizzes.selectors.banks import bank_get_for_user, question_get_for_user
from quizzes.selectors.teach import (
    accommodation_get,
    accommodation_list,
    attempt_get_for_instructor,
    attempt_overrides,
    attempt_reopenings,
    bank_regrade_logs,
    regrade_log_for_instructor,
)
from quizzes.services import attempt_rules as attempt_services
from quizzes.services.accommodations import accommodation_delete, accommodation_save
from quizzes.services.flags import response_flag
from quizzes.services.overrides import attempt_close, attempt_reopen, response_override
from quizzes.services.regrade_preview import question_change_preview

FLAG_NOT_SAVED = "The flag was not saved: {message}"
ACCOMMODATION_SAVED = "Accommodation saved for {name}."
ACCOMMODATION_REMOVED = "Accommodation removed for {name}."
MARK_SAVED = "Mark of question {position} saved; the student sees it with your comment."
OVERRIDE_NOT_A_NUMBER = "Give the points as a number, e.g. 0.5."
ATTEMPT_CLOSED = "Attempt closed: the answers saved so far were submitted for grading."
ATTEMPT_REOPENED = "Attempt reopened: the student can answer until {deadline} UTC."
REOPEN_MINUTES_NOT_A_NUMBER = "Give the minutes as a whole number, e.g. 30."


@login_required
@require_POST
def attempt_flag(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Flag or unflag one question. From the page's script: 204 with ``X-Flagged``; a plain-text
    reason on refusal. Without JavaScript the button posts the question's form here, and the
    student is sent back to the question."""
    from_script = request.headers.get("X-Requested-With") == "XMLHttpRequest"
    flagged = request.POST.get("flagged") == "1"
    try:
        saved = response_flag(attempt_id=attempt_id, user=request.user, question_id=request.POST.get("question"), flagged=flagged)
    except attempt_services.AttemptError as exc:
        if from_script:
            reply = HttpResponse(FLAG_NOT_SAVED.format(message=exc.message), status=409, content_type="text/plain")
            if isinstance(exc, attempt_services.AttemptNotInProgress | attempt_services.DeadlinePassed):
                reply["X-Attempt-Closed"] = "1"
            return reply
        messages.error(request, FLAG_NOT_SAVED.format(message=exc.message))
        return redirect("attempt-take", attempt_id=attempt_id)
    if from_script:
        reply = HttpResponse(status=204)
        reply["X-Flagged"] = "1" if saved.flagged else "0"
        return reply
    page = request.POST.get("page", "1")
    page = page if page.isdigit() else "1"
    return redirect(f"{reverse('attempt-take', args=[attempt_id])}?page={page}#q-{saved.position}")


# --- accommodations ------------------------------------------------------------------------------------

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AccommodationForm(forms.Form):
    student = forms.ModelChoiceField(queryset=User.objects.none(), empty_label="Choose a student")
    extra_minutes = forms.IntegerField(min_value=0, max_value=7 * 24 * 60, required=False, initial=0, label="Extra time (minutes)")
    opens_at = forms.DateTimeField(required=False, widget=_DATETIME, label="Opens for this student (UTC)")
    closes_at = forms.DateTimeField(required=False, widget=_DATETIME, label="Closes for this student (UTC)")
    extra_attempts = forms.IntegerField(min_value=0, max_value=100, required=False, initial=0, label="Extra attempts")

    def __init__(self, *args: Any, quiz: Quiz, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            enrollments__course_id=quiz.module.course_id, enrollments__role=Enrollment.Role.STUDENT
        ).order_by("last_name", "first_name", "username")
        self.fields["student"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"  # type: ignore[attr-defined]


@instructor_required
def quiz_accommodations(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """Each student's own extra time, dates and attempts for one quiz (Moodle's user overrides)."""
    quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    form = AccommodationForm(request.POST or None, quiz=quiz)
    if request.method == "POST" and "remove" in request.POST:
        raw = request.POST.get("remove", "")
        granted = accommodation_get(quiz=quiz, user_id=int(raw)) if raw.isdigit() else None
        if granted is not None:
            student = granted.user
            accommodation_delete(quiz=quiz, student=student)
            messages.success(request, ACCOMMODATION_REMOVED.format(name=student.get_full_name() or student.username))
        return redirect("quiz-accommodations", quiz_id=quiz.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            accommodation_save(
                quiz=quiz,
                student=data["student"],
                granted_by=request.user,
                extra_time_seconds=(data["extra_minutes"] or 0) * 60,
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                extra_attempts=data["extra_attempts"] or 0,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            student = data["student"]
            messages.success(request, ACCOMMODATION_SAVED.format(name=student.get_full_name() or student.username))
            return redirect("quiz-accommodations", quiz_id=quiz.pk)
    rows = accommodation_list(quiz=quiz)
    return render(request, "quizzes/quiz_accommodations.html", {"quiz": quiz, "course": quiz.module.course, "form": form, "rows": rows})


# --- an instructor's view of one attempt ----------------------------------------------------------------


@instructor_required
def attempt_inspect(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Every question as the student saw it, their answers, the key and the marks; a mark can be
    overridden with a comment, and an attempt in progress closed."""
    attempt = attempt_get_for_instructor(user=request.user, attempt_id=attempt_id)
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                attempt_close(attempt=attempt, by=request.user)
                messages.success(request, ATTEMPT_CLOSED)
                return redirect("attempt-inspect", attempt_id=attempt.pk)
            if request.POST.get("action") == "reopen":
                raw_minutes = request.POST.get("minutes", "").strip()
                if not raw_minutes.isdigit():
                    raise ValidationError(REOPEN_MINUTES_NOT_A_NUMBER)
                attempt_reopen(attempt=attempt, by=request.user, reason=request.POST.get("reason", ""), minutes=int(raw_minutes))
                messages.success(request, ATTEMPT_REOPENED.format(deadline=f"{attempt.deadline:%d %b %Y, %H:%M}"))
                return redirect("attempt-inspect", attempt_id=attempt.pk)
            position = int(request.POST.get("position", ""))
            raw_points = request.POST.get("points", "").strip()
            points = None if request.POST.get("action") == "clear" else Decimal(raw_points)
            response_override(attempt=attempt, position=position, by=request.user, points=points, comment=request.POST.get("comment", ""))
        except (ValueError, InvalidOperation):
            messages.error(request, OVERRIDE_NOT_A_NUMBER)
        except ValidationError as exc:
            if request.POST.get("action") in ("close", "reopen"):
                errors[0] = exc.messages
            else:
                errors[int(request.POST.get("position", "0") or 0)] = exc.messages
        else:
            messages.success(request, MARK_SAVED.format(position=position))
            return redirect(f"{reverse('attempt-inspect', args=[attempt.pk])}#r-{position}")
    result = (
        selectors_attempts.attempt_result_for_user(user=request.user, attempt=attempt) if attempt.state == Attempt.State.GRADED else None
    )
    who = attempt_overrides(attempt=attempt)
    rows = [
        {
            "item": item,
            "answer_text": answer_text(item, item.answer),
            "correct_text": key_text(item, item.correct_answer),
            "override": who.get(item.position),
            "errors": errors.get(item.position, []),
        }
        for item in (result.items if result else [])
    ]
    return render(
        request,
        "quizzes/attempt_inspect.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "course": attempt.quiz.module.course,
            "result": result,
            "rows": rows,
            "reopenings": attempt_reopenings(attempt=attempt),
            "attempt_errors": errors.get(0, []),
            "reopen_minutes": request.POST.get("minutes") or (attempt.quiz.time_limit_seconds or 1800) // 60,
            "reopen_reason": request.POST.get("reason", ""),
        },
    )


# --- regrade reports ------------------------------------------------------------------------------------


@instructor_required
def regrade_report(request: HttpRequest, log_id: int) -> HttpResponse:
    """What one regrade changed: each attempt, the question's points and the score before and after."""
    log, changes = regrade_log_for_instructor(user=request.user, log_id=log_id)
    return render(request, "quizzes/regrade_report.html", {"log": log, "changes": changes})


@instructor_required
def bank_regrades(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The regrades of a bank's questions, newest first, each with how many attempts changed."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    logs = bank_regrade_logs(bank=bank)
    return render(request, "quizzes/bank_regrades.html", {"bank": bank, "logs": logs})


@instructor_required
def question_change_confirm(request: HttpRequest, question_id: int, action: str) -> HttpResponse:
    """Before approving a corrected key or retiring a question: whose scores would change (a dry
    run), then the confirm button, which posts to the usual status endpoint."""
    if action not in ("approve", "retire"):
        raise Http404("No such action.")
    question = question_get_for_user(user=request.user, question_id=question_id)
    try:
        preview = question_change_preview(question=question, user=request.user, action=action)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("bank-review", bank_id=question.bank_id)
    return render(request, "quizzes/question_change_confirm.html", {"question": question, "action": action, "preview": preview})
