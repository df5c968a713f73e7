"""HTML endpoints of the teaching workflow (issue 17), kept apart from ``quizzes.views`` so that
file stays small: flagging a question during an attempt, students' accommodations, and an
instructor's view of one attempt with mark overrides.

Thin views: the permission-checked fetch happens in the service (the student's own attempt) or
in ``quizzes.selectors.teach``, which also holds what these pages read.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from courseware.models import CourseGroup, Enrollment, User
from courseware.permissions import instructor_required
from quizzes.models import Attempt, Quiz
from quizzes.presenters import answer_text, key_text
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors.attempts import quiz_get_for_instructor
from quizzes.selectors.banks import bank_get_for_user, question_get_for_user
from quizzes.selectors.marking import response_number
from quizzes.selectors.teach import (
    accommodation_get,
    accommodation_list,
    attempt_get_for_instructor,
    attempt_overrides,
    attempt_reopenings,
    bank_regrade_logs,
    group_accommodation_get,
    group_accommodation_list,
    regrade_log_for_instructor,
)
from quizzes.services import attempt_rules as attempt_services
from quizzes.services.accommodations import (
    accommodation_delete,
    accommodation_save,
    group_accommodation_delete,
    group_accommodation_save,
)
from quizzes.services.flags import response_flag
from quizzes.services.overrides import attempt_close, attempt_reopen, response_override
from quizzes.services.regrade_preview import question_change_preview

FLAG_NOT_SAVED = "The flag was not saved: {message}"
ACCOMMODATION_SAVED = "Accommodation saved for {name}."
ACCOMMODATION_REMOVED = "Accommodation removed for {name}."
GROUP_ACCOMMODATION_SAVED = "Accommodation saved for the group “{name}”."
GROUP_ACCOMMODATION_REMOVED = "Accommodation removed for the group “{name}”."
MARK_SAVED = "Mark of question {number} saved; the student sees it with your comment."
OVERRIDE_NOT_A_NUMBER = "Give the points as a number, e.g. 0.5."
ATTEMPT_CLOSED = "Attempt closed: the answers saved so far were submitted for grading."
ATTEMPT_REOPENED = "Attempt reopened: the student can answer until {deadline}."
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


class AccommodationTermsForm(forms.Form):
    extra_minutes = forms.IntegerField(min_value=0, max_value=7 * 24 * 60, required=False, initial=0, label="Extra time (minutes)")
    opens_at = forms.DateTimeField(
        required=False, widget=_DATETIME, label=f"Opens ({settings.TIME_ZONE})", help_text="empty: when the quiz opens"
    )
    closes_at = forms.DateTimeField(
        required=False, widget=_DATETIME, label=f"Closes ({settings.TIME_ZONE})", help_text="empty: when the quiz closes"
    )
    extra_attempts = forms.IntegerField(min_value=0, max_value=100, required=False, initial=0, label="Extra attempts")

    def terms(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "extra_time_seconds": (data["extra_minutes"] or 0) * 60,
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "extra_attempts": data["extra_attempts"] or 0,
        }


class AccommodationForm(AccommodationTermsForm):
    student = forms.ModelChoiceField(queryset=User.objects.none(), empty_label="Choose a student")
    field_order = ["student"]

    def __init__(self, *args: Any, quiz: Quiz, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            enrollments__course_id=quiz.module.course_id, enrollments__role=Enrollment.Role.STUDENT
        ).order_by("last_name", "first_name", "username")
        self.fields["student"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"  # type: ignore[attr-defined]


class GroupAccommodationForm(AccommodationTermsForm):
    group = forms.ModelChoiceField(queryset=CourseGroup.objects.none(), empty_label="Choose a group")
    field_order = ["group"]

    def __init__(self, *args: Any, quiz: Quiz, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group: Any = self.fields["group"]
        group.queryset = CourseGroup.objects.filter(course_id=quiz.module.course_id).annotate(n=Count("members")).order_by("name")
        group.label_from_instance = lambda g: f"{g.name} ({g.n} student{'s' if g.n != 1 else ''})"


def _name(user: Any) -> str:
    return user.get_full_name() or user.username


@instructor_required
def quiz_accommodations(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """Each student's own, and each course group's, extra time, dates and attempts for one quiz
    (Moodle's user and group overrides)."""
    quiz = quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    posted = request.POST if request.method == "POST" else None
    for_group = posted is not None and posted.get("for") == "group"
    form = AccommodationForm(None if for_group else posted, quiz=quiz)
    group_form = GroupAccommodationForm(posted if for_group else None, quiz=quiz, prefix="grp")
    if posted is not None and "remove" in posted:
        raw = posted.get("remove", "")
        granted = accommodation_get(quiz=quiz, user_id=int(raw)) if raw.isdigit() else None
        if granted is not None:
            accommodation_delete(quiz=quiz, student=granted.user)
            messages.success(request, ACCOMMODATION_REMOVED.format(name=_name(granted.user)))
        return redirect("quiz-accommodations", quiz_id=quiz.pk)
    if posted is not None and "remove_group" in posted:
        raw = posted.get("remove_group", "")
        granted_group = group_accommodation_get(quiz=quiz, group_id=int(raw)) if raw.isdigit() else None
        if granted_group is not None:
            group_accommodation_delete(quiz=quiz, group=granted_group.group)
            messages.success(request, GROUP_ACCOMMODATION_REMOVED.format(name=granted_group.group.name))
        return redirect("quiz-accommodations", quiz_id=quiz.pk)
    if posted is not None and not for_group and form.is_valid():
        try:
            accommodation_save(quiz=quiz, student=form.cleaned_data["student"], granted_by=request.user, **form.terms())
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, ACCOMMODATION_SAVED.format(name=_name(form.cleaned_data["student"])))
            return redirect("quiz-accommodations", quiz_id=quiz.pk)
    if for_group and group_form.is_valid():
        group = group_form.cleaned_data["group"]
        try:
            group_accommodation_save(quiz=quiz, group=group, granted_by=request.user, **group_form.terms())
        except ValidationError as exc:
            group_form.add_error(None, exc.messages)
        else:
            messages.success(request, GROUP_ACCOMMODATION_SAVED.format(name=group.name))
            return redirect(f"{reverse('quiz-accommodations', args=[quiz.pk])}#group-accommodations")
    return render(
        request,
        "quizzes/quiz_accommodations.html",
        {
            "quiz": quiz,
            "course": quiz.module.course,
            "form": form,
            "group_form": group_form,
            "rows": accommodation_list(quiz=quiz),
            "group_rows": group_accommodation_list(quiz=quiz),
        },
    )


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
                messages.success(
                    request, ATTEMPT_REOPENED.format(deadline=date_format(timezone.localtime(attempt.deadline), "j M Y, H:i T"))
                )
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
            messages.success(request, MARK_SAVED.format(number=response_number(attempt=attempt, position=position)))
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
