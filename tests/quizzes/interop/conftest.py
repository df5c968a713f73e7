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
def import_file(admin: User) -> Callable[..., ImportReport]:
    def run(name: str, fmt: str, bank: str = "Imported") -> ImportReport:
        return questions_import(bank=bank, fmt=fmt, data=corpus(name), user=admin)

    return run


def by_title(title: str, bank: str = "Imported") -> Question:
    """The imported question of that title, its option ids named by position (``positional_ids``)."""
    return positional_ids(Question.objects.get(bank=QuestionBank.objects.get(name=bank), title=title))


def positional_ids(question: Question) -> Question:
    """``question`` (in memory, not saved) with its option ids renamed by position as the file
    numbered them: ``c1..`` choices, ``l1..``/``r1..`` matching columns, ``o1..`` ordering items.

    Import gives options random ids (students see them, so they must not carry the key); the
    reader tests speak about which option of the file is the key, so they compare these names.
    """
    if question.type == "essay":
        return question  # its choices are settings, with no option ids
    prefix = "o" if question.type == "ordering" else "c"
    if isinstance(question.choices, dict):
        names = {c["id"]: f"l{i}" for i, c in enumerate(question.choices["left"], start=1)}
        names |= {c["id"]: f"r{i}" for i, c in enumerate(question.choices["right"], start=1)}
    else:
        names = {c["id"]: f"{prefix}{i}" for i, c in enumerate(question.choices, start=1)}
    question.choices, question.answer = _renamed(question, names)
    return question


def _renamed(question: Question, names: dict[str, str]) -> tuple[object, dict[str, object]]:
    def one(value: object) -> object:
        return names.get(value, value) if isinstance(value, str) else value

    choices = question.choices
    if isinstance(choices, dict):
        choices = {side: [{**c, "id": one(c["id"])} for c in items] for side, items in choices.items()}
    elif isinstance(choices, list):
        choices = [{**c, "id": one(c["id"])} for c in choices]
    answer = dict(question.answer)
    for key, value in list(answer.items()):
        if isinstance(value, list):
            answer[key] = [one(v) for v in value]
        elif isinstance(value, dict) and key in ("weights", "pairs"):
            answer[key] = {one(k): one(v) for k, v in value.items()}
        else:
            answer[key] = one(value)
    return choices, answer
