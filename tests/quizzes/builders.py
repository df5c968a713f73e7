"""Small builders for quiz tests: a bank with one question of every type, a quiz in the cast's
course, and the right / wrong answer to each factory question type."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from courseware.models import Course
from quizzes.models import Question, QuestionBank, QuestionType, Quiz
from quizzes.services.quizzes import SourceSpec, quiz_create
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory

TRAITS = {
    QuestionType.SINGLE_CHOICE: {},
    QuestionType.MULTIPLE_RESPONSE: {"multiple_response": True},
    QuestionType.TRUE_FALSE: {"true_false": True},
    QuestionType.CLOZE: {"cloze": True},
    QuestionType.NUMERIC: {"numeric": True},
    QuestionType.MATCHING: {"matching": True},
    QuestionType.ORDERING: {"ordering": True},
    QuestionType.SHORT_ANSWER: {"short_answer": True},
}

RIGHT: dict[str, Any] = {
    QuestionType.SINGLE_CHOICE: "c1",
    QuestionType.MULTIPLE_RESPONSE: ["c1", "c2"],
    QuestionType.TRUE_FALSE: True,
    QuestionType.CLOZE: "himars",
    QuestionType.NUMERIC: 281,
    QuestionType.MATCHING: {"l1": "r1", "l2": "r2"},
    QuestionType.ORDERING: ["o1", "o2", "o3"],
    QuestionType.SHORT_ANSWER: "Jens Stoltenberg",
}

WRONG: dict[str, Any] = {
    QuestionType.SINGLE_CHOICE: "c2",
    QuestionType.MULTIPLE_RESPONSE: ["c3"],
    QuestionType.TRUE_FALSE: False,
    QuestionType.CLOZE: "Patriot",
    QuestionType.NUMERIC: 200,
    QuestionType.MATCHING: {"l1": "r2", "l2": "r1"},
    QuestionType.ORDERING: ["o3", "o2", "o1"],
    QuestionType.SHORT_ANSWER: "Rutte",
}


def question_of(qtype: str, **kwargs: Any) -> Question:
    return QuestionFactory(**TRAITS[qtype], **kwargs)


def mixed_bank(*, per_type: int = 1, name: str | None = None, **kwargs: Any) -> QuestionBank:
    bank = QuestionBankFactory(**({"name": name} if name else {}))
    for qtype in TRAITS:
        for _ in range(per_type):
            question_of(qtype, bank=bank, **kwargs)
    return bank


def fixed_quiz(*, course: Course, questions: list[Question], **settings: Any) -> Quiz:
    module = ModuleFactory(course=course)
    settings.setdefault("is_published", True)
    return quiz_create(module=module, title=settings.pop("title", "Fixed quiz"), fixed_questions=questions, **settings)


def drawn_quiz(*, course: Course, bank: QuestionBank, count: int, topic: str = "", **settings: Any) -> Quiz:
    module = ModuleFactory(course=course)
    settings.setdefault("is_published", True)
    return quiz_create(
        module=module, title=settings.pop("title", "Drawn quiz"), sources=[SourceSpec(bank=bank, count=count, topic=topic)], **settings
    )


def answers_for(attempt: Any, table: dict[str, Any]) -> dict[int, Any]:
    return {r.question_id: table[r.question.type] for r in attempt.responses.select_related("question")}


def reset_broker_connections() -> None:
    """Make the app look its connection pool up again, so a changed broker URL or transport option
    takes effect. kombu keeps pools per (URL, transport options) globally, so nothing is closed."""
    from config.celery import app

    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def celery_conf(**overrides: Any) -> Iterator[None]:
    """Temporarily change the Celery app's configuration (and reconnect with it)."""
    from config.celery import app

    def refresh() -> None:
        reset_broker_connections()
        app.amqp.flush_routes()
        app.amqp.__dict__.pop("router", None)

    old = {key: app.conf[key] for key in overrides}
    app.conf.update(overrides)
    refresh()
    try:
        yield
    finally:
        app.conf.update(old)
        refresh()


def run_together(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in threads released at the same moment; their results or exceptions, in
    the order the calls finished. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # the caller's assertions report it
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
