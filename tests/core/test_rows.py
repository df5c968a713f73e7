"""core.rows.instance_from_row: a written statement's row turned into the instance the ORM would
have built, its fields' lookups done once per connection."""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection, connections

from core.rows import _PLANS_ATTRIBUTE, instance_from_row
from quizzes.models import Attempt, Question, Response
from quizzes.services.attempts import attempt_start
from tests.quizzes.builders import drawn_quiz, mixed_bank


def _row(response: Response) -> list[Any]:
    table, quote = Question._meta.db_table, connection.ops.quote_name
    sql = f"SELECT {quote('choices')}, {quote('type')}, {quote('id')} FROM {quote(table)} WHERE id = %s"  # noqa: S608 (our own names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [response.question_id])
        return list(cursor.fetchone())


def test_it_builds_what_the_orm_reads_in_any_column_order_again_and_again(course: Any, student: Any) -> None:
    attempt = attempt_start(quiz=drawn_quiz(course=course, bank=mixed_bank(), count=3), user=student)
    for response in Response.objects.filter(attempt=attempt).select_related("question"):
        for _ in range(2):  # the second time from the remembered plan
            built = instance_from_row(Question, ["choices", "type", "id"], _row(response))
            assert (built.pk, built.type, built.choices) == (response.question.pk, response.question.type, response.question.choices)
            assert not built._state.adding
    stored = Attempt.objects.get(pk=attempt.pk)
    built_attempt = instance_from_row(Attempt, ["state", "id", "started_at"], [stored.state, stored.pk, stored.started_at])
    assert (built_attempt.pk, built_attempt.state) == (stored.pk, stored.state)
    assert built_attempt.started_at == stored.started_at and built_attempt.started_at.tzinfo is not None


def test_each_connection_keeps_its_own_plans_and_they_go_with_it() -> None:
    instance_from_row(Attempt, ["id", "state"], [1, "in_progress"])
    assert (Attempt, ("id", "state")) in getattr(connections["default"], _PLANS_ATTRIBUTE)
    seen: list[Any] = []

    def other_thread() -> None:
        try:
            assert not hasattr(connections["default"], _PLANS_ATTRIBUTE)
            instance_from_row(Attempt, ["id", "state"], [1, "in_progress"])
            seen.append(connections["default"])
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen and seen[0] is not connections["default"]
    assert (Attempt, ("id", "state")) in getattr(seen[0], _PLANS_ATTRIBUTE)
