"""rows_update: many loaded rows written back in one statement, on every backend.

Callers load their rows with ``.only()``; writing them back must neither read the columns
left out (one query per row: the N+1 that once made grading cost 75 queries instead of 30 on
SQLite) nor touch them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from quizzes.models import Attempt, Response
from quizzes.services.attempts import attempt_start
from quizzes.services.bulk import rows_update
from tests.quizzes.builders import drawn_quiz, mixed_bank


def test_it_writes_many_rows_loaded_with_only_in_one_query_and_leaves_other_columns_alone(
    course: Any, student: Any, django_assert_num_queries: Any
) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=3), count=20)
    attempt = attempt_start(quiz=quiz, user=student)
    before = {r.pk: (r.position, r.option_order, r.answer, r.saved_at) for r in Response.objects.filter(attempt=attempt)}
    rows = list(Response.objects.filter(attempt=attempt).only("id", "points", "fraction", "feedback"))
    for index, row in enumerate(rows):
        row.points, row.fraction, row.feedback = Decimal("0.5"), 0.5, f"feedback {index}"

    with django_assert_num_queries(1):
        rows_update(rows, ["points", "fraction", "feedback"])

    after = list(Response.objects.filter(attempt=attempt).order_by("pk"))
    assert len(after) == 20
    assert {(r.points, r.fraction) for r in after} == {(Decimal("0.500"), 0.5)}
    assert {r.feedback for r in after} == {f"feedback {i}" for i in range(20)}
    assert {r.pk: (r.position, r.option_order, r.answer, r.saved_at) for r in after} == before


def test_it_writes_one_row_with_a_plain_update(course: Any, student: Any, django_assert_num_queries: Any) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(), count=2)
    attempt = Attempt.objects.only("id", "grade_count").get(pk=attempt_start(quiz=quiz, user=student).pk)
    attempt.grade_count = 3
    with django_assert_num_queries(1):
        rows_update([attempt], ["grade_count"])
    assert Attempt.objects.get(pk=attempt.pk).grade_count == 3
