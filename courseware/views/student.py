"""Students' pages: the dashboard, a course, a module, a lesson (key terms marked), a reading, marking a
lesson done; and an instructor hiding a section.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.ui import chart_bars
from courseware import selectors
from courseware.models import Lesson
from courseware.permissions import RequestUser, instructor_required, is_instructor, is_site_admin
from courseware.services import lessons as lesson_services
from courseware.services import readings as reading_services
from quizzes import review_policy
from quizzes.models import Attempt, Quiz
from quizzes.selectors import attempts as selectors_attempts
from quizzes.selectors import progress as selectors_progress
from quizzes.topics import topic_label


def paragraphs_with_terms(body: str, terms: list[str]) -> list[list[tuple[str, bool]]]:
    """Split a lesson body into paragraphs of (text, is_key_term) segments.

    Highlighting is done by splitting plain text, not by building HTML, so the template can
    auto-escape every segment and imported text can never inject markup.
    """
    clean_terms = sorted({t.strip() for t in terms if isinstance(t, str) and t.strip()}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in clean_terms) + r")\b", re.IGNORECASE) if clean_terms else None
    result: list[list[tuple[str, bool]]] = []
    for para in re.split(r"\n\s*\n", body or ""):
        para = " ".join(para.split())
        if not para:
            continue
        if pattern is None:
            result.append([(para, False)])
            continue
        segments: list[tuple[str, bool]] = []
        last = 0
        for match in pattern.finditer(para):
            if match.start() > last:
                segments.append((para[last : match.start()], False))
            segments.append((match.group(0), True))
            last = match.end()
        if last < len(para):
            segments.append((para[last:], False))
        result.append(segments)
    return result


def _squashed(text: str) -> str:
    return " ".join(text.split())


def _key_terms(lesson: Lesson) -> list[str]:
    terms: list[str] = []
    for item in lesson.key_terms or []:
        if isinstance(item, str):
            terms.append(item)
        elif isinstance(item, dict) and isinstance(item.get("term"), str):
            terms.append(item["term"])
    return terms


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user: RequestUser = request.user
    now = timezone.now()
    courses = list(selectors.course_list_for_user(user=user))
    open_quizzes = list(
        selectors_attempts.quiz_list_for_user(user=user)
        .filter(is_published=True, is_practice=False)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("closes_at", "title")[:20]
    )
    graded = selectors_attempts.attempt_list_for_user(user=user).filter(state=Attempt.State.GRADED).order_by("-graded_at")[:5]
    # Each score only where the quiz's review policy shows it (quizzes.review_policy).
    recent = review_policy.score_rows(user=user, attempts=graded, now=now)
    summary = selectors_progress.progress_for_user(user=user, now=now)
    return render(
        request,
        "courseware/dashboard.html",
        {
            "courses": courses,
            "open_quizzes": open_quizzes,
            "recent": recent,
            "mastery_chart": chart_bars([(topic_label(m.topic), m.mastery, f"{round(m.mastery * 100)}%") for m in summary.topics]),
            "practice_due": summary.facts_due,
        },
    )


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_user(user=request.user, course_id=course_id)
    modules = (
        selectors.module_list_for_user(user=request.user)
        .filter(course=course)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.filter(is_published=True).order_by("order", "id")),
            Prefetch("quizzes", queryset=Quiz.objects.filter(is_published=True, is_practice=False)),
        )
    )
    lesson_ids = [lesson.pk for module in modules for lesson in module.lessons.all()]
    done = selectors.lessons_completed_by(user=request.user, lesson_ids=lesson_ids)
    return render(
        request,
        "courseware/course_detail.html",
        {"course": course, "modules": modules, "done": done, "done_count": len(done), "lesson_count": len(lesson_ids)},
    )


@login_required
def module_detail(request: HttpRequest, module_id: int) -> HttpResponse:
    module = selectors.module_get_for_user(user=request.user, module_id=module_id)
    lessons = list(module.lessons.filter(is_published=True).order_by("order", "id"))
    quizzes = module.quizzes.filter(is_published=True, is_practice=False).order_by("id")
    done = selectors.lessons_completed_by(user=request.user, lesson_ids=[lesson.pk for lesson in lessons])
    return render(request, "courseware/module_detail.html", {"module": module, "lessons": lessons, "quizzes": quizzes, "done": done})


@login_required
def lesson_detail(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.lesson_get_for_user(user=request.user, lesson_id=lesson_id)
    siblings = list(lesson.module.lessons.filter(is_published=True).order_by("order", "id").values("id", "title"))
    ids = [s["id"] for s in siblings]
    index = ids.index(lesson.pk) if lesson.pk in ids else -1
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if 0 <= index < len(siblings) - 1 else None
    citations = list(lesson.section.citations.all()) if lesson.section_id and lesson.section else []
    terms = _key_terms(lesson)
    definitions = lesson_services.key_term_definitions(terms, lesson.section.reading.cleaned_text if lesson.section else lesson.body)
    # The summary is the section's opening; printed above a body that starts with it, it reads twice.
    summary = "" if _squashed(lesson.body).startswith(_squashed(lesson.summary)) else lesson.summary
    return render(
        request,
        "courseware/lesson_detail.html",
        {
            "lesson": lesson,
            "module": lesson.module,
            "paragraphs": paragraphs_with_terms(lesson.body, terms),
            "summary": summary,
            "key_terms": [(term, *definitions.get(term, ("", ""))) for term in terms],
            "completed": bool(selectors.lessons_completed_by(user=request.user, lesson_ids=[lesson.pk])),
            "citations": citations,
            "previous": previous,
            "next": following,
            "position": index + 1,
            "count": len(siblings),
        },
    )


@login_required
def reading_detail(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = selectors.reading_get_for_user(user=request.user, reading_id=reading_id)
    sections = selectors.reading_sections_for_user(user=request.user, reading=reading)
    for section in sections:
        section.paragraphs = [p for p in re.split(r"\n\s*\n", section.text) if p.strip()]  # type: ignore[attr-defined]
    context = {
        "reading": reading,
        "sections": sections,
        "toc": [section for section in sections if section.heading],
        "module": selectors.reading_module_for_user(user=request.user, reading=reading),
        "can_hide": is_instructor(request.user) or is_site_admin(request.user),
    }
    return render(request, "courseware/reading_detail.html", context)


@login_required
@require_POST
def lesson_completion(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """Mark a lesson done (or not done again, with ``done=0``) and go back to it."""
    lesson = selectors.lesson_get_for_user(user=request.user, lesson_id=lesson_id)
    if request.POST.get("done", "1") == "0":
        lesson_services.lesson_uncomplete(user=request.user, lesson=lesson)
    else:
        lesson_services.lesson_complete(user=request.user, lesson=lesson)
    return redirect("lesson-detail", lesson_id=lesson.pk)


@instructor_required
@require_POST
def section_visibility(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.section_get_for_user(user=request.user, section_id=section_id)
    reading_services.section_visibility_set(section=section, visible=request.POST.get("visible") == "1")
    return redirect(reverse("reading-detail", args=[section.reading_id]) + f"#section-{section.order}")
