"""Demo data for `load_seeds`: accounts and the demo course. Every step is idempotent.

Later steps (readings, lessons, question bank, quiz, practice schedule) live beside the
services they call and are listed in ``courseware.management.commands.load_seeds``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courseware.models import Course, Enrollment, User
from courseware.services.accounts import course_ensure, enrollment_ensure, user_ensure

DEMO_COURSE_TITLE = "NATO and the war in Ukraine"
DEMO_STUDENTS = ("student1", "student2", "student3")


@dataclass
class DemoContext:
    password: str
    admin: User | None = None
    instructor: User | None = None
    students: list[User] = field(default_factory=list)
    course: Course | None = None
    log: list[str] = field(default_factory=list)


def seed_accounts_and_course(ctx: DemoContext) -> None:
    ctx.admin, _ = user_ensure(username="admin", role=User.Role.ADMIN, password=ctx.password, superuser=True, email="admin@example.org")
    ctx.instructor, _ = user_ensure(
        username="instructor", role=User.Role.INSTRUCTOR, password=ctx.password, staff=True, email="instructor@example.org"
    )
    ctx.students = [
        user_ensure(username=name, role=User.Role.STUDENT, password=ctx.password, email=f"{name}@example.org")[0] for name in DEMO_STUDENTS
    ]
    ctx.course, created = course_ensure(
        title=DEMO_COURSE_TITLE,
        created_by=ctx.instructor,
        description="NATO's support for Ukraine: aid, summits, Article 5 and the road to membership.",
    )
    enrollment_ensure(course=ctx.course, user=ctx.instructor, role=Enrollment.Role.INSTRUCTOR)
    for student in ctx.students:
        enrollment_ensure(course=ctx.course, user=student, role=Enrollment.Role.STUDENT)
    ctx.log.append(f"course {'created' if created else 'kept'}: {ctx.course.title}")
