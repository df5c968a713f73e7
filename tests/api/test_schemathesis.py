"""Schemathesis drives the documented API from /api/schema/ in-process (Django's WSGI app) as a
student, an instructor and an admin, against real objects (a demo-like course with a quiz of
every question type, attempts in progress and graded) and against random ids.

It asserts: no 5xx, every status code and content type documented, every body matching its
schema. Bounded (``SCHEMATHESIS_MAX_EXAMPLES`` per operation, default 10; derandomised), it
takes about a minute. The number of generated cases is printed at the end (run with ``-s``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from courseware.models import User
from quizzes.models import QuestionType, Quiz, QuizQuestion
from quizzes.services.attempts import attempt_start, attempt_submit, response_save
from quizzes.services.grading import attempt_grade
from tests.api.conftest import World
from tests.conftest import cache_clear
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
CASES: Counter[str] = Counter()

TRAITS = {
    QuestionType.MULTIPLE_RESPONSE: "multiple_response",
    QuestionType.TRUE_FALSE: "true_false",
    QuestionType.CLOZE: "cloze",
    QuestionType.NUMERIC: "numeric",
    QuestionType.MATCHING: "matching",
    QuestionType.ORDERING: "ordering",
    QuestionType.SHORT_ANSWER: "short_answer",
}


def _load_schema() -> Any:
    import json

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from config.wsgi import application

    # Built in-process exactly as /api/schema/ builds it: the endpoint answers only signed-in
    # users, and no user exists yet at collection. The requests then go through the WSGI app.
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    return loaded


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open() -> Iterator[None]:
    """The real WSGI handler closes the database connection after every request, and with it
    the test's transaction; Django's own test client detaches this hook in the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo(world: World, cast: dict[str, Any]) -> dict[str, Any]:
    """The world, plus a quiz of every question type with one graded attempt, as tokens and ids."""
    from rest_framework.authtoken.models import Token

    quiz = Quiz.objects.create(module=world.module, title="Every type", is_published=True)
    questions = [world.question] + [QuestionFactory(bank=world.bank, **{trait: True}) for trait in TRAITS.values()]
    for position, question in enumerate(questions, start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    student: User = cast["student"]
    graded = attempt_start(quiz=quiz, user=student)
    response_save(attempt_id=graded.pk, user=student, question_id=world.question.pk, answer="c1")
    attempt_submit(attempt=graded, user=student)
    attempt_grade(attempt_id=graded.pk)
    ids = {
        "course_id": world.course.pk,
        "module_id": world.module.pk,
        "lesson_id": world.lesson.pk,
        "reading_id": world.reading.pk,
        "section_id": world.section.pk,
        "quiz_id": quiz.pk,
        "attempt_id": attempt_start(quiz=quiz, user=student).pk,
        "question_id": world.question.pk,
        "student_id": student.pk,
        "bank_id": world.bank.pk,
    }
    tokens = {role: Token.objects.get_or_create(user=cast[role])[0].key for role in ("student", "instructor", "admin")}
    return {"ids": ids, "tokens": tokens, "graded": graded.pk}


@pytest.fixture(scope="module", autouse=True)
def _report_cases() -> Iterator[None]:
    yield
    if CASES:
        print(
            f"\nschemathesis: {CASES['cases']} generated cases, {CASES['requests']} requests (student, instructor and admin in turn; random and real ids)"
        )


# Loaded eagerly at collection: schemathesis' lazy fixture loader does not run under pytest 9.
schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_the_api_matches_its_schema_and_never_fails(case: Any, demo: dict[str, Any]) -> None:
    # Throttles are documented (429), but a run that is throttled all the time tests nothing.
    cache_clear()
    CASES["cases"] += 1
    # The roles take turns, so each sees about a third of every operation's cases.
    roles = sorted(demo["tokens"])
    headers = {"Authorization": f"Token {demo['tokens'][roles[CASES['cases'] % len(roles)]]}"}
    CASES["requests"] += 1
    case.call_and_validate(headers=headers, checks=CHECKS)
    if case.path_parameters:
        # The same request against real objects, so the success paths are exercised too.
        original = dict(case.path_parameters)
        case.path_parameters = {k: demo["ids"].get(k, v) for k, v in original.items()}
        if case.path_parameters != original:
            CASES["requests"] += 1
            case.call_and_validate(headers=headers, checks=CHECKS)
        case.path_parameters = original
