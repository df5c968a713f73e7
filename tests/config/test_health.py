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
