"""Answers and keys as words for embedded answers (gap by gap) and descriptions (no key: "—"),
on every page that shows them: the instructor's attempt view, the bank review card and the
student's result page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import QuestionType
from quizzes.presenters import NO_KEY, answer_text, key_text
from quizzes.selectors.attempts import ResultItem
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import QuestionFactory
from tests.quizzes.builders import fixed_quiz

STEM = "NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]]."
ISMAY, SPAAK = "g3-a1b2c3", "g3-d4e5f6"
CHOICES = [{"id": ISMAY, "text": "Lord Ismay"}, {"id": SPAAK, "text": "Paul-Henri Spaak"}]
KEY = {
    "gaps": [
        {"kind": "numeric", "value": 1949, "tolerance": 0, "points": 2},
        {"kind": "text", "accepted": ["Washington", "Washington, D.C."]},
        {"kind": "choice", "correct": ISMAY},
    ]
}
KEY_TEXT = "gap 1: 1949; gap 2: Washington or Washington, D.C.; gap 3: Lord Ismay"


def item(type: str = QuestionType.EMBEDDED, stem: str = STEM, options=CHOICES) -> ResultItem:  # type: ignore[no-untyped-def]
    return ResultItem(position=1, question_id=1, type=type, stem=stem, options=list(options), left=[], answer=None)


def test_an_embedded_key_reads_gap_by_gap_with_option_texts_not_ids() -> None:
    assert key_text(item(), KEY) == KEY_TEXT


def test_a_numeric_gap_key_shows_its_tolerance_and_unit() -> None:
    key = {"gaps": [{"kind": "numeric", "value": 32, "tolerance": 2, "unit": "members"}]}
    assert key_text(item(stem="NATO has [[1]]."), key) == "gap 1: 32 ± 2 members"


def test_a_students_embedded_answer_reads_gap_by_gap_and_names_the_empty_gaps() -> None:
    assert answer_text(item(), {"1": "1949", "2": "Brussels", "3": SPAAK}) == "gap 1: 1949; gap 2: Brussels; gap 3: Paul-Henri Spaak"
    assert answer_text(item(), {"3": ISMAY}) == "gap 1: (no answer); gap 2: (no answer); gap 3: Lord Ismay"
    assert answer_text(item(), {}) == ""


def test_an_embedded_key_hidden_by_the_review_policy_reads_as_nothing() -> None:
    assert key_text(item(), None) == ""


def test_a_description_has_no_key_and_no_answer_whatever_is_stored() -> None:
    description = item(type=QuestionType.DESCRIPTION, stem="Read the Vilnius communiqué first.", options=[])
    assert key_text(description, {}) == NO_KEY
    assert key_text(description, None) == NO_KEY
    assert answer_text(description, None) == ""


@pytest.mark.django_db
def test_the_instructor_sees_the_embedded_answer_and_key_gap_by_gap(course, student, instructor) -> None:
    question = QuestionFactory(type=QuestionType.EMBEDDED, stem=STEM, choices=CHOICES, answer=KEY, points=4)
    attempt = attempt_start(quiz=fixed_quiz(course=course, questions=[question]), user=student)
    responses_save(attempt=attempt, user=student, answers={question.pk: {"1": "1949", "2": "Brussels", "3": ISMAY}})
    attempt_submit(attempt=attempt, user=student)
    attempt_grade(attempt_id=attempt.pk)

    page = client_for(instructor).get(reverse("attempt-inspect", args=[attempt.pk])).content.decode()

    # One line per gap, as on the result page: the student's answer, then the key.
    for number, given in ((1, "1949"), (2, "Brussels"), (3, "Lord Ismay")):
        assert f"<li>Gap {number}: <strong>student's answer:</strong> {given}" in page, number
    assert page.count("<strong>key:</strong>") == 3
    assert "[[1]]" not in page, "the gaps are shown as places in the text, not raw marks"
    assert "3 / 4" in page, "two of the three gaps right: 2 + 1 of 4 points"


@pytest.mark.django_db
def test_the_bank_review_card_shows_the_embedded_key_and_a_dash_for_a_description(course, instructor) -> None:
    embedded = QuestionFactory(type=QuestionType.EMBEDDED, stem=STEM, choices=CHOICES, answer=KEY, points=4, status="draft")
    QuestionFactory(bank=embedded.bank, type=QuestionType.DESCRIPTION, stem="Read first.", choices=[], answer={}, points=0, status="draft")
    embedded.bank.course = course
    embedded.bank.save()

    page = client_for(instructor).get(reverse("bank-review", args=[embedded.bank.pk])).content.decode()

    assert f"<strong>Answer key:</strong> {KEY_TEXT}</p>" in page
    assert f"<strong>Answer key:</strong> {NO_KEY}</p>" in page
