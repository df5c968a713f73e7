"""An essay's whole life in a real browser: a student writes it (autosaved, counted against the
word limit) and submits; the result says it awaits marking while showing the automatic part; the
instructor marks it against the rubric in the quiz's marking queue; the student sees the mark
and the comment. axe-core checks the new pages at desktop and phone width."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.models import Attempt, MarkHistory, QuizQuestion, Response
from tests.browser.test_interactions import _start
from tests.browser.test_teach import axe_both
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUBRIC = [
    {
        "id": "k1",
        "criterion": "Explains Article 5",
        "levels": [{"id": "none", "label": "Missing", "points": 0}, {"id": "full", "label": "Accurate", "points": 2}],
    },
    {
        "id": "k2",
        "criterion": "Weighs the war's effect",
        "levels": [
            {"id": "none", "label": "Missing", "points": 0},
            {"id": "some", "label": "Partly", "points": 1},
            {"id": "full", "label": "Fully", "points": 2},
        ],
    },
]
ESSAY = "Article 5 obliges each ally to assist an attacked member.\nEach ally decides how, so admission is not automatic war."


def test_a_student_writes_an_essay_the_instructor_marks_it_and_the_student_sees_the_mark(
    session_for, instructor, student, course, monkeypatch
):
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = QuizFactory(module=ModuleFactory(course=course), shuffle_questions=False)
    bank = QuestionBankFactory()
    essay = QuestionFactory(
        bank=bank,
        essay=True,
        choices={"word_limit": 40, "response_lines": 6},
        answer={"grader_info": "Credit 'as it deems necessary'.", "rubric": RUBRIC},
    )
    for position, question in enumerate([QuestionFactory(bank=bank, true_false=True), essay], start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)

    # 1. The student answers both questions; the essay autosaves as they type.
    learner = session_for(student)
    page = _start(learner, quiz)
    attempt = Attempt.objects.get(user=student)
    page.check("form#q-1 input[value=true]")
    page.wait_for_selector("form#q-1 .save-state:has-text('Saved')")
    page.fill("form#q-2 textarea", ESSAY)
    page.wait_for_selector("form#q-2 .save-state:has-text('Saved')")
    assert "20 of 40 words" in page.locator("form#q-2 [data-word-count]").inner_text()
    assert Response.objects.get(attempt=attempt, position=2).answer == ESSAY
    axe_both(learner, "essay-take")
    learner.snap("essay-take")
    page.click("[data-submit-dialog]")
    page.wait_for_selector("#submit-dialog[open]")
    page.click("#confirm-submit")
    page.wait_for_selector("#grading-state")

    from quizzes.services.grading import attempt_grade

    attempt_grade(attempt_id=attempt.pk)
    page.wait_for_selector("#graded-state", timeout=10_000)
    state = page.locator("#graded-state").inner_text()
    assert "Essays awaiting marking." in state and "Automatically graded part: 1 / 1" in state
    assert page.locator("#r-2 [data-awaiting-marking]").count() == 1

    # 2. The instructor marks it in the queue, against the rubric.
    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/quizzes/{quiz.pk}/")
    page.click("a:has-text('Essay marking')")
    page.wait_for_selector("#marking-queue")
    assert "1 essay to mark" in page.locator("#marking-summary").inner_text()
    axe_both(teacher, "marking-queue")
    teacher.snap("marking-queue")
    page.click("#marking-queue a:has-text('Mark')")
    page.wait_for_selector("#mark-form")
    assert "as it deems necessary" in page.locator("#grader-info").inner_text()
    assert "Each ally decides how" in page.locator("#essay-answer").inner_text()
    axe_both(teacher, "essay-mark")
    teacher.snap("essay-mark")
    page.check("input[name=rubric-k1][value=full]")
    page.check("input[name=rubric-k2][value=some]")
    page.fill("#mark-comment", "Clear on Article 5; say more about the war.")
    page.click("#save-mark")
    page.wait_for_selector("#marking-queue")
    assert "0 essays to mark" in page.locator("#marking-summary").inner_text()
    # 3 of the rubric's 4 points on the 4-point question.
    assert MarkHistory.objects.get(response__attempt=attempt).points == Decimal(3)

    # 3. The student sees the grade and the comment.
    page = learner.goto(f"/attempts/{attempt.pk}/result/")
    assert "Score: 4 / 5" in page.locator("#graded-state").inner_text()
    assert "Clear on Article 5; say more about the war." in page.locator("#r-2 [data-essay-comment]").inner_text()
    assert "3 / 4" in page.locator("#r-2 h3").inner_text()
    axe_both(learner, "essay-result")
    learner.snap("essay-result")
