"""How many grading messages submits publish: one per batch of waiting attempts, not one per
attempt, with every attempt graded exactly once.

The queue here is a list: publishing appends to it and the test runs the grading task on each
message in order, as one worker would. ``tests/quizzes/test_worker_integration.py`` runs the same
path through real workers and brokers (killed workers, restarted brokers, duplicates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pytest

from courseware.models import Course, User
from quizzes.models import Attempt, GradingPending, Quiz
from quizzes.services import grading
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading_sweeper import attempts_sweep_ungraded
from quizzes.tasks.grading import grade_attempt_task
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, answers_for, celery_conf, fixed_quiz, question_of

BATCH = 5
T0 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def small_batches(settings: Any) -> None:
    settings.GRADING_BATCH_SIZE = BATCH


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The broker: every published grading message, in order (its attempt id, or None)."""
    messages: list[int | None] = []

    def publish(*, attempt_id: int | None) -> bool:
        messages.append(attempt_id)
        return True

    monkeypatch.setattr(grading, "attempt_grading_enqueue", publish)
    return messages


@pytest.fixture
def quiz(course: Course) -> Quiz:
    return fixed_quiz(course=course, questions=[question_of(t) for t in ("single_choice", "true_false")])


@pytest.fixture
def submit(quiz: Quiz, course: Course, django_capture_on_commit_callbacks: Any) -> Callable[[], Attempt]:
    """A new student submits; what the submit does once committed runs too."""

    def one() -> Attempt:
        user: User = UserFactory()
        EnrollmentFactory(course=course, user=user)
        attempt = attempt_start(quiz=quiz, user=user)
        responses_save(attempt=attempt, user=user, answers=answers_for(attempt, RIGHT))
        with django_capture_on_commit_callbacks(execute=True):
            return attempt_submit(attempt=attempt, user=user)

    return one


def drain(queue: list[int | None]) -> int:
    """Run every message, those published while draining included; return how many ran."""
    ran = 0
    while queue:
        grade_attempt_task.apply(args=(queue.pop(0),), throw=True)
        ran += 1
    return ran


def graded_once(attempts: list[Attempt]) -> bool:
    rows = Attempt.objects.filter(pk__in=[a.pk for a in attempts]).values_list("state", "grade_count")
    return len(rows) == len(attempts) and all(row == (Attempt.State.GRADED, 1) for row in rows)


@pytest.mark.parametrize("count", [BATCH * 4 + 3, BATCH * 4])
def test_a_burst_of_submits_sends_one_message_per_batch_and_grades_every_attempt_once(submit, queue, count) -> None:
    attempts = [submit() for _ in range(count)]
    assert queue == [attempts[0].pk]  # the others found that message pending

    ran = drain(queue)

    # Each full batch publishes the next message; only a backlog of whole batches ends with one
    # message that finds nothing left.
    assert ran <= math.ceil(count / BATCH) + 1
    assert graded_once(attempts)
    assert not GradingPending.objects.exists()


def test_the_submits_made_while_a_submits_message_gathers_publish_nothing_and_join_its_batch(submit, queue, settings, monkeypatch) -> None:
    # A classroom's submits arrive a few dozen a second: a batch per submit paid a batch's fixed cost each.
    settings.GRADING_GATHER_MS = 250
    first = submit()
    meanwhile: list[Attempt] = []
    waits: list[float] = []

    def gather(seconds: float) -> None:
        waits.append(seconds)
        meanwhile.extend(submit() for _ in range(3))

    monkeypatch.setattr(grading, "_gather", gather)

    assert drain(queue) == 1
    assert waits == [0.25]
    assert graded_once([first, *meanwhile])
    assert not GradingPending.objects.exists()


def test_only_a_submits_message_gathers_not_one_a_full_batch_published_for_a_backlog(submit, queue, settings, monkeypatch) -> None:
    settings.GRADING_GATHER_MS = 250
    attempts = [submit() for _ in range(BATCH * 2 + 1)]
    waits: list[float] = []
    monkeypatch.setattr(grading, "_gather", waits.append)

    drain(queue)

    assert waits == [0.25]  # the first submit's message; the two a full batch published start at once
    assert graded_once(attempts)


def test_a_submit_after_the_pending_message_started_publishes_its_own(submit, queue) -> None:
    first = submit()
    assert drain(queue) == 1 and graded_once([first])

    second = submit()

    assert queue == [second.pk]
    drain(queue)
    assert graded_once([first, second])


def test_a_mark_older_than_the_sweep_delay_is_not_trusted(submit, queue, time_machine, settings) -> None:
    # Its message may have been lost with a restarted broker: the next submit publishes again.
    time_machine.move_to(T0)
    first = submit()
    time_machine.move_to(T0 + dt.timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS - 1))
    second = submit()
    assert queue == [first.pk]

    time_machine.move_to(T0 + dt.timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS + 1))
    third = submit()

    assert queue == [first.pk, third.pk]
    queue.pop(0)  # the lost message
    drain(queue)
    assert graded_once([first, second, third])


def test_a_publish_that_fails_leaves_no_mark_so_the_next_submit_publishes(submit, monkeypatch) -> None:
    with celery_conf(broker_url="redis://127.0.0.1:1/0"):  # nothing listens on port 1
        submit()
        assert not GradingPending.objects.exists()
        assert grading.attempt_grading_request(attempt_id=None) is False
    published: list[int | None] = []
    monkeypatch.setattr(grading, "attempt_grading_enqueue", lambda *, attempt_id: published.append(attempt_id) or True)

    later = submit()

    assert published == [later.pk]


def test_the_sweeper_publishes_whatever_the_mark_says(submit, queue, time_machine, settings) -> None:
    # The rescue of a lost message must not trust the mark that message left behind.
    time_machine.move_to(T0)
    lost = submit()
    queue.clear()
    time_machine.move_to(T0 + dt.timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS - 1))
    GradingPending.objects.update(since=T0 + dt.timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS - 1))

    swept = attempts_sweep_ungraded(older_than=dt.timedelta(0))

    assert swept.enqueued == [lost.pk] and queue == [lost.pk]
    drain(queue)
    assert graded_once([lost])
