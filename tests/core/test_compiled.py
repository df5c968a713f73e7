"""Compiled querysets (core.compiled): built and compiled once, run with each call's values, and
giving what the ORM gives for the same queryset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from core.compiled import Compiled
from quizzes.models import Quiz
from tests.factories import ModuleFactory, QuizFactory

pytestmark = pytest.mark.django_db


def quizzes_of_module(module_id: int) -> QuerySet[Quiz]:
    return Quiz.objects.filter(module_id=module_id).select_related("module", "module__course").order_by("id")


def fields(instance: Any) -> dict[str, Any]:
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def test_a_compiled_read_gives_the_orm_s_instances_and_related_objects_in_one_query() -> None:
    module = ModuleFactory()
    QuizFactory.create_batch(2, module=module, time_limit_seconds=600, opens_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    compiled: Compiled[Quiz] = Compiled(quizzes_of_module, module_id=int)

    with CaptureQueriesContext(connection) as ctx:
        got = compiled.all(module_id=module.pk)
        # The related objects came with the row: reading them asks nothing more.
        courses = [quiz.module.course.title for quiz in got]
    expected = list(quizzes_of_module(module.pk))

    assert len(ctx.captured_queries) == 1
    assert [fields(q) for q in got] == [fields(q) for q in expected]
    assert [fields(q.module) for q in got] == [fields(q.module) for q in expected]
    assert courses == [q.module.course.title for q in expected]
    # Values went through the fields' converters: an aware datetime on SQLite too.
    assert got[0].opens_at == datetime(2026, 1, 5, 9, tzinfo=UTC) and got[0].opens_at.tzinfo is not None
    assert not got[0]._state.adding


def test_it_is_built_once_and_each_call_runs_with_its_own_values() -> None:
    first, second = ModuleFactory(), ModuleFactory()
    mine, theirs = QuizFactory(module=first), QuizFactory(module=second)
    built = []

    def build(module_id: int) -> QuerySet[Quiz]:
        built.append(module_id)
        return quizzes_of_module(module_id)

    compiled: Compiled[Quiz] = Compiled(build, module_id=int)

    assert [q.pk for q in compiled.all(module_id=first.pk)] == [mine.pk]
    assert [q.pk for q in compiled.all(module_id=second.pk)] == [theirs.pk]
    assert compiled.first(module_id=second.pk + 1000) is None
    assert len(built) == 1 and built[0] < 0  # once, with a placeholder no row has


def test_datetimes_and_texts_are_passed_as_values() -> None:
    module = ModuleFactory()
    opened = QuizFactory(module=module, title="Article 5", opens_at=datetime(2026, 3, 1, tzinfo=UTC))
    QuizFactory(module=module, title="Article 5", opens_at=datetime(2026, 6, 1, tzinfo=UTC))
    QuizFactory(module=module, title="Summits", opens_at=datetime(2026, 3, 1, tzinfo=UTC))
    compiled: Compiled[int] = Compiled(
        lambda title, now: Quiz.objects.filter(title=title, opens_at__lte=now).order_by("id").values_list("id", flat=True),
        title=str,
        now=datetime,
    )

    assert compiled.all(title="Article 5", now=datetime(2026, 4, 1, tzinfo=UTC)) == [opened.pk]
    assert len(compiled.all(title="Article 5", now=datetime(2026, 7, 1, tzinfo=UTC))) == 2
    assert compiled.all(title="Article 5'; DROP TABLE quizzes_quiz; --", now=datetime(2026, 7, 1, tzinfo=UTC)) == []
    assert Quiz.objects.count() == 3


def test_values_list_rows_come_back_as_the_orm_gives_them() -> None:
    quiz = QuizFactory(time_limit_seconds=900)
    compiled: Compiled[tuple[int, str, int | None]] = Compiled(
        lambda quiz_id: Quiz.objects.filter(pk=quiz_id).values_list("id", "title", "time_limit_seconds"), quiz_id=int
    )

    assert compiled.all(quiz_id=quiz.pk) == list(Quiz.objects.filter(pk=quiz.pk).values_list("id", "title", "time_limit_seconds"))


def test_a_builder_that_leaves_a_value_out_fails_on_its_first_call() -> None:
    # The value never reaches the SQL: running it would answer for the placeholder, not the caller.
    compiled: Compiled[Quiz] = Compiled(lambda quiz_id, now: Quiz.objects.filter(pk=quiz_id), quiz_id=int, now=datetime)

    with pytest.raises(ValueError, match="now"):
        compiled.all(quiz_id=1, now=datetime.now(UTC) + timedelta(days=1))


def test_calls_must_name_exactly_the_values_it_was_built_with() -> None:
    compiled: Compiled[Quiz] = Compiled(lambda quiz_id: Quiz.objects.filter(pk=quiz_id), quiz_id=int)

    with pytest.raises(TypeError):
        compiled.all(pk=1)
    with pytest.raises(TypeError):
        Compiled(lambda ids: Quiz.objects.filter(pk__in=ids), ids=list)
    with pytest.raises(TypeError, match="values_list rows"):
        Compiled(lambda quiz_id: Quiz.objects.filter(pk=quiz_id).values("id"), quiz_id=int).all(quiz_id=1)
