"""Item statistics a teacher can read (issue 17, item 6): answers as texts, the right one marked,
the students' numbering, full question texts, a CSV export and the quiz's reliability."""

from __future__ import annotations

import csv
import io
import statistics

import pytest
from django.urls import reverse

from quizzes.models import QuestionType, Quiz
from quizzes.selectors.statistics import ALPHA_MIN_ATTEMPTS, quiz_statistics, quiz_statistics_csv
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.quizzes.builders import RIGHT, WRONG, fixed_quiz, question_of
from tests.quizzes.test_gradebook import classmate, take, tf_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def answer(quiz: Quiz, user, question, value) -> None:  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    responses_save(attempt=attempt, user=user, answers={question.pk: value})
    attempt_submit(attempt=attempt, user=user)
    attempt_grade(attempt_id=attempt.pk)


def test_ordering_answers_are_shown_as_their_items_texts_with_the_right_order_marked(course) -> None:
    question = question_of(QuestionType.ORDERING)
    quiz = fixed_quiz(course=course, questions=[question])
    for order in (RIGHT[QuestionType.ORDERING], WRONG[QuestionType.ORDERING], WRONG[QuestionType.ORDERING]):
        answer(quiz, classmate(course), question, order)

    [item] = quiz_statistics(quiz=quiz).items

    shown = {o.text: (o.count, o.is_correct) for o in item.options}
    assert shown == {
        "Vilnius 2023 → Washington 2024 → The Hague 2025": (1, True),
        "The Hague 2025 → Washington 2024 → Vilnius 2023": (2, False),
    }


def test_a_typed_answer_that_earned_full_marks_is_marked_right(course) -> None:
    question = question_of(QuestionType.SHORT_ANSWER)
    quiz = fixed_quiz(course=course, questions=[question])
    for typed in ("Jens Stoltenberg", "Stoltenberg", "Rutte"):
        answer(quiz, classmate(course), question, typed)

    [item] = quiz_statistics(quiz=quiz).items

    assert {o.option: o.is_correct for o in item.options} == {"jens stoltenberg": True, "stoltenberg": True, "rutte": False}


def test_questions_are_numbered_as_students_saw_them_not_by_id(course) -> None:
    later_made, first_made = question_of(QuestionType.TRUE_FALSE), question_of(QuestionType.TRUE_FALSE)
    assert later_made.pk < first_made.pk
    quiz = fixed_quiz(course=course, questions=[first_made, later_made], shuffle_questions=False)
    take(quiz, classmate(course), [True, False])

    items = quiz_statistics(quiz=quiz).items

    assert [(item.number, item.question_id, item.position_varies) for item in items] == [
        (1, first_made.pk, False),
        (2, later_made.pk, False),
    ]


def test_cronbachs_alpha_is_computed_once_there_are_enough_attempts(course) -> None:
    quiz = tf_quiz(course, n=3)
    table = [[True, True, True], [True, True, False], [True, False, False], [False, False, False], [True, True, True]] * 2
    for right in table[: ALPHA_MIN_ATTEMPTS - 1]:
        take(quiz, classmate(course), right)
    too_few = quiz_statistics(quiz=quiz)
    assert too_few.alpha is None and str(ALPHA_MIN_ATTEMPTS) in too_few.alpha_note

    take(quiz, classmate(course), table[ALPHA_MIN_ATTEMPTS - 1])
    result = quiz_statistics(quiz=quiz)

    columns = [[float(row[i]) for row in table] for i in range(3)]
    totals = [sum(row) for row in zip(*columns, strict=True)]
    expected = 3 / 2 * (1 - sum(statistics.variance(c) for c in columns) / statistics.variance(totals))
    assert result.alpha == pytest.approx(expected)
    assert "3 questions" in result.alpha_note


def test_the_csv_lists_every_question_in_full_in_the_students_numbering_and_escapes_formulas(course) -> None:
    question = question_of(QuestionType.TRUE_FALSE, stem='=HYPERLINK("http://evil") ' + "and a long stem " * 12)
    quiz = fixed_quiz(course=course, questions=[question])
    take(quiz, classmate(course), [True])

    rows = list(csv.reader(io.StringIO(quiz_statistics_csv(quiz=quiz))))

    assert rows[0][:4] == ["number", "question id", "type", "question"]
    assert rows[1][0] == "1" and rows[1][3].startswith("'=HYPERLINK") and rows[1][3].endswith("and a long stem ")
    assert "True ✓: 1" in rows[1][8]
    assert rows[-1][0] == "Cronbach's alpha"


def test_the_statistics_page_shows_full_stems_the_csv_link_and_reliability(course, instructor, other_instructor) -> None:
    long_stem = "Which summit " + "discussed the long-range fires that allies committed " * 4 + "?"
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE, stem=long_stem)])
    take(quiz, classmate(course), [True])

    page = client_for(instructor).get(reverse("quiz-stats", args=[quiz.pk])).content.decode()
    assert long_stem in page
    assert reverse("quiz-stats-csv", args=[quiz.pk]) in page
    assert "Cronbach" in page

    download = client_for(instructor).get(reverse("quiz-stats-csv", args=[quiz.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert client_for(other_instructor).get(reverse("quiz-stats-csv", args=[quiz.pk])).status_code == 404
