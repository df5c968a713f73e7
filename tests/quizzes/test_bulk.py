"""rows_update: many loaded rows written back in one statement, on every backend; table_insert and
table_update: the same for rows given as plain values.

Callers load their rows with ``.only()``; writing them back must neither read the columns
left out (one query per row: the N+1 that once made grading cost 75 queries instead of 30 on
SQLite) nor touch them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from courseware.models import Course
from quizzes.models import Attempt, FactMastery, Response
from quizzes.services.attempts import attempt_start
from quizzes.services.bulk import rows_create, rows_locked_by_pairs, rows_update, table_insert, table_update
from tests.factories import FactFactory, UserFactory
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


def test_it_writes_json_documents_texts_and_nulls_as_a_save_would(course: Any, student: Any) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(), count=4)
    attempt = attempt_start(quiz=quiz, user=student)
    rows = list(Response.objects.filter(attempt=attempt).only("id", "answer", "saved_at", "feedback").order_by("pk"))
    answers: list[Any] = ["a plain 'text' \\ with \"quotes\"", ["b", "c"], {"1": "x"}, None]
    saved_at = dt.datetime(2026, 5, 4, 9, 0, 0, 123456, tzinfo=dt.UTC)
    for row, answer in zip(rows, answers, strict=True):
        row.answer, row.saved_at, row.feedback = answer, saved_at, "é ✓"

    rows_update(rows, ["answer", "saved_at", "feedback"])

    after = list(Response.objects.filter(attempt=attempt).order_by("pk"))
    assert [r.answer for r in after] == answers
    assert {(r.saved_at, r.feedback) for r in after} == {(saved_at, "é ✓")}
    assert Response.objects.filter(pk=rows[3].pk, answer__isnull=True).exists()  # None is SQL NULL, not JSON null


def test_it_inserts_rows_in_the_order_given_and_updates_them_by_id(student: Any, django_assert_num_queries: Any) -> None:
    facts: list[Any] = [FactFactory(), FactFactory(), FactFactory()]
    now = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
    fields = ["user_id", "fact_id", "answered", "correct", "mastery", "card", "due", "updated_at"]
    with django_assert_num_queries(1):
        table_insert(FactMastery, fields, [(student.pk, f.pk, 1, 0, 0.3, {"state": 1}, now, now) for f in reversed(facts)])
    inserted = list(FactMastery.objects.filter(user=student).order_by("id"))
    assert [row.fact_id for row in inserted] == [f.pk for f in reversed(facts)]
    assert {(row.answered, row.mastery, row.due) for row in inserted} == {(1, 0.3, now)}
    assert [row.card for row in inserted] == [{"state": 1}] * 3

    with django_assert_num_queries(1):
        table_update(FactMastery, ["correct", "mastery", "card"], [(row.pk, 1, 0.51, {}) for row in inserted[:2]])
    after = {row.pk: (row.correct, row.mastery, row.card) for row in FactMastery.objects.filter(user=student)}
    assert after == {inserted[0].pk: (1, 0.51, {}), inserted[1].pk: (1, 0.51, {}), inserted[2].pk: (0, 0.3, {"state": 1})}


def test_it_reads_and_locks_exactly_the_rows_of_the_pairs_asked_for_in_id_order(student: Any, django_assert_num_queries: Any) -> None:
    other = UserFactory()
    facts: list[Any] = [FactFactory(), FactFactory(), FactFactory()]
    now = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
    fields = ["user_id", "fact_id", "answered", "correct", "mastery", "card", "due", "updated_at"]
    # Both students have rows of every fact: asking for (student, f0) and (other, f1) must not
    # also find (student, f1) nor (other, f0), which a column-by-column IN would match.
    table_insert(
        FactMastery, fields, [(u.pk, f.pk, 1, 0, 0.3, {"state": u.pk}, now, now) for f in reversed(facts) for u in (student, other)]
    )
    ids = {(row.user_id, row.fact_id): row.pk for row in FactMastery.objects.all()}
    wanted = [(student.pk, facts[0].pk), (other.pk, facts[1].pk), (student.pk, 10**9)]

    with django_assert_num_queries(1):
        found = rows_locked_by_pairs(FactMastery, ("user_id", "fact_id"), wanted, ["answered", "card", "due"])

    assert found == sorted(
        [
            (ids[student.pk, facts[0].pk], student.pk, facts[0].pk, 1, {"state": student.pk}, now),
            (ids[other.pk, facts[1].pk], other.pk, facts[1].pk, 1, {"state": other.pk}, now),
        ]
    )
    assert rows_locked_by_pairs(FactMastery, ("user_id", "fact_id"), [], ["answered"]) == []


def test_rows_create_inserts_new_instances_in_one_query_in_the_order_given_with_their_defaults(
    course: Any, student: Any, django_assert_num_queries: Any
) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(), count=3)
    attempt = attempt_start(quiz=quiz, user=student)
    questions = [r.question for r in Response.objects.filter(attempt=attempt).select_related("question").order_by("-position")]
    other = Attempt(quiz=quiz, user=UserFactory(), number=1, seed=2**62, started_at=attempt.started_at, max_score=Decimal("2.5"))
    [made] = rows_create([other])
    rows = [
        Response(attempt=made, question=q, position=i, option_order=[f"c{i}", 'é "x"'], max_points=Decimal("1.25"))
        for i, q in enumerate(questions, start=1)
    ]

    with django_assert_num_queries(1):
        created = rows_create(rows)

    assert created == rows
    assert [r.pk for r in rows] == sorted(r.pk for r in rows)
    assert all(not r._state.adding for r in rows)
    stored = {r.pk: r for r in Response.objects.filter(attempt=made)}
    assert [stored[r.pk].question_id for r in rows] == [q.pk for q in questions]
    assert [stored[r.pk].position for r in rows] == [1, 2, 3]
    assert {(s.max_points, s.answer, s.saved_at, s.feedback, s.flagged, s.mark_version) for s in stored.values()} == {
        (Decimal("1.25"), None, None, "", False, 0)
    }
    assert [stored[r.pk].option_order for r in rows] == [[f"c{i}", 'é "x"'] for i in (1, 2, 3)]
    assert Attempt.objects.values_list("seed", "max_score", "state").get(pk=made.pk) == (2**62, Decimal("2.500"), "in_progress")


def test_rows_create_raises_the_databases_integrity_error_and_refuses_models_with_auto_now(course: Any, student: Any) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(), count=2)
    attempt = attempt_start(quiz=quiz, user=student)
    taken = Response.objects.filter(attempt=attempt).select_related("question").first()
    assert taken is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_create([Response(attempt=attempt, question=taken.question, position=99, max_points=1)])
    with pytest.raises(ValueError, match="auto_now"):
        rows_create([Course(title="t", slug="t", created_by=student)])
