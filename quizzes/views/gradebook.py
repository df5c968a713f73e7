"""Instructors: a course's gradebook, a quiz's item statistics, a student's detail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.ui import chart_bars
from courseware import selectors as course_selectors
from courseware.permissions import instructor_required
from quizzes.models import Attempt
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors import gradebook as selectors_gradebook
from quizzes.selectors import statistics as selectors_statistics
from quizzes.topics import topic_label


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
    result = selectors_statistics.quiz_statistics(quiz=quiz)
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
    overview = chart_bars([(f"Q{item.number}", (item.facility or 0) / 100, _facility_label(item)) for item in result.items])
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


def _facility_label(item: selectors_statistics.ItemStatistics) -> str:
    """The overview's label: "80%", or for an essay "100%, 1 marked of 3", its facility being over
    the marked essays alone."""
    figure = f"{item.facility or 0:.0f}%"
    return figure if item.marked is None else f"{figure}, {item.marked} marked of {item.attempts}"


@instructor_required
def quiz_stats_csv(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = selectors_attempts.quiz_get_for_instructor(user=request.user, quiz_id=quiz_id)
    reply = HttpResponse(selectors_statistics.quiz_statistics_csv(quiz=quiz), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="item-statistics-quiz-{quiz.pk}.csv"'
    return reply


@instructor_required
def student_detail(request: HttpRequest, course_id: int, user_id: int) -> HttpResponse:
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    detail = selectors_gradebook.student_detail_for_course(course=course, student_id=user_id)
    mastery = chart_bars([(topic_label(t.topic), t.mastery, f"{round(t.mastery * 100)}%") for t in detail.topics])
    quizzes = {a.quiz_id: a.quiz for a in detail.attempts}  # in the attempts' order, each quiz once
    # A graded attempt whose essays wait for marking has a provisional score but no grade yet: the
    # quiz's line says so with that score, as the attempt's row does, not a bare "not graded".
    pending = {a.quiz_id: a for a in detail.attempts if a.state == Attempt.State.GRADED and a.marking_pending}
    quiz_grades = [
        {"quiz": quiz, "grade": detail.grades.get(quiz_id), "pending": pending.get(quiz_id)} for quiz_id, quiz in quizzes.items()
    ]
    return render(
        request, "quizzes/student_detail.html", {"course": course, "detail": detail, "mastery": mastery, "quiz_grades": quiz_grades}
    )
