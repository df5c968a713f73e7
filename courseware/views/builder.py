"""Instructors: the course builder (courses, modules, lessons: order, publish, build from readings, edit)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from courseware import selectors
from courseware.forms import CourseForm, LessonEditForm, ModuleForm
from courseware.models import Enrollment, Section
from courseware.permissions import instructor_required
from courseware.services import lessons as lesson_services
from courseware.services import readings as reading_services
from courseware.services.accounts import course_create
from quizzes.models import Quiz


@instructor_required
def teach_home(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = course_create(created_by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, f"Course “{course.title}” created.")
        return redirect("course-builder", course_id=course.pk)
    courses = selectors.course_list_taught_by(user=request.user).prefetch_related("modules")
    return render(request, "courseware/teach_home.html", {"courses": courses, "form": form})


@instructor_required
def course_builder(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    form = ModuleForm(request.POST or None, readings=selectors.reading_list().filter(is_latest=True))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            module = lesson_services.module_create(
                course=course, title=data["title"], description=data["description"], reading=data["reading"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Module “{module.title}” created.")
            return redirect("module-builder", module_id=module.pk)
    # Students' own practice quizzes live in modules too; the builder counts the course's quizzes only.
    modules = course.modules.order_by("order", "id").prefetch_related(
        "lessons", Prefetch("quizzes", queryset=Quiz.objects.filter(is_practice=False))
    )
    students = Enrollment.objects.filter(course=course, role=Enrollment.Role.STUDENT).count()
    module_items = [
        {
            "pk": m.pk,
            "title": m.title,
            "url": reverse("module-builder", args=[m.pk]),
            "badge": "" if m.is_published else "draft",
            "badge_class": "warn",
        }
        for m in modules
    ]
    return render(
        request,
        "courseware/course_builder.html",
        {"course": course, "modules": modules, "module_items": module_items, "form": form, "students": students},
    )


def _ids(values: list[str]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise Http404("Bad order.") from exc


def _posted_order(request: HttpRequest) -> list[int]:
    """A reorderable list's ids in their new order: one hidden ``order`` input per item
    (``partials/reorder_list.html``), posted by htmx after a move or by the form's button; 404 if
    one is not a number."""
    return _ids(request.POST.getlist("order"))


def _saved(request: HttpRequest, text: str, fallback: str, **kwargs: Any) -> HttpResponse:
    """htmx gets a status line to put in a live region; a plain form post gets a redirect."""
    if getattr(request, "htmx", False):
        return render(request, "courseware/partials/status.html", {"text": text})
    messages.success(request, text)
    return redirect(fallback, **kwargs)


@instructor_required
@require_POST
def module_reorder(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_instructor(user=request.user, course_id=course_id)
    lesson_services.module_reorder(course=course, module_ids=_posted_order(request))
    return _saved(request, "Module order saved.", "course-builder", course_id=course.pk)


@instructor_required
@require_POST
def module_publish(request: HttpRequest, module_id: int) -> HttpResponse:
    module = selectors.module_get_for_instructor(user=request.user, module_id=module_id)
    publish = request.POST.get("publish") == "1"
    lesson_services.module_set_published(module=module, is_published=publish)
    messages.success(request, f"Module “{module.title}” {'published' if publish else 'unpublished'}.")
    if request.POST.get("back") == "course":
        return redirect("course-builder", course_id=module.course_id)
    return redirect("module-builder", module_id=module.pk)


@instructor_required
def module_builder(request: HttpRequest, module_id: int) -> HttpResponse:
    module = selectors.module_get_for_instructor(user=request.user, module_id=module_id)
    lessons = list(module.lessons.order_by("order", "id").select_related("section"))
    used_sections = {lesson.section_id for lesson in lessons}
    sections: list[Section] = []
    if module.reading_id:
        sections = list(module.reading.sections.order_by("order")) if module.reading else []
    quizzes = module.quizzes.filter(is_practice=False).order_by("id")
    newer = None
    if module.reading is not None and not module.reading.is_latest:
        newer = reading_services.reading_versions(reading=module.reading).first()
    lesson_items = [
        {
            "pk": lesson.pk,
            "title": lesson.title,
            "url": reverse("lesson-edit", args=[lesson.pk]),
            "badge": "" if lesson.is_published else "hidden",
            "badge_class": "warn",
        }
        for lesson in lessons
    ]
    return render(
        request,
        "courseware/module_builder.html",
        {
            "module": module,
            "course": module.course,
            "lessons": lessons,
            "lesson_items": lesson_items,
            "sections": sections,
            "used_sections": used_sections,
            "default_kinds": list(lesson_services.DEFAULT_LESSON_SECTION_KINDS),
            "newer": newer,
            "quizzes": quizzes,
        },
    )


@instructor_required
@require_POST
def module_build_lessons(request: HttpRequest, module_id: int) -> HttpResponse:
    module = selectors.module_get_for_instructor(user=request.user, module_id=module_id)
    section_ids = _ids(request.POST.getlist("sections"))
    if not module.reading_id:
        messages.error(request, "Choose a reading for this module first.")
        return redirect("module-builder", module_id=module.pk)
    try:
        created = lesson_services.lessons_build_from_reading(module=module, section_ids=section_ids or None)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"{len(created)} lesson(s) built from the reading.")
    return redirect("module-builder", module_id=module.pk)


@instructor_required
@require_POST
def module_rebuild_lessons(request: HttpRequest, module_id: int) -> HttpResponse:
    """Move a module to the newest version of its reading (lessons from older versions are replaced)."""
    module = selectors.module_get_for_instructor(user=request.user, module_id=module_id)
    if module.reading is None:
        raise Http404("This module has no reading.")
    latest = reading_services.reading_versions(reading=module.reading).first()
    if latest is None or latest.pk == module.reading_id:
        messages.info(request, "The module already uses the newest version of its reading.")
        return redirect("module-builder", module_id=module.pk)
    created = lesson_services.lessons_rebuild_from_reading(module=module, reading=latest)
    messages.success(request, f"Lessons rebuilt from version {latest.version}: {len(created)} lesson(s).")
    return redirect("module-builder", module_id=module.pk)


@instructor_required
@require_POST
def lesson_reorder(request: HttpRequest, module_id: int) -> HttpResponse:
    module = selectors.module_get_for_instructor(user=request.user, module_id=module_id)
    lesson_services.lesson_reorder(module=module, lesson_ids=_posted_order(request))
    return _saved(request, "Lesson order saved.", "module-builder", module_id=module.pk)


@instructor_required
@require_POST
def lesson_publish(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.lesson_get_for_user(user=request.user, lesson_id=lesson_id)
    module = selectors.module_get_for_instructor(user=request.user, module_id=lesson.module_id)
    publish = request.POST.get("publish") == "1"
    lesson_services.lesson_set_published(lesson=lesson, is_published=publish)
    messages.success(request, f"Lesson “{lesson.title}” {'published' if publish else 'hidden from students'}.")
    return redirect("module-builder", module_id=module.pk)


@instructor_required
def lesson_edit(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.lesson_get_for_user(user=request.user, lesson_id=lesson_id)
    module = selectors.module_get_for_instructor(user=request.user, module_id=lesson.module_id)
    form = LessonEditForm(request.POST or None, lesson=lesson)
    if request.method == "POST" and form.is_valid():
        try:
            lesson_services.lesson_update(lesson=lesson, **form.changes())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Lesson saved.")
            return redirect("module-builder", module_id=module.pk)
    return render(request, "courseware/lesson_edit.html", {"lesson": lesson, "module": module, "form": form})
