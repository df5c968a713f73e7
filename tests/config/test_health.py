"""/healthz: 200 only when the database, the broker, a live worker, every queue holding work
and the grading backlog are fine; 503 naming what failed otherwise.

The queue tests publish to real queues on the configured broker (the embedded file broker by
default, Redis when REDIS_URL is set), under names unique to the test so that messages other
tests left in the shared ``grading`` queue never count.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from config import health
from config.celery import QUEUES, declared_queues
from quizzes.models import Attempt, WorkerHeartbeat
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grading_enqueue
from quizzes.workers import heartbeat_record
from tests.quizzes.builders import RIGHT, answers_for, celery_conf, fixed_quiz, question_of

GRADE_TASKS = ("quizzes.tasks.grade_attempt_task", "quizzes.tasks.regrade_question_task")


@pytest.fixture
def live_worker(db):
    heartbeat_record(hostname="worker@test", queues=QUEUES)


def test_it_reports_ok_when_database_broker_and_a_worker_are_up(client, live_worker):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["failed"] == []
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["workers"] == {"ok": True, "live": 1}
    assert body["queues"]["ok"] is True and set(body["queues"]["queues"]) == set(QUEUES)
    assert body["grading"] == {"ok": True, "late": 0, "oldest_seconds": None, "limit_seconds": 30}


def test_it_reports_a_stopped_broker_as_503(client, live_worker, monkeypatch):
    monkeypatch.setattr(health, "check_broker", lambda: {"ok": False, "error": "Connection refused"})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == {"ok": False, "error": "Connection refused"}
    assert response.json()["failed"] == ["broker", "queues"]


def test_it_reports_an_unreachable_redis_broker_as_503(client, live_worker, settings):
    # A real connection attempt to a port where nothing listens, not a mocked answer.
    from config.celery import app

    old = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = old
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


def test_it_reports_no_live_worker_as_503(client, db):
    WorkerHeartbeat.objects.create(hostname="stale@test", last_seen=timezone.now() - timezone.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["workers"] == {"ok": False, "live": 0}
    assert "workers" in response.json()["failed"]


# --- queues that hold work nobody takes ------------------------------------------------------------------


@pytest.fixture
def private_queues() -> Iterator[tuple[str, str]]:
    """This test's own "default" and "grading" queues, declared and routed as config/celery.py does."""
    from config.celery import app

    suffix = uuid.uuid4().hex[:10]
    default, grading = f"default-{suffix}", f"grading-{suffix}"
    with celery_conf(
        task_queues=declared_queues((default, grading)),
        task_default_queue=default,
        task_routes={name: {"queue": grading} for name in GRADE_TASKS},
    ):
        yield default, grading
        with app.connection_for_write() as conn:
            for name in (default, grading):
                conn.default_channel.queue_purge(name)
                conn.default_channel.queue_delete(name)


@pytest.fixture
def submitted(course: Any, student: Any) -> Attempt:
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in RIGHT])
    attempt = attempt_start(quiz=quiz, user=student)
    return attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))


def test_a_grading_task_waiting_in_a_queue_no_live_worker_consumes_is_503(client, private_queues, submitted):
    default, grading = private_queues
    # The worker of the review: started without the grading queue.
    heartbeat_record(hostname="default-only@test", queues=[default])
    assert attempt_grading_enqueue(attempt_id=submitted.pk)

    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["failed"] == ["queues"]
    assert body["queues"]["queues"] == {default: {"messages": 0, "consumers": 1}, grading: {"messages": 1, "consumers": 0}}
    assert body["queues"]["error"] == f"queue '{grading}' holds 1 messages and no live worker consumes it"


def test_the_same_message_is_fine_once_a_live_worker_consumes_its_queue(client, private_queues, submitted):
    default, grading = private_queues
    heartbeat_record(hostname="default-only@test", queues=[default])
    heartbeat_record(hostname="grading-only@test", queues=[grading])
    assert attempt_grading_enqueue(attempt_id=submitted.pk)

    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["queues"]["queues"][grading] == {"messages": 1, "consumers": 1}


def test_a_worker_whose_heartbeat_is_stale_does_not_count_as_a_consumer(client, private_queues, submitted):
    default, grading = private_queues
    heartbeat_record(hostname="default-only@test", queues=[default])
    WorkerHeartbeat.objects.create(hostname="dead@test", queues=[grading], last_seen=timezone.now() - timedelta(minutes=5))
    assert attempt_grading_enqueue(attempt_id=submitted.pk)

    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["queues"]["queues"][grading] == {"messages": 1, "consumers": 0}


def test_an_empty_queue_without_a_consumer_is_not_a_failure(client, private_queues, db):
    # A grading-only worker (-Q grading) with nothing waiting on the default queue is healthy.
    default, grading = private_queues
    heartbeat_record(hostname="grading-only@test", queues=[grading])
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["queues"]["queues"][default] == {"messages": 0, "consumers": 0}


# --- grading that takes longer than the sweep interval ----------------------------------------------------


def submitted_ago(attempt: Attempt, seconds: int, state: str = Attempt.State.SUBMITTED) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(state=state, submitted_at=timezone.now() - timedelta(seconds=seconds))


def test_a_submission_waiting_less_than_the_sweep_interval_is_fine(client, live_worker, submitted, settings):
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    submitted_ago(submitted, 25)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("state", [Attempt.State.SUBMITTED, Attempt.State.GRADING])
def test_a_submission_not_graded_after_the_sweep_interval_is_503(client, live_worker, submitted, settings, state):
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    submitted_ago(submitted, 95, state)
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503, body
    assert body["failed"] == ["grading"]
    assert body["grading"]["late"] == 1 and body["grading"]["limit_seconds"] == 30
    assert 95 <= body["grading"]["oldest_seconds"] < 100
    assert body["grading"]["error"].startswith("1 submitted attempts not graded after 30 s")


def test_a_graded_attempt_submitted_long_ago_is_not_late(client, live_worker, submitted):
    submitted_ago(submitted, 3600, Attempt.State.GRADED)
    assert client.get("/healthz").status_code == 200


# --- who sees the details (F18) -------------------------------------------------------------------

REMOTE = {"REMOTE_ADDR": "198.51.100.7"}


def test_a_remote_visitor_learns_only_whether_it_is_healthy(client, live_worker):
    response = client.get("/healthz", **REMOTE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_remote_visitor_still_gets_the_503_the_load_balancer_acts_on(client, live_worker, monkeypatch):
    monkeypatch.setattr(health, "check_broker", lambda: {"ok": False, "error": "Connection refused"})
    response = client.get("/healthz", **REMOTE)
    assert response.status_code == 503
    assert response.json() == {"status": "degraded"}


def test_a_proxy_on_the_same_host_does_not_make_everyone_local(client, live_worker, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.json() == {"status": "ok"}


def test_staff_see_the_details_from_anywhere(client, live_worker, instructor, student):
    client.force_login(student)
    assert client.get("/healthz", **REMOTE).json() == {"status": "ok"}
    client.force_login(instructor)
    assert client.get("/healthz", **REMOTE).json()["workers"] == {"ok": True, "live": 1}


def test_the_details_token_shows_the_details(client, live_worker, settings):
    settings.HEALTH_DETAILS_TOKEN = "s3cret-health-token"
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="wrong", **REMOTE).json() == {"status": "ok"}
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="s3cret-health-token", **REMOTE).json()["database"]["ok"] is True


# --- the load balancer's check ----------------------------------------------------------------------


def test_the_web_check_stays_up_through_a_grading_backlog_that_fails_the_platform_check(client, live_worker, submitted, settings):
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    submitted_ago(submitted, 95)
    assert client.get("/healthz").status_code == 503
    response = client.get("/healthz/web", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_web_check_fails_when_the_database_does_not_answer(client, db, monkeypatch):
    monkeypatch.setattr(health, "check_database", lambda: {"ok": False, "error": "connection refused"})
    response = client.get("/healthz/web")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded"}
