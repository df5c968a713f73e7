"""Reads for courseware. ``*_get_for_user`` raise NotFound for anything the user may not see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from core.errors import NotFound
from courseware.models import Course, CourseGroup, Enrollment, Lesson, LessonCompletion, Module, Reading, Section, User
from courseware.permissions import RequestUser, is_instructor, is_site_admin, signed_in


def course_list_for_user(*, user: RequestUser) -> QuerySet[Course]:
    if is_site_admin(user):
        return Course.objects.all()
    return Course.objects.filter(enrollments__user=signed_in(user)).distinct()


def course_list_taught_by(*, user: RequestUser) -> QuerySet[Course]:
    if is_site_admin(user):
        return Course.objects.all()
    return Course.objects.filter(enrollments__user=signed_in(user), enrollments__role=Enrollment.Role.INSTRUCTOR).distinct()


def course_get_for_user(*, user: RequestUser, course_id: int) -> Course:
    try:
        return course_list_for_user(user=user).get(pk=course_id)
    except (Course.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such course.") from exc


def course_get_for_instructor(*, user: RequestUser, course_id: int) -> Course:
    try:
        return course_list_taught_by(user=user).get(pk=course_id)
    except (Course.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such course.") from exc


def module_is_open_q(prefix: str = "", now: datetime | None = None) -> Q:
    """Modules (at ``prefix``) that students may use now: published, and opened (no ``opens_at``, or past it)."""
    now = now or timezone.now()
    return Q(**{f"{prefix}is_published": True}) & (Q(**{f"{prefix}opens_at__isnull": True}) | Q(**{f"{prefix}opens_at__lte": now}))


def module_is_open(module: Module, now: datetime | None = None) -> bool:
    return module.is_published and (module.opens_at is None or module.opens_at <= (now or timezone.now()))


def module_list_for_user(*, user: RequestUser) -> QuerySet[Module]:
    """Modules a user may see: all of taught courses; only published ones of enrolled courses,
    from their ``opens_at`` on (before it, a student sees neither the module nor its lessons and quizzes)."""
    if is_site_admin(user):
        return Module.objects.all()
    taught = Module.objects.filter(course__enrollments__user=signed_in(user), course__enrollments__role=Enrollment.Role.INSTRUCTOR)
    studied = Module.objects.filter(
        module_is_open_q(), course__enrollments__user=signed_in(user), course__enrollments__role=Enrollment.Role.STUDENT
    )
    return (taught | studied).distinct()


def module_get_for_user(*, user: RequestUser, module_id: int) -> Module:
    try:
        return module_list_for_user(user=user).select_related("course", "reading").get(pk=module_id)
    except (Module.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such module.") from exc


def module_get_for_instructor(*, user: RequestUser, module_id: int) -> Module:
    """A module its course's instructors (or admins) may change; NotFound for anyone else
    (seeing a module, as its students do, is not enough)."""
    module = module_get_for_user(user=user, module_id=module_id)
    course_get_for_instructor(user=user, course_id=module.course_id)
    return module


def lesson_get_for_user(*, user: RequestUser, lesson_id: int) -> Lesson:
    modules = module_list_for_user(user=user)
    qs = Lesson.objects.filter(module__in=modules).select_related("module", "module__course", "section", "section__reading")
    if not is_site_admin(user):
        taught = Enrollment.objects.filter(user=signed_in(user), role=Enrollment.Role.INSTRUCTOR).values("course_id")
        qs = qs.filter(is_published=True) | qs.filter(module__course_id__in=taught)
    try:
        return qs.distinct().get(pk=lesson_id)
    except (Lesson.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such lesson.") from exc


def reading_list() -> QuerySet[Reading]:
    return Reading.objects.all().order_by("title", "-version")


def lesson_list_for_user(*, user: RequestUser) -> QuerySet[Lesson]:
    """Lessons of visible modules; drafts only for those who teach the course (and admins)."""
    qs = Lesson.objects.filter(module__in=module_list_for_user(user=user))
    if not is_site_admin(user):
        taught = Enrollment.objects.filter(user=signed_in(user), role=Enrollment.Role.INSTRUCTOR).values("course_id")
        qs = qs.filter(Q(is_published=True) | Q(module__course_id__in=taught))
    return qs


def reading_list_for_user(*, user: RequestUser) -> QuerySet[Reading]:
    """Instructors and admins see the whole library (they build lessons from it); a student
    sees the readings behind the modules and lessons of their courses."""
    if is_site_admin(user) or is_instructor(user):
        return reading_list()
    modules = module_list_for_user(user=user)
    lessons = lesson_list_for_user(user=user)
    visible = Reading.objects.filter(Q(modules__in=modules) | Q(sections__lessons__in=lessons)).values("pk")
    return reading_list().filter(pk__in=visible)


def reading_get_for_user(*, user: RequestUser, reading_id: int) -> Reading:
    try:
        return reading_list_for_user(user=user).get(pk=reading_id)
    except (Reading.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such reading.") from exc


def section_list_for_user(*, user: RequestUser) -> QuerySet[Section]:
    """Sections of the readings the user sees; a student not those an instructor keeps from them."""
    sections = Section.objects.filter(reading__in=reading_list_for_user(user=user).values("pk"))
    if not (is_site_admin(user) or is_instructor(user)):
        sections = sections.filter(hidden_from_students=False)
    return sections


def section_get_for_user(*, user: RequestUser, section_id: int) -> Section:
    try:
        return section_list_for_user(user=user).select_related("reading").get(pk=section_id)
    except (Section.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such section.") from exc


def reading_sections_for_user(*, user: RequestUser, reading: Reading) -> list[Section]:
    """The sections a reader sees, in order: none without text (a heading alone, such as the title
    repeated before the first section); students do not see sections an instructor keeps from them."""
    sections = reading.sections.exclude(text="").order_by("order").prefetch_related("citations")
    if not (is_site_admin(user) or is_instructor(user)):
        sections = sections.filter(hidden_from_students=False)
    return [section for section in sections if section.text.strip()]


def reading_module_for_user(*, user: RequestUser, reading: Reading) -> Module | None:
    """The module of the user's courses this reading belongs to (for the breadcrumb), if any."""
    return module_list_for_user(user=user).filter(reading=reading).select_related("course").order_by("course_id", "order", "id").first()


def lessons_completed_by(*, user: RequestUser, lesson_ids: list[int]) -> set[int]:
    return set(LessonCompletion.objects.filter(user=signed_in(user), lesson_id__in=lesson_ids).values_list("lesson_id", flat=True))


def lessons_done_by_course(*, user: RequestUser) -> dict[int, tuple[int, int]]:
    """Course id -> (lessons done, published lessons) over the published lessons the user sees; two
    queries whatever the number of courses (the progress page lists them all)."""
    lessons = lesson_list_for_user(user=user).filter(is_published=True)
    totals = dict(lessons.order_by().values("module__course_id").annotate(n=Count("id")).values_list("module__course_id", "n"))
    done = dict(
        LessonCompletion.objects.filter(user=signed_in(user), lesson__in=lessons)
        .order_by()
        .values("lesson__module__course_id")
        .annotate(n=Count("id"))
        .values_list("lesson__module__course_id", "n")
    )
    return {course_id: (done.get(course_id, 0), total) for course_id, total in totals.items()}


def group_list_for_course(*, course: Course) -> QuerySet[CourseGroup]:
    """A course's groups by name, with their members (one query for the groups, one for members)."""
    return CourseGroup.objects.filter(course=course).prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("last_name", "first_name", "username"))
    )


def group_get_for_course(*, course: Course, group_id: Any) -> CourseGroup:
    """One of ``course``'s groups; NotFound for any other id (the caller checked the course)."""
    try:
        return CourseGroup.objects.get(course=course, pk=group_id)
    except (CourseGroup.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("No such group.") from exc


def course_students(*, course: Course) -> QuerySet[User]:
    """The course's students by name."""
    return User.objects.filter(enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT).order_by(
        "last_name", "first_name", "username"
    )
