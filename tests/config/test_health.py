from __future__ import annotations

import pytest
from django.utils import timezone

from config import health
from quizzes.models import WorkerHeartbeat
from quizzes.workers import heartbeat_record


@pytest.fixture
def live_worker(db):
    heartbeat_record(hostname="worker@test")


def test_it_reports_ok_when_database_broker_and_a_worker_are_up(client, live_worker):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["workers"] == {"ok": True, "live": 1}


def test_it_reports_a_stopped_broker_as_503(client, live_worker, monkeypatch):
    monkeypatch.setattr(health, "check_broker", lambda: {"ok": False, "error": "Connection refused"})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == {"ok": False, "error": "Connection refused"}


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
