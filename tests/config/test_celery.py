"""The Celery app declares every queue a task can be routed to, so that a worker started
without -Q (``celery -A config worker``, as a newcomer types it) consumes all of them.

The real worker processes are in tests/quizzes/test_worker_integration.py; these pin the
declarations themselves.
"""

from __future__ import annotations

import gc
import time

import pytest
from celery.fixups.django import DjangoWorkerFixup  # type: ignore[attr-defined]  # not in the stubs
from celery.signals import task_postrun, task_prerun, worker_process_init
from django.db import connection

from config.celery import DEFAULT_QUEUE, QUEUES, TASK_ROUTES, app
from quizzes.tasks.grading import grade_attempt_task


def test_every_queue_a_task_is_routed_to_is_declared() -> None:
    declared = {queue.name for queue in app.conf.task_queues}
    routed = {route["queue"] for route in TASK_ROUTES.values()} | {app.conf.task_default_queue}
    assert routed <= declared
    assert declared == set(QUEUES) == {"default", "grading"}
    assert app.conf.task_default_queue == DEFAULT_QUEUE


def test_a_worker_without_q_consumes_every_declared_queue_and_q_grading_selects_grading_alone() -> None:
    every = app.amqp.Queues(app.conf.task_queues)
    assert sorted(every.consume_from) == ["default", "grading"]
    grading_only = app.amqp.Queues(app.conf.task_queues)
    grading_only.select(["grading"])
    assert sorted(grading_only.consume_from) == ["grading"]


def test_each_task_is_published_to_the_queue_its_route_names() -> None:
    router = app.amqp.Router(app.amqp.Queues(app.conf.task_queues), app.conf.task_routes)
    assert router.route({}, "quizzes.tasks.grade_attempt_task")["queue"].name == "grading"
    assert router.route({}, "quizzes.tasks.regrade_question_task")["queue"].name == "grading"
    assert router.route({}, "quizzes.tasks.generate_questions_task")["queue"].name == "default"
    assert router.route({}, "quizzes.tasks.sweep_ungraded_attempts_task")["queue"].name == "default"


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_from_one_task_to_the_next() -> None:
    # What a worker process runs around each task: Celery's Django fixup and our own handlers.
    fixup = DjangoWorkerFixup(app)
    task_prerun.connect(fixup.on_task_prerun)
    task_postrun.connect(fixup.on_task_postrun)
    try:
        connection.ensure_connection()
        connection.close_at = time.monotonic() + 60  # as DB_CONN_MAX_AGE=60 sets it (SQLite's default is 0)
        opened = connection.connection
        for _ in range(3):
            task_prerun.send(sender=grade_attempt_task, task_id="t", task=grade_attempt_task, args=(), kwargs={})
            task_postrun.send(
                sender=grade_attempt_task, task_id="t", task=grade_attempt_task, args=(), kwargs={}, retval=0, state="SUCCESS"
            )
        assert connection.connection is opened
    finally:
        task_prerun.disconnect(fixup.on_task_prerun)
        task_postrun.disconnect(fixup.on_task_postrun)


@pytest.mark.django_db(transaction=True)
def test_a_worker_replaces_a_connection_older_than_its_maximum_age_before_the_next_task() -> None:
    connection.ensure_connection()
    connection.close_at = time.monotonic() - 1  # as if DB_CONN_MAX_AGE had passed
    task_prerun.send(sender=grade_attempt_task, task_id="t", task=grade_attempt_task, args=(), kwargs={})
    assert connection.connection is None or connection.vendor == "sqlite"  # SQLite's in-memory test database is never closed


@pytest.mark.usefixtures("worker_start_undone")
def test_a_pool_process_freezes_what_start_up_and_its_first_task_made_and_nothing_after() -> None:
    def task_ends() -> None:
        task_postrun.send(sender=grade_attempt_task, task_id="t", task=grade_attempt_task, args=(), kwargs={}, retval=0, state="SUCCESS")

    assert gc.get_freeze_count() == 0
    task_ends()  # an eager task in a web or test process: nothing is frozen there
    assert gc.get_freeze_count() == 0
    worker_process_init.send(sender=None)
    at_start = gc.get_freeze_count()
    assert at_start > 0
    made_by_the_first_task = [[] for _ in range(1000)]
    task_ends()
    after_first_task = gc.get_freeze_count()
    assert after_first_task >= at_start + len(made_by_the_first_task)
    made_by_a_later_task = [[] for _ in range(1000)]
    task_ends()
    # Not frozen again: the count may only fall (a frozen object freed meanwhile, a connection of another
    # thread), never grow by what the later task made.
    assert gc.get_freeze_count() <= after_first_task
    assert len(made_by_a_later_task) == 1000
