"""Aiken: single-choice questions pasted from documents."""

from __future__ import annotations

import pytest

from quizzes.models import Question
from quizzes.services.interop import questions_export_result, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.interop.conftest import positional_ids

pytestmark = pytest.mark.django_db


def test_it_imports_single_choice_questions_with_either_option_style(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("questions.aiken.txt", "aiken")
    assert report.imported == 3
    first = positional_ids(Question.objects.get(stem="Which alliance did Finland join in 2023?"))
    assert first.type == "single_choice"
    assert [c["text"] for c in first.choices] == ["The European Union", "NATO", "The Warsaw Pact"]
    assert first.answer == {"correct": "c2"}
    assert first.meta == {"format": "plain"}
    second = Question.objects.get(stem="Which city hosted the 2023 NATO summit?")
    assert second.choices[3]["text"] == "The Hague"


def test_an_answer_that_is_not_an_option_is_reported_with_its_line(import_file) -> None:  # type: ignore[no-untyped-def]
    report = import_file("questions.aiken.txt", "aiken")
    assert [(e.line, e.reason) for e in report.errors] == [(14, "the answer 'E' is not one of the options A, B")]


def test_a_question_without_an_answer_line_is_reported(admin) -> None:  # type: ignore[no-untyped-def]
    data = b"Which one?\nA. this\nB. that\n\nNext question?\nA. yes\nB. no\nANSWER: A\n"
    report = questions_import(bank="Aiken", fmt="aiken", data=data, user=admin)
    assert report.imported == 0
    assert report.errors[0].line == 1
    assert "neither an option" in report.errors[0].reason


def test_export_writes_single_choice_and_true_false_and_notes_the_rest() -> None:
    bank = QuestionBankFactory(name="Aiken export")
    QuestionFactory(bank=bank, stem="Which system?\nPick one.", explanation="")
    QuestionFactory(bank=bank, true_false=True, stem="NATO has 32 members.", explanation="")
    QuestionFactory(bank=bank, numeric=True)
    result = questions_export_result(fmt="aiken", bank=bank)
    assert result.text == (
        "Which system? Pick one.\nA. HIMARS\nB. Patriot\nC. IRIS-T\nD. NASAMS\nANSWER: A\n\nNATO has 32 members.\nA. True\nB. False\nANSWER: A\n"
    )
    reasons = [n.reason for n in result.notes]
    assert "Aiken is one line of plain text per question and option; line breaks and formatting are flattened" in reasons
    assert "true/false is written as a two-option question and comes back as single choice" in reasons
    assert "Aiken only holds single-choice questions; this numeric question is not exported" in reasons
