"""How long grading takes: per attempt of 20 questions in-process, one at a time and in batches,
and attempts per second through one real worker process (concurrency 1). Prints figures;
asserts only that the work was done.

Run: `.venv/bin/python -m pytest tests/quizzes/test_grading_benchmark.py -m benchmark -s`
(add DATABASE_URL / REDIS_URL to measure on PostgreSQL + Redis).
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.db.models import Max, Min

from quizzes.models import Attempt
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade, attempts_grade_batch
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG, answers_for, drawn_quiz, mixed_bank
from tests.quizzes.test_worker_integration import broker, start_worker, wait_for  # noqa: F401  (fixtures)

QUESTIONS = 20


def submitted_attempts(course, quiz, n: int) -> list[Attempt]:  # type: ignore[no-untyped-def]
    attempts = []
    for i in range(n):
        user = UserFactory()
        EnrollmentFactory(course=course, user=user)
        attempt = attempt_start(quiz=quiz, user=user)
        responses_save(attempt=attempt, user=user, answers=answers_for(attempt, RIGHT if i % 2 else WRONG))
        attempts.append(attempt_submit(attempt=attempt, user=user))
    return attempts


@pytest.mark.benchmark
@pytest.mark.django_db
def test_grading_time_per_20_question_attempt_in_process(course, monkeypatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=4), count=QUESTIONS)
    attempts = submitted_attempts(course, quiz, 60)
    timings = []
    for attempt in attempts:
        started = time.perf_counter()
        assert attempt_grade(attempt_id=attempt.pk) is not None
        timings.append(time.perf_counter() - started)
    timings = timings[10:]  # warm-up
    print(
        f"\n[benchmark] grading one {QUESTIONS}-question attempt in-process ({connection.vendor}): "
        f"median {statistics.median(timings) * 1000:.1f} ms, p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms "
        f"over {len(timings)} attempts"
    )


@pytest.mark.benchmark
@pytest.mark.django_db
def test_grading_time_per_20_question_attempt_in_batches_in_process(course, monkeypatch, settings) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=4), count=QUESTIONS)
    n = 200
    submitted_attempts(course, quiz, n)
    graded = 0
    started = time.perf_counter()
    while batch := attempts_grade_batch():
        graded += len(batch)
    seconds = time.perf_counter() - started
    assert graded == n
    print(
        f"\n[benchmark] grading {n} {QUESTIONS}-question attempts in batches of {settings.GRADING_BATCH_SIZE} in-process "
        f"({connection.vendor}): {seconds / n * 1000:.2f} ms per attempt = {n / seconds:.0f} attempts/s"
    )


@pytest.mark.benchmark
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_attempts_graded_per_second_by_one_worker(course, broker, start_worker) -> None:  # noqa: F811
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=4), count=QUESTIONS)
    n = 200
    attempts = submitted_attempts(course, quiz, n)  # all enqueued before the worker starts
    worker = start_worker(broker)
    wait_for(
        lambda: Attempt.objects.filter(pk__in=[a.pk for a in attempts], state=Attempt.State.GRADED).count() == n,
        what=f"{n} attempts to be graded",
        timeout=300,
        worker=worker,
    )
    span = Attempt.objects.filter(pk__in=[a.pk for a in attempts]).aggregate(first=Min("grading_started_at"), last=Max("graded_at"))
    seconds = (span["last"] - span["first"]).total_seconds()
    transport = "redis" if broker.redis_url else "filesystem"
    print(
        f"\n[benchmark] one worker (prefork, concurrency 1, {transport} broker, {connection.vendor}): "
        f"{n} attempts of {QUESTIONS} questions in {seconds:.2f} s = {n / seconds:.1f} attempts/s "
        f"({seconds / n * 1000:.1f} ms per attempt including broker round-trip)"
    )
