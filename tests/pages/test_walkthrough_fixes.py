"""Defects of issue 17's browser walk-through that a page shows without measuring layout: one
retire control per question, the numbers students saw in the instructor's pages, essays apart
from automatic items in the statistics, and a progress page that agrees with the attempt row."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuestionType
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from quizzes.services.marking import MarkInput, essay_mark
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, QuestionBankFactory, QuestionFactory, UserFactory
from tests.quizzes.builders import RIGHT, fixed_quiz

pytestmark = pytest.mark.django_db

ESSAY_TEXT = "Article 5 obliges each ally to assist, but each decides how."


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def description(stem: str) -> object:
    return QuestionFactory(type=QuestionType.DESCRIPTION, stem=stem, choices=[], answer={}, points=0, explanation="")


def essay(stem: str) -> object:
    return QuestionFactory(essay=True, stem=stem, choices={"word_limit": 50}, answer={"grader_info": "Article 5."}, points=4)


def graded_attempt(course, student, questions) -> Attempt:  # type: ignore[no-untyped-def]
    """``student``'s graded attempt at a quiz of ``questions`` in this order, every answer right."""
    return graded_attempt_at(fixed_quiz(course=course, questions=questions, shuffle_questions=False), student)


def graded_attempt_at(quiz, student, essay_text: str = ESSAY_TEXT) -> Attempt:  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=student)
    answers = {
        r.question_id: essay_text if r.question.type == QuestionType.ESSAY else RIGHT[r.question.type]
        for r in attempt.responses.select_related("question")
        if r.question.type != QuestionType.DESCRIPTION
    }
    attempt_submit(attempt=attempt, user=student, answers=answers)
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


def test_each_question_on_the_bank_review_page_has_one_retire_control_the_confirmation_link(instructor, course):
    bank = QuestionBankFactory(course=course, owner=instructor)
    question = QuestionFactory(bank=bank, status="draft")

    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk]), {"status": ""}).content.decode()

    card = html[html.index(f'id="question-{question.pk}"') :]
    card = card[: card.index("</article>")]
    assert card.count("Retire") == 1
    assert reverse("question-change-confirm", args=[question.pk, "retire"]) in card
    assert 'value="retire"' not in card


def test_the_marking_queue_numbers_each_essay_as_the_student_saw_it_not_counting_descriptions(course, student, instructor):
    attempt = graded_attempt(
        course,
        student,
        [description("Read the passage first."), essay("Assess Article 5."), QuestionFactory(), QuestionFactory(), essay("Weigh the war.")],
    )

    page = client_for(instructor).get(reverse("quiz-marking", args=[attempt.quiz_id])).content.decode()

    assert re.search(r"<td>1\. Assess Article 5\.</td>", page)
    assert re.search(r"<td>4\. Weigh the war\.</td>", page)


def test_a_mark_override_is_confirmed_with_the_number_the_student_saw(course, student, instructor):
    attempt = graded_attempt(
        course, student, [description("Read the passage first."), QuestionFactory(), QuestionFactory(), QuestionFactory()]
    )
    client = client_for(instructor)

    reply = client.post(
        reverse("attempt-inspect", args=[attempt.pk]),
        {"position": "4", "points": "0", "comment": "Wrong date.", "action": "override"},
        follow=True,
    )

    assert "Mark of question 3 saved" in reply.content.decode()


def test_the_instructors_attempt_view_shows_an_embedded_answers_stem_with_its_gaps_not_raw_marks(course, student, instructor):
    stem = "NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]]."
    choices = [{"id": "g3-a1b2c3", "text": "Lord Ismay"}, {"id": "g3-d4e5f6", "text": "Paul-Henri Spaak"}]
    key = {
        "gaps": [
            {"kind": "numeric", "value": 1949, "tolerance": 0},
            {"kind": "text", "accepted": ["Washington"]},
            {"kind": "choice", "correct": "g3-a1b2c3"},
        ]
    }
    question = QuestionFactory(type=QuestionType.EMBEDDED, stem=stem, choices=choices, answer=key, points=3)
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student, answers={question.pk: {"1": "1949", "2": "Paris", "3": "g3-a1b2c3"}})
    attempt_grade(attempt_id=attempt.pk)

    page = client_for(instructor).get(reverse("attempt-inspect", args=[attempt.pk])).content.decode()

    assert "[[" not in page and "g3-a1b2c3" not in page
    assert 'NATO was founded in <span class="muted">[gap 1]</span> in <span class="muted">[gap 2]</span>' in page
    assert "Gap 2: <strong>student's answer:</strong> Paris · <strong>key:</strong> Washington" in page
    assert "Gap 3: <strong>student's answer:</strong> Lord Ismay · <strong>key:</strong> Lord Ismay" in page


def test_item_statistics_count_only_marked_essays_in_the_facility_and_list_no_essay_as_an_answer(course, instructor):
    quiz = fixed_quiz(course=course, questions=[essay("Assess Article 5."), QuestionFactory()], shuffle_questions=False)
    attempts = []
    for n in range(3):
        writer = UserFactory(username=f"writer-{n}")
        EnrollmentFactory(course=course, user=writer)
        attempts.append(graded_attempt_at(quiz, writer, essay_text=f"Essay number {n} on collective defence."))
    marked = attempts[0].responses.get(position=1)
    essay_mark(response=marked, by=instructor, mark=MarkInput(points=Decimal(4), comment="Full.", rubric={}, version=0, release=True))

    page = client_for(instructor).get(reverse("quiz-stats", args=[quiz.pk])).content.decode()

    essay_card = page[page.index('id="item-1"') : page.index('id="item-2"')]
    assert "facility 100% (1 marked of 3; the others wait for marking and do not count)" in essay_card
    assert "Essay number" not in essay_card and "✓" not in essay_card
    assert essay_card.count("not marked yet") == 2
    rows = list(csv.reader(io.StringIO(client_for(instructor).get(reverse("quiz-stats-csv", args=[quiz.pk])).content.decode())))
    assert rows[0][9] == "marked" and rows[1][6:] == ["100.0", "", "", "1 of 3"] and rows[2][9] == ""


def test_a_quiz_whose_essay_waits_for_marking_reads_the_same_on_the_quiz_line_and_the_attempt_row(course, student, instructor):
    # One choice question right (1 point) and an essay (4 points) unmarked: 20 % so far.
    attempt = graded_attempt(course, student, [QuestionFactory(), essay("Assess Article 5.")])
    assert attempt.marking_pending and attempt.percent == 20.0

    teacher_page = client_for(instructor).get(reverse("student-detail", args=[course.pk, student.pk])).content.decode()
    student_page = client_for(student).get(reverse("progress")).content.decode()

    assert "not graded" not in teacher_page
    assert f"{attempt.quiz.title}: graded, essay marking pending: 20.0% so far (attempt #1)" in teacher_page
    assert "<td>Graded, essay marking pending</td>" in teacher_page.replace(" (auto)", "")
    assert '<td class="num">20.0% so far</td>' in teacher_page
    assert "<td>Graded, essay marking pending</td>" in student_page and '<td class="num">20% so far</td>' in student_page
