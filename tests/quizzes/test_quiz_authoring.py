"""Creating and changing quizzes: the settings' rules and the sources questions are drawn from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import Question, QuizSource
from quizzes.services.quizzes import (
    ATTEMPTS_ALLOWED_ZERO,
    CLOSES_BEFORE_OPENING,
    PASS_MARK_OUT_OF_RANGE,
    TIME_LIMIT_TOO_SHORT,
    SourceSpec,
    quiz_create,
    quiz_sources_set,
    quiz_update,
)
from tests.factories import ModuleFactory, QuestionFactory
from tests.quizzes.builders import mixed_bank

T0 = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def module(course):  # type: ignore[no-untyped-def]
    return ModuleFactory(course=course)


@pytest.mark.parametrize(
    ("settings", "field", "message"),
    [
        ({"opens_at": T0, "closes_at": T0}, "closes_at", CLOSES_BEFORE_OPENING),
        ({"pass_mark": 101}, "pass_mark", PASS_MARK_OUT_OF_RANGE),
        ({"time_limit_seconds": 30}, "time_limit_seconds", TIME_LIMIT_TOO_SHORT),
        ({"attempts_allowed": 0}, "attempts_allowed", ATTEMPTS_ALLOWED_ZERO),
    ],
)
def test_inconsistent_settings_are_refused_with_a_clear_message(module, settings, field, message) -> None:
    with pytest.raises(ValidationError) as err:
        quiz_create(module=module, title="Q", **settings)
    assert err.value.message_dict == {field: [message]}


def test_a_source_cannot_ask_for_more_approved_questions_than_its_bank_has(module) -> None:
    bank = mixed_bank()  # 8 approved
    QuestionFactory(bank=bank, status=Question.Status.DRAFT)
    with pytest.raises(ValidationError, match="has only 8 approved questions; 9 were asked for"):
        quiz_create(module=module, title="Q", sources=[SourceSpec(bank=bank, count=9)])
    quiz = quiz_create(module=module, title="Q", sources=[SourceSpec(bank=bank, count=8)])
    assert list(quiz.sources.values_list("count", flat=True)) == [8]


def test_a_draft_cannot_be_a_fixed_question(module) -> None:
    with pytest.raises(ValidationError):
        quiz_create(module=module, title="Q", fixed_questions=[QuestionFactory(status=Question.Status.DRAFT)])


def test_sources_are_replaced_as_a_whole(module) -> None:
    bank = mixed_bank()
    quiz = quiz_create(module=module, title="Q", sources=[SourceSpec(bank=bank, count=2)])
    quiz_sources_set(quiz=quiz, sources=[SourceSpec(bank=bank, count=3, topic="weapons-systems")])
    assert list(QuizSource.objects.filter(quiz=quiz).values_list("count", "topic")) == [(3, "weapons-systems")]


def test_an_update_checks_the_merged_settings_and_refuses_unknown_fields(module) -> None:
    quiz = quiz_create(module=module, title="Q", opens_at=T0)
    with pytest.raises(ValidationError):
        quiz_update(quiz=quiz, changes={"closes_at": T0 - dt.timedelta(days=1)})
    with pytest.raises(ValidationError, match="is_practice"):
        quiz_update(quiz=quiz, changes={"is_practice": True})
    quiz_update(quiz=quiz, changes={"title": "Summits", "attempts_allowed": 2})
    quiz.refresh_from_db()
    assert (quiz.title, quiz.attempts_allowed, quiz.opens_at) == ("Summits", 2, T0)
