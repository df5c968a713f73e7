"""Fixtures for the interoperability tests: the corpus files and an import helper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from courseware.models import User
from quizzes.interop import ImportReport
from quizzes.models import Question, QuestionBank
from quizzes.services.interop import questions_import

CORPUS = Path(__file__).parent / "corpus"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


@pytest.fixture
def import_file(instructor: User) -> Callable[..., ImportReport]:
    def run(name: str, fmt: str, bank: str = "Imported") -> ImportReport:
        return questions_import(bank=bank, fmt=fmt, data=corpus(name), user=instructor)

    return run


def by_title(title: str, bank: str = "Imported") -> Question:
    return Question.objects.get(bank=QuestionBank.objects.get(name=bank), title=title)
