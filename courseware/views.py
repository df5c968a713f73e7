"""HTML pages of courseware: the student dashboard, modules, lessons and readings, the
instructor's course builder and the admin's import, readings and lexicon pages.

Views are thin: they fetch with the permission-checked selectors, call services for every
write and render. Imported text is only ever rendered through template auto-escaping (never
``|safe``), so a reading containing markup shows as text and can run nothing.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.ui import chart_bars
from courseware import selectors
from courseware.forms import CourseForm, LessonEditForm, LexiconTermForm, ModuleForm, ReadingImportForm
from courseware.models import Enrollment, Lesson, Reading, Section
from courseware.permissions import admin_required, instructor_required, is_instructor, is_site_admin
from courseware.services import lessons as lesson_services
from courseware.services import readings as reading_services
from courseware.services.accounts import course_create
from quizzes import review_policy, selectors_attempts, selectors_progress
from quizzes.models import Attempt, QuestionBank, Quiz
from quizzes.selectors import generation_job_latest
from quizzes.topics import topic_label

# --- small shared helpers ------------------------------------------------------------------------


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


# --- students ----------------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
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


# --- instructors: course builder ---------------------------------------------------------------------


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
    lesson_services.module_reorder(course=course, module_ids=_ids(request.POST.getlist("order")))
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
    lesson_services.lesson_reorder(module=module, lesson_ids=_ids(request.POST.getlist("order")))
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


# --- admins -----------------------------------------------------------------------------------------


@admin_required
def manage_home(request: HttpRequest) -> HttpResponse:
    readings = list(selectors.reading_list().select_related("imported_by").annotate(section_count=Count("sections")))
    # Group versions under their lineage so the list shows each reading once with its history.
    lineages: dict[int, list[Reading]] = {}
    for reading in readings:
        lineages.setdefault(reading.lineage_id or reading.pk, []).append(reading)
    groups = sorted((sorted(v, key=lambda r: -r.version) for v in lineages.values()), key=lambda v: v[0].title.lower())
    return render(request, "courseware/manage_home.html", {"groups": groups})


# --- admins: import ------------------------------------------------------------------------------------

# The uploaded bytes wait in the readings service between the preview and the confirmation (as on the
# admin's upload page), named by a random token kept in the session.


@admin_required
def reading_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("step") == "confirm":
        staged = request.session.get("reading_import") or {}
        token = request.POST.get("token", "")
        if staged.get("token") != token:
            messages.error(request, reading_services.STAGING_EXPIRED_MESSAGE)
            return redirect("reading-import")
        try:
            result = reading_services.reading_import_staged(staged=staged, token=token, imported_by=request.user)
        except reading_services.ReadingImportError as exc:
            messages.error(request, str(exc))
            return redirect("reading-import")
        finally:
            request.session.pop("reading_import", None)
        if result.created:
            messages.success(request, f"“{result.reading.title}” imported with {len(result.sections)} sections.")
        else:
            messages.info(request, f"This file was imported before as “{result.reading.title}”; nothing new was created.")
        return redirect("reading-progress-page", reading_id=result.reading.pk)

    form = ReadingImportForm(request.POST or None, request.FILES or None)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        title = form.cleaned_data["title"] or None
        if not upload and not title:
            form.add_error("title", "Give a title for pasted text.")
        else:
            try:
                staged = reading_services.reading_preview_upload(
                    upload=upload, text=form.cleaned_data["text"], title=title, kind=form.cleaned_data["kind"]
                )
            except reading_services.ReadingImportError as exc:
                form.add_error("file" if upload else "text", str(exc))
            else:
                preview, token = staged.preview, staged.token
                request.session["reading_import"] = staged.staged
    return render(request, "courseware/reading_import.html", {"form": form, "preview": preview, "token": token})


@admin_required
def reading_progress_page(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = selectors.reading_get_for_user(user=request.user, reading_id=reading_id)
    sections = list(reading.sections.order_by("order"))
    removed = list(reading.removed_spans.order_by("order"))
    banks = list(QuestionBank.objects.filter(reading=reading))
    return render(
        request,
        "courseware/reading_progress_page.html",
        {"reading": reading, "sections": sections, "removed": removed, "progress": generation_job_latest(reading=reading), "banks": banks},
    )


@admin_required
def reading_progress(request: HttpRequest, reading_id: int) -> HttpResponse:
    """The progress bar alone, polled by htmx every second until generation has finished."""
    reading = selectors.reading_get_for_user(user=request.user, reading_id=reading_id)
    progress = generation_job_latest(reading=reading)
    # Once done, the partial links to the bank to review (only then: the poll stays one query until it ends).
    banks = list(QuestionBank.objects.filter(reading=reading)) if progress and progress.state == "done" else []
    return render(request, "courseware/partials/generation_progress.html", {"reading": reading, "progress": progress, "banks": banks})


# --- admins: lexicon -------------------------------------------------------------------------------------


def _term_id(value: str) -> int:
    """A lexicon term id from the query or form, or Http404: text that is not a (storable)
    number names no term, like a number no term has."""
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise Http404("No such lexicon term.")
    return int(value)


@admin_required
def lexicon(request: HttpRequest) -> HttpResponse:
    from quizzes.models import LexiconTerm

    editing = None
    if request.GET.get("edit"):
        editing = get_object_or_404(LexiconTerm, pk=_term_id(request.GET["edit"]))
    initial = (
        {
            "term": editing.term,
            "category": editing.category,
            "aliases": ", ".join(editing.aliases or []),
            "description": editing.description,
            "is_active": editing.is_active,
        }
        if editing
        else None
    )
    form = LexiconTermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        term_id = request.POST.get("term_id", "")
        target = LexiconTerm.objects.filter(pk=_term_id(term_id)).first() if term_id else None
        if target is None:
            LexiconTerm.objects.update_or_create(term=values.pop("term"), defaults={**values, "added_by": request.user})
        else:
            for key, value in values.items():
                setattr(target, key, value)
            target.save()
        messages.success(request, "Lexicon saved. Regenerating a reading's questions picks the change up.")
        return redirect("lexicon")
    query = request.GET.get("q", "").strip()
    terms = LexiconTerm.objects.all()
    if query:
        terms = terms.filter(Q(term__icontains=query) | Q(category__icontains=query))
    return render(request, "courseware/lexicon.html", {"form": form, "terms": terms[:300], "query": query, "editing": editing})
