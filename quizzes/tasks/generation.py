"""Question generation after an import: a thin task over ``quizzes.generation.jobs``."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_init
from django.db import InterfaceError, OperationalError

from quizzes.generation.jobs import generation_run
from quizzes.generation.pipeline import generation_warm_up


@worker_init.connect
def _warm_up_generation(**kwargs: Any) -> None:
    # The word lists are loaded once, at the worker's start, not during a student's import; in
    # the main process, before it forks its pool, so every pool process starts with them. Done in
    # each pool process instead, it took about 1.3 s of CPU per process after the worker had
    # reported itself ready (its heartbeat), so the first submissions waited behind it.
    generation_warm_up()


@shared_task(
    name="quizzes.tasks.generate_questions_task",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=3,
)
def generate_questions_task(reading_id: int) -> int:
    report = generation_run(reading_id=reading_id)
    return report.questions if report is not None else 0
