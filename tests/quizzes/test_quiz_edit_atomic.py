"""Editing a quiz is one transaction: when its new sources are refused, its settings stay as
they were, whether the edit comes from the HTML editor or the API (issue 15, bug 1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.models import Quiz
from quizzes.services.quizzes import SourceSpec, quiz_update
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory, QuizSourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course) -> Quiz:  # type: ignore[no-untyped-def]
    bank = QuestionBankFactory(course=course, name="Aid")
    QuestionFactory(bank=bank)
    quiz = QuizFactory(module=ModuleFactory(course=course), title="Before", is_published=False)
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    return quiz


def test_the_service_keeps_the_settings_when_the_sources_are_refused(quiz) -> None:
    bank = quiz.sources.get().bank
    with pytest.raises(ValidationError, match="only 1 approved"):
        quiz_update(quiz=quiz, changes={"title": "After"}, sources=[SourceSpec(bank=bank, count=5)])
    quiz.refresh_from_db()
    assert quiz.title == "Before"
    assert quiz.sources.get().count == 1


def test_the_service_saves_settings_and_sources_together(quiz) -> None:
    bank = quiz.sources.get().bank
    QuestionFactory(bank=bank)
    quiz_update(quiz=quiz, changes={"title": "After"}, sources=[SourceSpec(bank=bank, count=2)])
    quiz.refresh_from_db()
    assert (quiz.title, quiz.sources.get().count) == ("After", 2)


def test_the_html_editor_saves_nothing_when_its_sources_are_refused(instructor, quiz) -> None:
    bank = quiz.sources.get().bank
    form = {
        "title": "After",
        "questions_per_page": 0,
        "grading_method": "highest",
        "pass_mark": 50,
        "review_after_submit": 4,
        "review_after_close": 4,
        "is_published": "on",
        "bank-0": bank.pk,
        "count-0": 5,
    }
    response = client_for(instructor).post(reverse("quiz-edit", args=[quiz.pk]), form)
    assert response.status_code == 200
    assert "only 1 approved" in response.content.decode()
    quiz.refresh_from_db()
    assert (quiz.title, quiz.is_published) == ("Before", False)
    assert quiz.sources.get().count == 1


def test_the_api_saves_nothing_when_its_sources_are_refused(instructor, quiz) -> None:
    bank = quiz.sources.get().bank
    client = client_for(instructor)
    response = client.post(
        reverse("api-quiz-update", args=[quiz.pk]),
        {"title": "After", "sources": [{"bank": bank.pk, "count": 5}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    quiz.refresh_from_db()
    assert quiz.title == "Before"
