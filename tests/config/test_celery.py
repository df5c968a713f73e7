"""The Celery app declares every queue a task can be routed to, so that a worker started
without -Q (``celery -A config worker``, as a newcomer types it) consumes all of them.

The real worker processes are in tests/quizzes/test_worker_integration.py; these pin the
declarations themselves.
"""

from __future__ import annotations

from config.celery import DEFAULT_QUEUE, QUEUES, TASK_ROUTES, app


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
