"""Course groups: named sets of a course's students (Moodle's groups).

Quizzes grant accommodations to a group; a change of who is in a group changes those students'
quiz settings, so every change here sends ``courseware.signals.group_members_changed`` with the
students who joined or left (the quizzes app brings their attempts in progress in line), and
courseware keeps depending on nothing in quizzes. The caller has checked that the acting user
teaches the course (``course_get_for_instructor``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from courseware.models import Course, CourseGroup, Enrollment
from courseware.signals import group_members_changed

GROUP_NAME_REQUIRED = "Give the group a name."
GROUP_NAME_TAKEN = "This course already has a group named “{name}”."
NOT_STUDENTS = "Only students of the course can be members of its groups."


def _check(*, course: Course, name: str, members: Iterable[Any], group: CourseGroup | None = None) -> tuple[str, set[int]]:
    name = name.strip()
    if not name:
        raise ValidationError(GROUP_NAME_REQUIRED)
    taken = CourseGroup.objects.filter(course=course, name__iexact=name)
    if group is not None:
        taken = taken.exclude(pk=group.pk)
    if taken.exists():
        raise ValidationError(GROUP_NAME_TAKEN.format(name=name))
    member_ids = {getattr(m, "pk", m) for m in members}
    students = set(
        Enrollment.objects.filter(course=course, role=Enrollment.Role.STUDENT, user_id__in=member_ids).values_list("user_id", flat=True)
    )
    if member_ids - students:
        raise ValidationError(NOT_STUDENTS)
    return name, member_ids


@transaction.atomic
def group_create(*, course: Course, name: str, members: Iterable[Any] = ()) -> CourseGroup:
    name, member_ids = _check(course=course, name=name, members=members)
    group = CourseGroup.objects.create(course=course, name=name)
    group.members.set(member_ids)
    group_members_changed.send(sender=CourseGroup, course_id=course.pk, user_ids=member_ids)
    return group


@transaction.atomic
def group_update(*, group: CourseGroup, name: str, members: Iterable[Any]) -> CourseGroup:
    """Rename ``group`` and make ``members`` its members (the students who joined or left are announced)."""
    name, member_ids = _check(course=group.course, name=name, members=members, group=group)
    before = set(group.members.values_list("pk", flat=True))
    group.name = name
    group.save(update_fields=["name"])
    group.members.set(member_ids)
    group_members_announce(group=group, user_ids=before ^ member_ids)
    return group


@transaction.atomic
def group_delete(*, group: CourseGroup) -> None:
    """Delete ``group``; its accommodations go with it, and its former members' settings follow."""
    before = set(group.members.values_list("pk", flat=True))
    course_id = group.course_id
    group.delete()
    group_members_changed.send(sender=CourseGroup, course_id=course_id, user_ids=before)


def group_members_announce(*, group: CourseGroup, user_ids: set[int]) -> None:
    """Tell other apps that these students joined or left ``group`` (also used by the admin)."""
    if user_ids:
        group_members_changed.send(sender=CourseGroup, course_id=group.course_id, user_ids=user_ids)
