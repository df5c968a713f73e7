"""The progress page shows a score only where the quiz's review policy lets the student see it,
by the same rule as the result page and the API (``attempt_shows_score``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz, QuizQuestion
from quizzes.services.attempts import attempt_start, attempt_submit, response_save
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def _graded_attempt(student, course, title: str, **policy) -> Attempt:  # type: ignore[no-untyped-def]
    quiz = QuizFactory(module=ModuleFactory(course=course), title=title, **policy)
    question = QuestionFactory()
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    attempt = attempt_start(quiz=quiz, user=student)
    response_save(attempt_id=attempt.pk, user=student, question_id=question.pk, answer="c1")  # the correct choice: 100%
    attempt_submit(attempt=attempt, user=student)
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == 100
    return attempt


def _history_row(html: str, title: str) -> str:
    start = html.index(f">{title}</a>", html.index('id="history-h"'))
    return html[start : html.index("</tr>", start)]


def test_a_quiz_reviewed_nothing_keeps_its_score_off_the_progress_page(student, course):
    _graded_attempt(student, course, "Hidden quiz", review_after_submit=Quiz.Review.NOTHING, review_after_close=Quiz.Review.NOTHING)

    html = client_for(student).get(reverse("progress")).content.decode()

    assert "100%" not in html
    assert "\u2013" in _history_row(html, "Hidden quiz")  # the en dash of "no score"
    assert "No graded attempts yet." in html  # nor a dot on the chart


def test_a_quiz_that_shows_the_score_shows_it_on_the_progress_page(student, course):
    _graded_attempt(student, course, "Open quiz", review_after_submit=Quiz.Review.SCORE)

    html = client_for(student).get(reverse("progress")).content.decode()

    assert "100%" in _history_row(html, "Open quiz")
    assert '<circle class="dot"' in html


def test_the_score_appears_once_the_quiz_closes_if_the_policy_says_so(student, course):
    attempt = _graded_attempt(student, course, "Later quiz", review_after_submit=Quiz.Review.NOTHING, review_after_close=Quiz.Review.SCORE)
    client = client_for(student)
    assert "100%" not in _history_row(client.get(reverse("progress")).content.decode(), "Later quiz")

    Quiz.objects.filter(pk=attempt.quiz_id).update(closes_at=timezone.now() - dt.timedelta(minutes=1))

    assert "100%" in _history_row(client.get(reverse("progress")).content.decode(), "Later quiz")


def test_the_practice_button_says_when_todays_practice_is_used_up(student, course, monkeypatch):
    """The page calls the same service as the API, so its daily limit holds here too (F1)."""
    monkeypatch.setattr("quizzes.services.practice.PRACTICE_PER_DAY", 0)
    response = client_for(student).post(reverse("practice-start"), {"course": course.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("progress")
    assert "practice quizzes in this course today" in response.content.decode()
    assert not Quiz.objects.filter(is_practice=True).exists()
