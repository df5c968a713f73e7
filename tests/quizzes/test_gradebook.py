"""Instructor views of the data: gradebook (+ CSV), item statistics, per-student detail."""

from __future__ import annotations

import csv
import io
import statistics

import pytest
from django.urls import reverse

from core.errors import NotFound
from courseware.models import Module
from quizzes.models import Attempt, Quiz
from quizzes.selectors.gradebook import gradebook_csv, gradebook_for_course, student_detail_for_course
from quizzes.selectors.statistics import quiz_item_statistics
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from quizzes.services.practice import practice_schedule_facts
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, FactFactory, QuizFactory, SectionFactory, UserFactory
from tests.quizzes.builders import fixed_quiz, question_of


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def classmate(course, username: str | None = None):  # type: ignore[no-untyped-def]
    user = UserFactory(**({"username": username} if username else {}))
    EnrollmentFactory(course=course, user=user)
    return user


def tf_quiz(course, n: int = 2, **settings):  # type: ignore[no-untyped-def]
    return fixed_quiz(course=course, questions=[question_of("true_false") for _ in range(n)], shuffle_questions=False, **settings)


def take(quiz: Quiz, user, right: list[bool]) -> Attempt:  # type: ignore[no-untyped-def]
    """An attempt answering question i right when right[i] (true/false questions, key True)."""
    attempt = attempt_start(quiz=quiz, user=user)
    rows = list(attempt.responses.order_by("position"))
    responses_save(attempt=attempt, user=user, answers={r.question_id: ok for r, ok in zip(rows, right, strict=True)})
    attempt_submit(attempt=attempt, user=user)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None
    return graded


# --- gradebook -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Quiz.GradingMethod.HIGHEST, 100.0),
        (Quiz.GradingMethod.LAST, 0.0),
        (Quiz.GradingMethod.FIRST, 50.0),
        (Quiz.GradingMethod.AVERAGE, 50.0),
    ],
)
def test_the_gradebook_applies_the_quizs_grading_method(course, student, method, expected) -> None:
    quiz = tf_quiz(course, grading_method=method)
    for right in ([True, False], [True, True], [False, False]):  # 50%, 100%, 0%
        take(quiz, student, right)
    book = gradebook_for_course(course=course)
    [row] = book.rows
    assert row.student == student and book.quizzes == [quiz]
    assert row.cells[0].grade == expected and row.cells[0].attempts == 3


def test_the_gradebook_shows_pending_and_missing_grades_and_the_pass_mark(course, student) -> None:
    waiting = classmate(course)
    absent = classmate(course)
    quiz = tf_quiz(course, pass_mark=60)
    take(quiz, student, [True, False])
    attempt = attempt_start(quiz=quiz, user=waiting)
    attempt_submit(attempt=attempt, user=waiting)
    cells = {row.student: row.cells[0] for row in gradebook_for_course(course=course).rows}
    assert (cells[student].grade, cells[student].passed) == (50.0, False)
    assert (cells[waiting].grade, cells[waiting].pending, cells[waiting].attempts) == (None, 1, 1)
    assert (cells[absent].grade, cells[absent].attempts, cells[absent].passed) == (None, 0, None)


def test_the_gradebook_leaves_out_other_courses_instructors_and_practice_quizzes(course, other_course, student, other_student) -> None:
    tf_quiz(course)
    tf_quiz(other_course)
    QuizFactory(module=course.modules.first(), is_practice=True, owner=student)
    book = gradebook_for_course(course=course)
    assert [r.student for r in book.rows] == [student]
    assert len(book.quizzes) == 1 and not book.quizzes[0].is_practice


@pytest.mark.parametrize("class_size", [2, 12])
def test_the_gradebook_costs_three_queries_whatever_the_class_size(course, class_size, django_assert_num_queries) -> None:
    quizzes = [tf_quiz(course) for _ in range(3)]
    for i in range(class_size):
        user = classmate(course)
        for quiz in quizzes:
            take(quiz, user, [i % 2 == 0, True])
    with django_assert_num_queries(3):
        book = gradebook_for_course(course=course)
    assert len(book.rows) == class_size + 1 and all(len(r.cells) == 3 for r in book.rows)  # + the cast's student


def test_the_csv_export_has_a_row_per_student_and_a_column_per_quiz(course, student) -> None:
    formula = classmate(course, username="=cmd|calc")
    first = tf_quiz(course, title="Summits")
    tf_quiz(course, title="Aid")
    take(first, student, [True, False])
    rows = list(csv.reader(io.StringIO(gradebook_csv(course=course))))
    assert rows[0][:6] == ["username", "first name", "last name", "email", "Summits", "Aid"]
    by_user = {r[0]: r for r in rows[1:]}
    assert by_user[student.username][4:6] == ["50.00", ""]
    assert f"'{formula.username}" in by_user  # a cell a spreadsheet would run as a formula is defused


def test_the_csv_export_appends_pass_or_fail_and_attempts_per_quiz_after_the_grades(course, student) -> None:
    """Walk-through defect 23: the export had no pass/fail and no attempt counts. They come after
    every grade column, so a consumer reading grades by position reads the same columns as before."""
    passing, in_progress, absent = classmate(course, "passing"), classmate(course, "in-progress"), classmate(course, "absent")
    summits = tf_quiz(course, title="Summits", pass_mark=60)
    aid = tf_quiz(course, title="Aid", pass_mark=50)
    take(summits, student, [True, False])  # 50% < 60
    take(summits, passing, [False, False])
    take(summits, passing, [True, True])  # highest: 100%
    take(aid, student, [True, False])  # 50% >= 50
    attempt_start(quiz=aid, user=in_progress)

    header, *rows = list(csv.reader(io.StringIO(gradebook_csv(course=course))))

    assert header == [
        "username",
        "first name",
        "last name",
        "email",
        "Summits",
        "Aid",
        "Summits (pass/fail)",
        "Summits (attempts)",
        "Aid (pass/fail)",
        "Aid (attempts)",
    ]
    by_user = {r[0]: r[4:] for r in rows}
    assert by_user[student.username] == ["50.00", "50.00", "fail", "1", "pass", "1"]
    assert by_user[passing.username] == ["100.00", "", "pass", "2", "", "0"]
    assert by_user[in_progress.username] == ["", "", "", "0", "", "1"]  # nothing graded: neither pass nor fail
    assert by_user[absent.username] == ["", "", "", "0", "", "0"]


@pytest.mark.parametrize("class_size", [2, 12])
def test_the_csv_export_costs_three_queries_whatever_the_class_size(course, class_size, django_assert_num_queries) -> None:
    quizzes = [tf_quiz(course) for _ in range(2)]
    for i in range(class_size):
        user = classmate(course)
        for quiz in quizzes:
            take(quiz, user, [i % 2 == 0, True])
    with django_assert_num_queries(3):
        exported = gradebook_csv(course=course)
    assert len(list(csv.reader(io.StringIO(exported)))) == 1 + class_size + 1  # header, the classmates, the cast's student


def test_the_gradebook_page_shows_pass_or_fail_beside_each_grade(course, student, instructor) -> None:
    failing = classmate(course, "failing")
    quiz = tf_quiz(course, pass_mark=60)
    take(quiz, student, [True, True])
    take(quiz, failing, [True, False])
    page = client_for(instructor).get(reverse("gradebook", args=[course.pk])).content.decode()
    rows = page.split('<tr><th scope="row">')[1:]

    def row_of(user) -> str:  # type: ignore[no-untyped-def]
        [row] = [row for row in rows if reverse("student-detail", args=[course.pk, user.pk]) in row.split("</th>")[0]]
        return row

    passed_row, failed_row = row_of(student), row_of(failing)
    assert '<span class="badge ok">pass</span>' in passed_row and "badge bad" not in passed_row
    assert '<span class="badge bad">fail</span>' in failed_row and "badge ok" not in failed_row


# --- item statistics -------------------------------------------------------------------------------------


def test_item_statistics_follow_moodles_facility_and_discrimination_indices(course) -> None:
    quiz = tf_quiz(course, n=4)
    # Rows: students; columns: questions 1..4 right or wrong. Question 4 is answered right only
    # by the weakest student: it discriminates the wrong way.
    T, F = True, False
    table = [[T, T, T, F], [T, T, F, F], [T, F, T, F], [F, F, F, T], [T, T, T, F]]
    for right in table:
        take(quiz, classmate(course), right)
    stats = {s.question_id: s for s in quiz_item_statistics(quiz=quiz)}
    questions = [qq.question_id for qq in quiz.fixed_questions.order_by("position")]
    for column, question_id in enumerate(questions):
        item = [float(row[column]) for row in table]
        rest = [float(sum(row)) - item[i] for i, row in enumerate(table)]
        assert stats[question_id].facility == pytest.approx(100 * statistics.mean(item))
        assert stats[question_id].discrimination == pytest.approx(100 * statistics.correlation(item, rest))
    assert stats[questions[0]].discrimination > 0 > stats[questions[3]].discrimination  # type: ignore[operator]


def test_item_statistics_count_how_often_each_option_was_chosen(course) -> None:
    question = question_of("single_choice")
    quiz = fixed_quiz(course=course, questions=[question])
    for choice in ["c1", "c1", "c3", None]:
        user = classmate(course)
        attempt = attempt_start(quiz=quiz, user=user)
        if choice:
            responses_save(attempt=attempt, user=user, answers={question.pk: choice})
        attempt_submit(attempt=attempt, user=user)
        attempt_grade(attempt_id=attempt.pk)
    [item] = quiz_item_statistics(quiz=quiz)
    counts = {o.option: (o.count, o.is_correct) for o in item.options}
    assert counts == {"c1": (2, True), "c2": (0, False), "c3": (1, False), "c4": (0, False)}
    assert (item.attempts, item.answered, item.facility) == (4, 3, 50.0)


def test_item_statistics_count_one_number_however_students_wrote_it(course) -> None:
    question = question_of("numeric", answer={"value": 2000, "tolerance": 0})
    quiz = fixed_quiz(course=course, questions=[question])
    for typed in ["2,000", "2000", "2 000", "1500"]:
        user = classmate(course)
        attempt = attempt_start(quiz=quiz, user=user)
        responses_save(attempt=attempt, user=user, answers={question.pk: typed})
        attempt_submit(attempt=attempt, user=user)
        attempt_grade(attempt_id=attempt.pk)
    [item] = quiz_item_statistics(quiz=quiz)
    assert (item.answered, item.facility) == (4, 75.0)
    assert {o.option: o.count for o in item.options} == {"2000": 3, "1500": 1}


def test_item_statistics_analyse_the_attempts_the_grading_method_counts(course, student) -> None:
    quiz = tf_quiz(course, n=1, grading_method=Quiz.GradingMethod.FIRST)
    take(quiz, student, [False])
    take(quiz, student, [True])
    [item] = quiz_item_statistics(quiz=quiz)
    assert (item.attempts, item.facility) == (1, 0.0)


def test_item_statistics_cost_two_queries(course, django_assert_num_queries) -> None:
    quiz = tf_quiz(course, n=4)
    for i in range(6):
        take(quiz, classmate(course), [True, i % 2 == 0, i % 3 == 0, False])
    with django_assert_num_queries(2):
        assert len(quiz_item_statistics(quiz=quiz)) == 4


# --- per-student detail ----------------------------------------------------------------------------------


def test_the_student_detail_lists_attempts_grades_and_mastery(course, student, django_assert_num_queries) -> None:
    quiz = tf_quiz(course)
    take(quiz, student, [True, False])
    take(quiz, student, [True, True])
    section = SectionFactory()
    Module.objects.filter(pk=quiz.module_id).update(reading=section.reading)  # facts of a reading the course uses
    practice_schedule_facts(user=student, facts=[FactFactory(section=section), FactFactory(section=section)])
    with django_assert_num_queries(4):
        detail = student_detail_for_course(course=course, student_id=student.pk)
    assert [a.number for a in detail.attempts] == [1, 2]
    assert detail.grades == {quiz.pk: 100.0}
    assert [t.topic for t in detail.topics] == ["weapons-systems"]
    assert (detail.facts_scheduled, detail.facts_due) == (2, 2)


def test_the_student_detail_is_not_found_for_someone_outside_the_course(course, other_student, instructor) -> None:
    for user in (other_student, instructor):
        with pytest.raises(NotFound):
            student_detail_for_course(course=course, student_id=user.pk)
