"""List endpoints run a fixed number of queries whatever the number of rows (no N+1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courseware.models import Course, User
from quizzes.models import QuizQuestion
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from tests.api.conftest import World, token_client
from tests.factories import (
    EnrollmentFactory,
    LessonFactory,
    ModuleFactory,
    QuestionFactory,
    QuizFactory,
    ReadingFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _more_courseware(world: World, n: int) -> None:
    for _ in range(n):
        reading = ReadingFactory()
        section = SectionFactory(reading=reading)
        module = ModuleFactory(course=world.course, reading=reading)
        LessonFactory(module=module, section=section)
        quiz = QuizFactory(module=module)
        QuizQuestion.objects.create(quiz=quiz, question=QuestionFactory(bank=world.bank), position=1)


def _more_attempts(world: World, n: int) -> None:
    student = world.attempt.user
    for _ in range(n):
        quiz = QuizFactory(module=world.module)
        QuizQuestion.objects.create(quiz=quiz, question=world.question, position=1)
        attempt = attempt_start(quiz=quiz, user=student)
        attempt_submit(attempt=attempt, user=student)
        attempt_grade(attempt_id=attempt.pk)


def _more_students(world: World, n: int) -> None:
    for _ in range(n):
        student = UserFactory()
        EnrollmentFactory(course=world.course, user=student)
        attempt = attempt_start(quiz=world.quiz, user=student)
        attempt_submit(attempt=attempt, user=student)
        attempt_grade(attempt_id=attempt.pk)


LISTS: list[tuple[str, str, str, Callable[[World, int], None]]] = [
    ("courses", "student", "/api/courses/", _more_courseware),
    ("modules", "student", "/api/modules/", _more_courseware),
    ("lessons", "student", "/api/lessons/", _more_courseware),
    ("readings", "student", "/api/readings/", _more_courseware),
    ("sections", "student", "/api/sections/", _more_courseware),
    ("quizzes", "student", "/api/quizzes/", _more_courseware),
    ("attempts", "student", "/api/attempts/", _more_attempts),
    ("banks", "instructor", "/api/banks/", _more_courseware),
    ("bank questions", "instructor", "/api/banks/{bank}/questions/", _more_courseware),
    ("gradebook", "instructor", "/api/courses/{course}/gradebook/", _more_students),
    ("item statistics", "instructor", "/api/quizzes/{quiz}/item-statistics/", _more_students),
]


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "role", "url", "grow"), LISTS, ids=[row[0] for row in LISTS])
def test_the_query_count_does_not_grow_with_the_rows(
    name: str, role: str, url: str, grow: Callable[[World, int], None], world: World, cast: dict[str, User], course: Course
) -> None:
    client = token_client(cast[role])
    url = url.format(**world.ids)
    grow(world, 2)
    _queries(client, url)  # the token's first lookup; later requests find it in the token cache
    small = _queries(client, url)
    grow(world, 5)
    assert _queries(client, url) == small


def test_the_gradebook_of_a_class_takes_a_pinned_number_of_queries(world: World, instructor: User, django_assert_num_queries: Any) -> None:
    _more_students(world, 6)
    client = token_client(instructor)
    client.get(f"/api/courses/{world.course.pk}/gradebook/")  # looks the token up; later requests find it cached
    # enrolment check for the course, then the gradebook's own three queries
    with django_assert_num_queries(4):
        assert client.get(f"/api/courses/{world.course.pk}/gradebook/").status_code == 200
