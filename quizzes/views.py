"""HTML pages of the quizzes app: taking quizzes, results, progress, and the instructor's
question review, quiz editor, gradebook and item statistics.

Thin views: permission-checked fetches, then the same services the API calls. The quiz-taking
page is built from ``quizzes.forms.question_for_student``, which never copies an answer key.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.ui import chart_bars
from courseware import selectors as course_selectors
from courseware.models import Module
from courseware.permissions import instructor_required
from quizzes import review_policy, selectors_attempts, selectors_gradebook, selectors_progress
from quizzes.forms import QuestionEditForm, QuizSettingsForm, answer_from_post, answer_is_given, question_for_attempt, student_question
from quizzes.interop import CONTENT_TYPES, FILE_EXTENSIONS
from quizzes.models import Attempt, Question, QuestionBank, QuestionType, Quiz, Response
from quizzes.questiontypes import number_text
from quizzes.selectors import bank_default_status, bank_get_for_user, bank_list_for_user, bank_questions, question_get_for_user
from quizzes.selectors_grading import attempt_grading_is_late
from quizzes.selectors_teach import quiz_settings_for
from quizzes.services import attempts as attempt_services
from quizzes.services import banks as bank_services
from quizzes.services import progress as progress_services
from quizzes.services import quizzes as quiz_services
from quizzes.services import review as review_services
from quizzes.services.interop import EXPORT_FORMATS, IMPORT_FORMATS, questions_export, questions_import
from quizzes.topics import topic_label

ANSWER_NOT_SAVED = "Your answer was not saved: {message}"


# --- fetching ---------------------------------------------------------------------------------------


def _attempt_get(user: Any, attempt_id: int) -> Attempt:
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
        except attempt_services.AttemptError as exc:
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
        attempt_services.quiz_check_can_start(quiz=quiz, user=request.user, settings=effective)
    except attempt_services.AttemptError as exc:
        can_start = exc.message
    if can_start is None and attempts_left == 0 and in_progress is None:
        can_start = attempt_services.NO_ATTEMPTS_LEFT.format(allowed=effective.attempts_allowed)
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
    return sum(s.count for s in quiz.sources.all()) + quiz.fixed_questions.count()


def _pages(count: int, per_page: int) -> int:
    return 1 if not per_page else max(1, (count + per_page - 1) // per_page)


@login_required
def attempt_take(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_get(request.user, attempt_id)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("attempt-result", attempt_id=attempt.pk)
    if attempt_services.attempt_is_expired(attempt=attempt):
        attempt_services.attempt_autosubmit(attempt_id=attempt.pk)
        messages.info(request, attempt_services.DEADLINE_PASSED_SUBMITTED)
        return redirect("attempt-result", attempt_id=attempt.pk)
    quiz = attempt.quiz
    # Points and the numeric unit are the only things the page needs beyond the key-free selector;
    # the unit is read out of the key in the database, so the key itself never reaches this view.
    extras = {
        row["position"]: row
        for row in Response.objects.filter(attempt=attempt)
        .annotate(unit=KeyTextTransform("unit", "question__answer"))
        .values("position", "max_points", "unit")
    }
    questions = [
        question_for_attempt(item, points=extras[item.position]["max_points"], unit=extras[item.position]["unit"] or "")
        for item in selectors_attempts.attempt_questions(attempt=attempt)
    ]
    per_page = quiz.questions_per_page
    pages = _pages(len(questions), per_page)
    try:
        page = min(max(1, int(request.GET.get("page", "1"))), pages)
    except ValueError:
        page = 1
    shown = questions[(page - 1) * per_page : page * per_page] if per_page else questions
    page_of = {q.position: (index // per_page + 1) if per_page else 1 for index, q in enumerate(questions)}
    nav = [
        {
            "position": q.position,
            "answered": q.answered,
            "flagged": q.flagged,
            "page": page_of[q.position],
            "here": page_of[q.position] == page,
        }
        for q in questions
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
            "total": len(questions),
        },
    )


@login_required
@require_POST
def attempt_answer(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Autosave one answer (htmx). 204 on success; a plain-text reason otherwise.

    The browser retries on network failure, so this must be harmless to repeat: the service
    stores the answer as given, and saving the same answer twice changes nothing.
    """
    attempt = _attempt_get(request.user, attempt_id)
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        return HttpResponse("Unknown question.", status=422, content_type="text/plain")
    response = Response.objects.filter(attempt=attempt, question_id=question_id).select_related("question").first()
    if response is None:
        return HttpResponse("Unknown question.", status=422, content_type="text/plain")
    answer = answer_from_post(type=response.question.type, data=request.POST)
    try:
        saved = attempt_services.response_save(attempt_id=attempt.pk, user=request.user, question_id=question_id, answer=answer)
    except (attempt_services.AttemptNotInProgress, attempt_services.DeadlinePassed) as exc:
        reply = HttpResponse(exc.message, status=409, content_type="text/plain")
        reply["X-Attempt-Closed"] = "1"
        return reply
    except attempt_services.AttemptError as exc:
        return HttpResponse(ANSWER_NOT_SAVED.format(message=exc.message), status=422, content_type="text/plain")
    reply = HttpResponse(status=204)
    reply["X-Answered"] = "1" if saved.answer is not None else "0"
    return reply


@login_required
def attempt_submit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_get(request.user, attempt_id)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("attempt-result", attempt_id=attempt.pk)
    if request.method == "POST":
        try:
            attempt_services.attempt_submit(attempt=attempt, user=request.user)
        except attempt_services.DeadlinePassed as exc:
            messages.info(request, exc.message)
        except attempt_services.AttemptError as exc:
            messages.error(request, exc.message)
        return redirect("attempt-result", attempt_id=attempt.pk)
    responses = list(Response.objects.filter(attempt=attempt).select_related("question").order_by("position"))
    unanswered = [r.position for r in responses if not answer_is_given(r.answer)]
    per_page = attempt.quiz.questions_per_page
    return render(
        request,
        "quizzes/attempt_submit.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "unanswered": [{"position": p, "page": ((p - 1) // per_page + 1) if per_page else 1} for p in unanswered],
            "flagged": [
                {"position": r.position, "page": ((r.position - 1) // per_page + 1) if per_page else 1} for r in responses if r.flagged
            ],
            "total": len(responses),
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


def _result_context(user: Any, attempt: Attempt) -> dict[str, Any]:
    if attempt.state != Attempt.State.GRADED:
        # Past the sweep interval the page stops promising "a few seconds" and says what is true.
        return {"graded": False, "grading_late": attempt_grading_is_late(attempt=attempt)}
    result = selectors_attempts.attempt_result_for_user(user=user, attempt=attempt)
    rows = [
        {"item": item, "answer_text": answer_text(item, item.answer), "correct_text": key_text(item, item.correct_answer)}
        for item in result.items
    ]
    return {"graded": True, "result": result, "rows": rows}


def _option_texts(item: Any) -> dict[str, str]:
    return {str(o["id"]): str(o.get("text", "")) for o in (item.options or []) + (item.left or [])}


def answer_text(item: Any, value: Any) -> str:
    """A student's answer as words (option texts, not ids)."""
    if not answer_is_given(value):
        return ""
    texts = _option_texts(item)
    if isinstance(value, bool):
        return "True" if value else "False"
    if item.type == "matching" and isinstance(value, dict):
        return "; ".join(f"{texts.get(k, k)} → {texts.get(str(v), v)}" for k, v in value.items())
    if isinstance(value, list):
        joiner = " → " if item.type == "ordering" else ", "
        return joiner.join(texts.get(str(v), str(v)) for v in value)
    if item.type == "numeric":
        return number_text(value)  # as the student typed it; an older stored float without a trailing ".0"
    return texts.get(str(value), str(value)) if item.type in ("single_choice",) else str(value)


def key_text(item: Any, key: Any) -> str:
    """An answer key as words, in the shapes of quizzes.questiontypes."""
    if not isinstance(key, dict):
        return "" if key is None else str(key)
    if item.type == QuestionType.ESSAY:
        # Markers' eyes only (the review page, the instructor's attempt view).
        parts = ["marked by an instructor"]
        if key.get("grader_info"):
            parts.append(f"guide: {key['grader_info']}")
        if key.get("rubric"):
            parts.append("rubric: " + "; ".join(str(c.get("criterion", "")) for c in key["rubric"]))
        return " · ".join(parts)
    if "pairs" in key:
        return answer_text(item, key["pairs"])
    if "order" in key:
        return answer_text(item, key["order"])
    if "accepted" in key:
        return " or ".join(str(a) for a in key["accepted"])
    if "value" in key:
        tolerance = f" ± {number_text(key['tolerance'])}" if key.get("tolerance") else ""
        return f"{number_text(key['value'])}{tolerance} {key.get('unit', '')}".strip()
    if "correct" in key:
        return answer_text(item, key["correct"])
    return ""


# --- progress -----------------------------------------------------------------------------------------


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    summary = selectors_progress.progress_for_user(user=user)
    # Each score only where the quiz's review policy shows it (the result page's and the API's
    # rule): a quiz reviewed "nothing" keeps its scores from the student here too.
    history = review_policy.score_rows(user=user, attempts=selectors_attempts.attempt_list_for_user(user=user))
    attempts = [row for row in history if not row.attempt.quiz.is_practice]
    lessons = course_selectors.lessons_done_by_course(user=user)
    graded = [(row.attempt.graded_at or row.attempt.started_at, row.percent) for row in reversed(attempts) if row.percent is not None]
    return render(
        request,
        "quizzes/progress.html",
        {
            "summary": summary,
            "attempts": attempts,
            "score_chart": _line_chart(graded),
            "score_points": [row for row in reversed(attempts) if row.percent is not None],
            "mastery_chart": chart_bars([(topic_label(m.topic), m.mastery, f"{round(m.mastery * 100)}%") for m in summary.topics]),
            "practice": [row for row in history if row.attempt.quiz.is_practice][:10],
            "courses": course_selectors.course_list_for_user(user=user),
            "lessons_done": [
                (course, *lessons[course.pk]) for course in course_selectors.course_list_for_user(user=user) if course.pk in lessons
            ],
        },
    )


@login_required
@require_POST
def practice_start(request: HttpRequest) -> HttpResponse:
    """Build today's practice quiz from the facts due in the spaced-repetition schedule."""
    course = course_selectors.course_get_for_user(user=request.user, course_id=_int_or_none(request.POST.get("course")) or 0)
    try:
        quiz = progress_services.practice_quiz_build(user=request.user, course=course)
    except progress_services.PracticeLimitReached as exc:
        messages.error(request, exc.message)
        return redirect("progress")
    if quiz is None:
        messages.info(request, "Nothing is due for practice in this course today.")
        return redirect("progress")
    return redirect("quiz-start", quiz_id=quiz.pk)


def _line_chart(points: list[tuple[Any, float]]) -> dict[str, Any]:
    """Geometry for a score-over-time line (0..100 %) in a 400 x 160 SVG, evenly spaced by attempt."""
    if not points:
        return {"points": "", "dots": []}
    step = 360 / max(1, len(points) - 1)
    dots = [
        {"x": round(30 + i * step) if len(points) > 1 else 210, "y": round(140 - value * 1.2), "value": value}
        for i, (_, value) in enumerate(points)
    ]
    return {"points": " ".join(f"{d['x']},{d['y']}" for d in dots), "dots": dots}


# --- instructors: quiz editor ----------------------------------------------------------------------------


def _sources_from_post(request: HttpRequest, user: Any) -> tuple[list[quiz_services.SourceSpec], list[str]]:
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


def _bank_choices(user: Any) -> list[dict[str, Any]]:
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
                _add_errors(form, exc)
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
                "bank": _int_or_none(request.POST.get(f"bank-{i}")),
                "topic": request.POST.get(f"topic-{i}", ""),
                "count": request.POST.get(f"count-{i}", ""),
            }
            for i in range(SOURCE_ROWS)
        ]
    # The preview's first draw, so a quiz whose sources cannot be filled without questions that
    # give each other away says so where it is set up, not only when someone previews it.
    short = [s.message for s in attempt_services.quiz_draw(quiz=quiz, seed=1).short] if quiz else []
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


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
    draw = attempt_services.quiz_draw(quiz=quiz, seed=seed)
    questions = [
        student_question(question=d.question, position=i, option_order=d.option_order, points=d.question.points, prefix=f"p{i}")
        for i, d in enumerate(draw.questions, start=1)
    ]
    context = {"quiz": quiz, "questions": questions, "short": [s.message for s in draw.short], "seed": seed, "next_seed": seed + 1}
    return render(request, "quizzes/quiz_preview.html", context)


# --- instructors: gradebook and statistics ----------------------------------------------------------------


@instructor_required
def gradebook(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    book = selectors_gradebook.gradebook_for_course(course=course)
    return render(request, "quizzes/gradebook.html", {"course": course, "book": book})


@instructor_required
def gradebook_csv(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    reply = HttpResponse(selectors_gradebook.gradebook_csv(course=course), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="gradebook-{course.slug}.csv"'
    return reply


@instructor_required
def quiz_stats(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = selectors_attempts.quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    result = selectors_gradebook.quiz_statistics(quiz=quiz)
    charts = []
    for item in result.items:
        total = max(1, sum(o.count for o in item.options))
        charts.append(
            {
                "item": item,
                "options": chart_bars(
                    # Right answers in green, the others neutral: a bar's colour must not suggest a grade.
                    [
                        (
                            o.text or o.option,
                            o.count / total,
                            f"{o.count}{' ✓' if o.is_correct else ''}",
                            "high" if o.is_correct else "plain",
                        )
                        for o in item.options
                    ]
                ),
            }
        )
    # Labels stay short in the chart; the table under it carries each question's full text.
    overview = chart_bars([(f"Q{item.number}", (item.facility or 0) / 100, f"{item.facility or 0:.0f}%") for item in result.items])
    return render(
        request,
        "quizzes/quiz_stats.html",
        {
            "quiz": quiz,
            "charts": charts,
            "overview": overview,
            "result": result,
            "any_varies": any(item.position_varies for item in result.items),
        },
    )


@instructor_required
def quiz_stats_csv(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = selectors_attempts.quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    reply = HttpResponse(selectors_gradebook.quiz_statistics_csv(quiz=quiz), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="item-statistics-quiz-{quiz.pk}.csv"'
    return reply


@instructor_required
def student_detail(request: HttpRequest, course_id: int, user_id: int) -> HttpResponse:
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    detail = selectors_gradebook.student_detail_for_course(course=course, student_id=user_id)
    mastery = chart_bars([(topic_label(t.topic), t.mastery, f"{round(t.mastery * 100)}%") for t in detail.topics])
    quizzes = {a.quiz_id: a.quiz for a in detail.attempts}  # in the attempts' order, each quiz once
    quiz_grades = [{"quiz": quiz, "grade": detail.grades.get(quiz_id)} for quiz_id, quiz in quizzes.items()]
    return render(
        request, "quizzes/student_detail.html", {"course": course, "detail": detail, "mastery": mastery, "quiz_grades": quiz_grades}
    )


# --- instructors: question review --------------------------------------------------------------------------


@instructor_required
def bank_list(request: HttpRequest) -> HttpResponse:
    banks = (
        bank_list_for_user(user=request.user)
        .select_related("reading", "course")
        .annotate(
            drafts=Count("questions", filter=Q(questions__is_current=True, questions__status=Question.Status.DRAFT)),
            approved=Count("questions", filter=Q(questions__is_current=True, questions__status=Question.Status.APPROVED)),
        )
        .order_by("name")
    )
    return render(request, "quizzes/bank_list.html", {"banks": banks})


REVIEW_PAGE_SIZE = 25


def _review_card(question: Question) -> dict[str, Any]:
    """A question as the student would see it, plus what only the reviewer sees beside it."""
    order = (
        [c["id"] for c in question.choices] if isinstance(question.choices, list) else [c["id"] for c in question.choices.get("right", [])]
    )
    shown = student_question(question=question, position=0, option_order=order, points=question.points, prefix=f"b{question.pk}")
    return {"question": question, "shown": shown, "key": key_text(shown, question.answer)}


@instructor_required
def bank_review(request: HttpRequest, bank_id: int) -> HttpResponse:
    from django.core.paginator import Paginator

    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    filters = {
        "status": request.GET.get("status") or bank_default_status(bank=bank),
        "type": request.GET.get("type", ""),
        "topic": request.GET.get("topic", ""),
        "text": request.GET.get("text", "").strip()[:200],
        "order": request.GET.get("order", "best"),
    }
    # Best first by default (the generator's quality), so the reviewer sees the keepers first.
    questions = bank_questions(
        bank=bank,
        status=filters["status"] if filters["status"] in Question.Status.values else None,
        type=filters["type"] if filters["type"] in QuestionType.values else None,
        topic=filters["topic"] or None,
        text=filters["text"] or None,
        order=filters["order"],
    )
    page = Paginator(questions, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    topics = list(
        Question.objects.filter(bank=bank, is_current=True).exclude(topic="").values_list("topic", flat=True).distinct().order_by("topic")
    )
    query = request.GET.copy()
    query.pop("page", None)
    cards = [_review_card(q) for q in page.object_list]
    can_change = bank_services.bank_can_change(user=request.user, bank=bank)
    return render(
        request,
        "quizzes/bank_review.html",
        {
            "bank": bank,
            "can_change": can_change,
            "copy_courses": [] if can_change else list(course_selectors.course_list_taught_by(user=request.user).order_by("title")),
            "cards": cards,
            "drafts_shown": any(card["question"].status == Question.Status.DRAFT for card in cards),
            "page": page,
            "filters": filters,
            "topics": topics,
            "statuses": Question.Status.choices,
            "types": QuestionType.choices,
            "orders": [("best", "Best first"), ("reading", "Reading order")],
            "query": query.urlencode(),
            **_interop_context(),
        },
    )


# How the review page names the formats of quizzes.services.interop.
FORMAT_LABELS = {"gift": "GIFT", "moodle-xml": "Moodle XML", "aiken": "Aiken", "json": "JSON"}


class BankImportForm(forms.Form):
    format = forms.ChoiceField(choices=[(f, FORMAT_LABELS[f]) for f in IMPORT_FORMATS], label="Format")
    file = forms.FileField(label="File (UTF-8)")

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > settings.READING_MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {settings.READING_MAX_BYTES // (1024 * 1024)} MB.")
        return file


def _interop_context() -> dict[str, Any]:
    return {
        "import_form": BankImportForm(auto_id="import-%s"),
        "export_formats": [(f, FORMAT_LABELS[f]) for f in EXPORT_FORMATS],
    }


@instructor_required
@require_POST
def bank_import(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Import a file into the bank and show what happened: how many questions, which were
    refused and why, and what was imported only approximately."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    form = BankImportForm(request.POST, request.FILES, auto_id="import-%s")
    if not form.is_valid():
        context = {"bank": bank, **_interop_context(), "import_form": form}
        return render(request, "quizzes/bank_import.html", context, status=400)
    try:
        report = questions_import(bank=bank, fmt=form.cleaned_data["format"], data=form.cleaned_data["file"].read(), user=request.user)
    except ValidationError as exc:
        form.add_error("file", exc.messages)
        context = {"bank": bank, **_interop_context(), "import_form": form}
        return render(request, "quizzes/bank_import.html", context, status=400)
    context = {"bank": bank, **_interop_context(), "report": report, "filename": form.cleaned_data["file"].name}
    return render(request, "quizzes/bank_import.html", context)


@instructor_required
@require_POST
def bank_copy(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Copy a bank the instructor may read (a shared one) into a course they teach, to change it there."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=_int_or_none(request.POST.get("course")) or 0)
    try:
        copy = bank_services.bank_copy_to_course(bank=bank, course=course, user=request.user, name=request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("bank-review", bank.pk)
    messages.success(request, f"Copied into {course.title}: this copy is yours to change.")
    return redirect("bank-review", copy.pk)


@instructor_required
def bank_export(request: HttpRequest, bank_id: int, fmt: str) -> HttpResponse:
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    response = HttpResponse(questions_export(fmt=fmt, bank=bank), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="bank-{bank.pk}.{FILE_EXTENSIONS[fmt]}"'
    return response


def _back_to_bank(request: HttpRequest, bank: QuestionBank) -> HttpResponse:
    query = request.POST.get("query", "")
    url = reverse("bank-review", args=[bank.pk]) + (f"?{query}" if query else "")
    return redirect(url)


@instructor_required
@require_POST
def bank_bulk_approve(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Approve the picked drafts as they are, or (the page's drafts, or the whole bank) only each
    exclusion group's best: the same rule as the API's bank-wide approval."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    scope = request.POST.get("scope", "")
    held_back = 0
    if scope in ("page", "bank"):
        shown = [int(i) for i in request.POST.getlist("shown") if i.isdigit()] if scope == "page" else None
        approval = review_services.bank_approve_best(bank=bank, user=request.user, within=shown)
        changed, held_back = approval.approved, approval.held_back
    else:
        ids = [int(i) for i in request.POST.getlist("questions") if i.isdigit()]
        changed = review_services.questions_bulk_approve(questions=Question.objects.filter(bank=bank, pk__in=ids), user=request.user)
    message = f"{changed} question{'s' if changed != 1 else ''} approved."
    if held_back:
        message += HELD_BACK_MESSAGE.format(count=held_back, s="s" if held_back != 1 else "")
    messages.success(request, message)
    return _back_to_bank(request, bank)


HELD_BACK_MESSAGE = (
    " {count} draft{s} left as draft{s}: another question of the same exclusion group is better or already approved"
    " (approve one explicitly if you want it too)."
)


@instructor_required
@require_POST
def question_status(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    action = request.POST.get("action")
    try:
        if action == "approve":
            question = review_services.question_approve(question=question, user=request.user)
        elif action == "retire":
            question = review_services.question_retire(question=question, user=request.user)
        else:
            raise ValidationError("Unknown action.")
    except ValidationError as exc:
        if getattr(request, "htmx", False):
            return HttpResponse("; ".join(exc.messages), status=422, content_type="text/plain")
        messages.error(request, "; ".join(exc.messages))
        return _back_to_bank(request, question.bank)
    if getattr(request, "htmx", False):
        # Replace just this question's card, so the reviewer keeps their place in the list.
        return render(
            request,
            "quizzes/partials/review_card.html",
            {"card": _review_card(question), "bank": question.bank, "query": request.POST.get("query", ""), "can_change": True},
        )
    messages.success(request, f"Question {action}d.")
    return _back_to_bank(request, question.bank)


def _question_form_page(request: HttpRequest, *, bank: QuestionBank, question: Question | None) -> HttpResponse:
    form = QuestionEditForm(request.POST or None, initial=QuestionEditForm.initial_for(question) if question else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if question is None:
                saved = review_services.question_create_manual(bank=bank, user=request.user, **data)
            else:
                saved = review_services.question_edit(question=question, user=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Question saved as a draft: approve it to use it in quizzes.")
            return redirect(reverse("bank-review", args=[bank.pk]) + f"?status={saved.status}#question-{saved.pk}")
    card = _review_card(question) if question else None
    return render(request, "quizzes/question_edit.html", {"form": form, "bank": bank, "question": question, "card": card})


@instructor_required
def question_new(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    bank_services.bank_check_can_change(user=request.user, bank=bank)
    return _question_form_page(request, bank=bank, question=None)


@instructor_required
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    if not question.is_current:
        raise Http404("This is an old version of the question.")
    bank_services.bank_check_can_change(user=request.user, bank=question.bank)
    return _question_form_page(request, bank=question.bank, question=question)
