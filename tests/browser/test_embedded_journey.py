"""A quiz of a description, a multi-gap embedded-answers question and an essay, in a real browser:
the student reads the description (no number, no flag), fills the gaps (a number, a word, a
drop-down) and writes the essay, submits; the instructor marks the essay in the marking queue and
finds the embedded question graded gap by gap with partial credit; the student then sees both
marks. axe-core checks the pages at desktop and phone width."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.models import Attempt, QuestionType, QuizQuestion, Response
from tests.browser.test_interactions import _start
from tests.browser.test_teach import axe_both
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTRO = "Questions on the founding of NATO; the essay asks about Article 5."
STEM = "NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]]."
ISMAY, SPAAK = "g3-a1b2c3", "g3-d4e5f6"
KEY = {
    "gaps": [
        {"kind": "numeric", "value": 1949, "tolerance": 0, "points": 2},
        {"kind": "text", "accepted": ["Washington"]},
        {"kind": "choice", "correct": ISMAY},
    ]
}
ESSAY = "Article 5 obliges each ally to assist an attacked member, each as it deems necessary."


def test_a_student_answers_gaps_and_an_essay_and_the_instructor_sees_partial_credit_per_gap(
    session_for, instructor, student, course, monkeypatch
):
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = QuizFactory(module=ModuleFactory(course=course), shuffle_questions=False)
    bank = QuestionBankFactory()
    items = [
        QuestionFactory(bank=bank, type=QuestionType.DESCRIPTION, stem=INTRO, choices=[], answer={}, points=0),
        QuestionFactory(
            bank=bank,
            type=QuestionType.EMBEDDED,
            stem=STEM,
            choices=[{"id": ISMAY, "text": "Lord Ismay"}, {"id": SPAAK, "text": "Paul-Henri Spaak"}],
            answer=KEY,
            points=4,
        ),
        QuestionFactory(bank=bank, essay=True, choices={"response_lines": 5}, answer={"grader_info": "Name the treaty's words."}, points=5),
    ]
    for position, question in enumerate(items, start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)

    # 1. The student reads the description, fills the gaps and writes the essay.
    learner = session_for(student)
    page = _start(learner, quiz)
    attempt = Attempt.objects.get(user=student)
    description = page.locator("#q-1")
    assert INTRO in description.inner_text() and description.locator("button, input, h2").count() == 0
    assert page.locator("form#q-2 h2").inner_text().startswith("Question 1 of 2")
    assert page.locator("form#q-3 h2").inner_text().startswith("Question 2 of 2")
    assert page.locator("[data-nav]").all_inner_texts() == ["1", "2"]
    page.fill("form#q-2 input[name=gap-1]", "1949")
    page.fill("form#q-2 input[name=gap-2]", "Brussels")
    page.select_option("form#q-2 select[name=gap-3]", ISMAY)
    page.wait_for_selector("form#q-2 .save-state:has-text('Saved')")
    page.fill("form#q-3 textarea", ESSAY)
    page.wait_for_selector("form#q-3 .save-state:has-text('Saved')")
    assert Response.objects.get(attempt=attempt, position=2).answer == {"1": "1949", "2": "Brussels", "3": ISMAY}
    axe_both(learner, "embedded-take")
    learner.snap("embedded-take")
    page.click("[data-submit-dialog]")
    page.wait_for_selector("#submit-dialog[open]")
    page.wait_for_selector("#submit-dialog-body[aria-busy=false]")  # saves resent on opening are answered
    assert "answered every question" in page.locator("#submit-dialog-body").inner_text()
    page.click("#confirm-submit")
    page.wait_for_selector("#grading-state")

    from quizzes.services.grading import attempt_grade

    attempt_grade(attempt_id=attempt.pk)
    page.wait_for_selector("#graded-state", timeout=10_000)
    # Gap 1 (2 of the 4 shares) and gap 3 (1 share) right, gap 2 wrong: 3 of 4 points.
    assert "Automatically graded part: 3 / 4" in page.locator("#graded-state").inner_text()

    # 2. The instructor marks the essay in the queue.
    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/quizzes/{quiz.pk}/marking/")
    page.click("#marking-queue a:has-text('Mark')")
    page.wait_for_selector("#mark-form")
    assert "each as it deems necessary" in page.locator("#essay-answer").inner_text()
    page.fill("#mark-points", "4")
    page.fill("#mark-comment", "Quote the treaty.")
    page.click("#save-mark")
    page.wait_for_selector("#marking-queue")
    assert Response.objects.get(attempt=attempt, position=3).override_points == Decimal(4)

    # 3. ...and sees the embedded question graded gap by gap, with partial credit.
    page = teacher.goto(f"/teach/attempts/{attempt.pk}/")
    assert "7 / 9" in page.locator("#attempt-score").inner_text()
    embedded = page.locator("#r-2")
    heading = embedded.locator("h3").inner_text()
    assert heading.startswith("Question 1") and "partly correct" in heading and "3 / 4" in heading
    text = embedded.inner_text()
    # The text with its gaps as the student saw them (no raw [[n]] marks), then each gap's answer and key.
    assert "NATO was founded in [gap 1] in [gap 2]" in text and "[[" not in text
    assert "Gap 1: student's answer: 1949 · key: 1949" in text
    assert "Gap 2: student's answer: Brussels · key: Washington" in text
    assert "Gap 3: student's answer: Lord Ismay · key: Lord Ismay" in text
    assert INTRO in page.locator("#r-1").inner_text() and page.locator("#r-1 form").count() == 0
    axe_both(teacher, "embedded-inspect")
    teacher.snap("embedded-inspect")

    # 4. The student sees both marks.
    page = learner.goto(f"/attempts/{attempt.pk}/result/")
    assert "Score: 7 / 9" in page.locator("#graded-state").inner_text()
    assert "3 / 4" in page.locator("#r-2 h3").inner_text() and "partly correct" in page.locator("#r-2 h3").inner_text()
    assert "Gap 2: your answer: Brussels · correct answer: Washington" in page.locator("#r-2 .gap-answers").inner_text()
    assert "Quote the treaty." in page.locator("#r-3 [data-essay-comment]").inner_text()
    axe_both(learner, "embedded-result")
    learner.snap("embedded-result")
