"""Users, courses and enrolment."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from rest_framework.authtoken.models import Token

from config.authentication import token_expired
from courseware.models import Course, Enrollment, User
from courseware.permissions import RequestUser, signed_in


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


def enrollment_ensure(*, course: Course, user: RequestUser, role: str) -> tuple[Enrollment, bool]:
    return Enrollment.objects.get_or_create(course=course, user=user, defaults={"role": role})


def api_token_issue(*, user: User) -> Token:
    """The user's API token: the current one while it is valid, else a new one (see
    config/authentication.py for the lifetime)."""
    token = Token.objects.filter(user=user).first()
    if token is not None and not token_expired(token):
        return token
    if token is not None:
        token.delete()  # post_delete makes this process forget it at once
    try:
        with transaction.atomic():
            return Token.objects.create(user=user)
    except IntegrityError:  # a concurrent login of the same user made one first
        return Token.objects.get(user=user)


def api_token_revoke(*, user: RequestUser) -> bool:
    """Delete the user's API token; whether there was one."""
    deleted, _ = Token.objects.filter(user=signed_in(user)).delete()
    return deleted > 0
