"""A student's progress page and starting a practice quiz."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.ui import chart_bars
from courseware import selectors as course_selectors
from courseware.permissions import RequestUser
from quizzes import review_policy
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors import progress as selectors_progress
from quizzes.services import practice as practice_services
from quizzes.topics import topic_label
from quizzes.views.posted import int_or_none


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    user: RequestUser = request.user
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
    course = course_selectors.course_get_for_user(user=request.user, course_id=int_or_none(request.POST.get("course")) or 0)
    try:
        quiz = practice_services.practice_quiz_build(user=request.user, course=course)
    except practice_services.PracticeLimitReached as exc:
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
