"""Instructors: the quiz editor (settings and question sources) and the quiz preview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from courseware import selectors as course_selectors
from courseware.models import Module
from courseware.permissions import RequestUser, instructor_required
from quizzes.forms import QuizSettingsForm, student_question
from quizzes.models import Question, QuestionType, Quiz
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors.banks import bank_list_for_user
from quizzes.services import draws
from quizzes.services import quizzes as quiz_services
from quizzes.views.posted import add_errors, int_or_none


def _sources_from_post(request: HttpRequest, user: RequestUser) -> tuple[list[quiz_services.SourceSpec], list[str]]:
    """Rows bank-N / topic-N / count-N of the quiz editor; rows with no count are ignored."""
    banks = {str(b.pk): b for b in bank_list_for_user(user=user)}
    specs: list[quiz_services.SourceSpec] = []
    errors: list[str] = []
    for i in range(SOURCE_ROWS):
        bank_id, count = request.POST.get(f"bank-{i}", ""), request.POST.get(f"count-{i}", "").strip()
        if not bank_id or not count:
            continue
        bank = banks.get(bank_id)
        if bank is None:
            errors.append("Choose a question bank you may use.")
            continue
        try:
            number = int(count)
        except ValueError:
            errors.append(f"“{count}” is not a number of questions.")
            continue
        specs.append(quiz_services.SourceSpec(bank=bank, count=number, topic=request.POST.get(f"topic-{i}", "").strip()))
    return specs, errors


SOURCE_ROWS = 4


def _bank_choices(user: RequestUser) -> list[dict[str, Any]]:
    banks = bank_list_for_user(user=user).annotate(
        approved=Count("questions", filter=Q(questions__is_current=True, questions__status=Question.Status.APPROVED))
    )
    return [{"pk": b.pk, "name": b.name, "approved": b.approved} for b in banks.order_by("name")]


def _editor(request: HttpRequest, *, module: Module, quiz: Quiz | None) -> HttpResponse:
    initial = QuizSettingsForm.initial_for(quiz) if quiz else None
    form = QuizSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        specs, errors = _sources_from_post(request, request.user)
        for error in errors:
            form.add_error(None, error)
        if not errors:
            try:
                if quiz is None:
                    quiz = quiz_services.quiz_create(module=module, owner=request.user, sources=specs, **form.settings())
                else:
                    # Empty source rows keep the quiz's sources (the editor shows them prefilled).
                    quiz_services.quiz_update(quiz=quiz, changes=form.settings(), sources=specs or None)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"Quiz “{quiz.title}” saved.")
                return redirect("quiz-edit", quiz_id=quiz.pk)
    sources = list(quiz.sources.select_related("bank").order_by("id")) if quiz else []
    rows = [
        {
            "i": i,
            "bank": sources[i].bank_id if i < len(sources) else None,
            "topic": sources[i].topic if i < len(sources) else "",
            "count": sources[i].count if i < len(sources) else "",
        }
        for i in range(SOURCE_ROWS)
    ]
    if request.method == "POST":
        rows = [
            {
                "i": i,
                "bank": int_or_none(request.POST.get(f"bank-{i}")),
                "topic": request.POST.get(f"topic-{i}", ""),
                "count": request.POST.get(f"count-{i}", ""),
            }
            for i in range(SOURCE_ROWS)
        ]
    # The preview's first draw, so a quiz whose sources cannot be filled without questions that
    # give each other away says so where it is set up, not only when someone previews it.
    short = [s.message for s in draws.quiz_draw(quiz=quiz, seed=1).short] if quiz else []
    return render(
        request,
        "quizzes/quiz_edit.html",
        {
            "form": form,
            "quiz": quiz,
            "module": module,
            "course": module.course,
            "rows": rows,
            "banks": _bank_choices(request.user),
            "short": short,
        },
    )


@instructor_required
def quiz_new(request: HttpRequest, module_id: int) -> HttpResponse:
    return _editor(request, module=course_selectors.module_get_for_instructor(user=request.user, module_id=module_id), quiz=None)


@instructor_required
def quiz_edit(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = selectors_attempts.quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    return _editor(request, module=quiz.module, quiz=quiz)


@instructor_required
def quiz_preview(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """The quiz as a student would see one draw of it (a fixed seed, so reloading shows the same)."""
    quiz = selectors_attempts.quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    try:
        seed = int(request.GET.get("seed", "1"))
    except ValueError:
        seed = 1
    draw = draws.quiz_draw(quiz=quiz, seed=seed)
    questions = [
        student_question(question=d.question, position=i, option_order=d.option_order, points=d.question.points, prefix=f"p{i}")
        for i, d in enumerate(draw.questions, start=1)
    ]
    # Numbered as the student sees them: a description is text between questions, not a question.
    number = 0
    for q in questions:
        if q.type != QuestionType.DESCRIPTION:
            number += 1
            q.number = number
    context = {"quiz": quiz, "questions": questions, "short": [s.message for s in draw.short], "seed": seed, "next_seed": seed + 1}
    return render(request, "quizzes/quiz_preview.html", context)
