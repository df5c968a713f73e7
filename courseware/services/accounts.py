"""Users, courses and enrolment."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify

from courseware.models import Course, Enrollment, User


def user_ensure(
    *, username: str, role: str, password: str, email: str = "", staff: bool = False, superuser: bool = False
) -> tuple[User, bool]:
    """Create the user if missing; an existing user keeps its password (idempotent seeding)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"role": role, "email": email, "is_staff": staff or superuser, "is_superuser": superuser},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


@transaction.atomic
def course_create(*, title: str, created_by: User, description: str = "", slug: str | None = None) -> Course:
    course = Course.objects.create(title=title, slug=slug or slugify(title)[:200], description=description, created_by=created_by)
    Enrollment.objects.create(course=course, user=created_by, role=Enrollment.Role.INSTRUCTOR)
    return course


def course_ensure(*, title: str, created_by: User, description: str = "") -> tuple[Course, bool]:
    course = Course.objects.filter(slug=slugify(title)[:200]).first()
    if course is not None:
        return course, False
    return course_create(title=title, created_by=created_by, description=description), True


def enrollment_ensure(*, course: Course, user: Any, role: str) -> tuple[Enrollment, bool]:
    return Enrollment.objects.get_or_create(course=course, user=user, defaults={"role": role})
