"""How responses are stored: on PostgreSQL, saving an answer and grading it rewrite the row on its own
page (a heap-only-tuple update) instead of adding an entry to each of the table's four indexes.

That needs free room on every page of ``quizzes_response`` (migration 0027 sets its fillfactor): with full
pages only the rows of the last, half-filled page were updated in place (under 1 % in the grading benchmark).
SQLite has no such storage setting, so these tests are PostgreSQL's.
"""

from __future__ import annotations

import pytest
from django.db import connection

from quizzes.services.attempts import attempt_start, responses_save
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, answers_for, drawn_quiz, mixed_bank

pytestmark = pytest.mark.django_db


def response_updates_in_this_transaction() -> tuple[int, int]:
    """(updates, of which heap-only) of quizzes_response since the test's transaction began."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'quizzes_response'")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


@pytest.fixture
def on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a table's fillfactor and heap-only updates are PostgreSQL storage; SQLite has neither")


def test_responses_leave_room_on_each_page_for_the_answer_and_the_grade(on_postgresql) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'quizzes_response'")
        (options,) = cursor.fetchone()
    assert "fillfactor=50" in (options or [])


def test_saving_answers_updates_most_responses_in_place(on_postgresql, course) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=4), count=20)
    # Enough students that their responses fill many pages, as in a class: an almost empty
    # table has room on its one page whatever the fillfactor.
    students = []
    for _ in range(30):
        user = UserFactory()
        EnrollmentFactory(course=course, user=user)
        students.append((user, attempt_start(quiz=quiz, user=user)))
    # Counted from here: what starting the attempts wrote is not the saves' doing.
    updates_before, in_place_before = response_updates_in_this_transaction()
    for user, attempt in students:
        responses_save(attempt=attempt, user=user, answers=answers_for(attempt, RIGHT))

    updates, in_place = response_updates_in_this_transaction()
    saves = 30 * 20
    assert updates - updates_before >= saves
    # Measured: 466 of 600 with the fillfactor, 0 of 600 without. The test runs in one transaction,
    # so no old row version is dead yet and the grade's update finds the room taken; between
    # requests PostgreSQL prunes them (the grading benchmark: 54 % of answers and grades in place).
    assert in_place - in_place_before >= saves // 2, (in_place - in_place_before, updates - updates_before)
