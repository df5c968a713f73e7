"""GET /healthz: database, broker, live workers, queues and the grading backlog. 200 when all
are fine, 503 otherwise, with ``failed`` naming the checks that failed.

A worker running and a broker answering is not enough: a worker that does not consume the
queue grading tasks go to grades nothing while both look fine. So two more checks look at the work
itself: every declared queue that holds messages must have a live worker consuming it (workers
write the queues they consume into their heartbeat, because neither Redis nor the file broker
can say who reads a queue), and no submitted attempt may wait for its grade longer than
``GRADING_SWEEP_AFTER_SECONDS`` (``quizzes.selectors.grading``).

The status code and ``{"status": "ok"|"degraded"}`` are public (the load balancer's check);
the details (which checks failed, database vendor, broker transport, workers, queues, error
messages) only for staff, for a loopback client (the operator on the host) or with
``HEALTH_DETAILS_TOKEN``.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app
from config.client_address import client_address, is_loopback
from quizzes.models import WorkerHeartbeat
from quizzes.selectors.grading import grading_backlog


def check_database() -> dict[str, object]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the message is for the operator
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict[str, object]:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # kombu raises many types (OperationalError, socket errors)
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": True, "transport": str(transport)}


def _live_heartbeats() -> QuerySet[WorkerHeartbeat]:
    fresh_after = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(last_seen__gte=fresh_after)


def count_live_workers() -> int:
    return int(_live_heartbeats().count())


def queue_messages(names: list[str]) -> dict[str, int]:
    """Messages waiting in each queue (Redis: the list's length; file broker: its files)."""
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        channel: Any = conn.default_channel  # a virtual transport's Channel; the stubs know only StdChannel
        # On these virtual transports a declare creates nothing; it answers with the count.
        return {
            name: int(channel.queue_declare(queue=name, passive=False, durable=True, auto_delete=False).message_count) for name in names
        }


def check_queues() -> dict[str, object]:
    """Unhealthy when a declared queue holds messages that no live worker consumes."""
    names = [queue.name for queue in app.conf.task_queues or ()] or [app.conf.task_default_queue]
    consumers: Counter[str] = Counter()
    for queues in _live_heartbeats().values_list("queues", flat=True):
        consumers.update(queues or [])
    try:
        messages = queue_messages(names)
    except Exception as exc:  # kombu raises many types; the broker check reports the outage itself
        return {"ok": False, "error": str(exc)[:200]}
    detail = {name: {"messages": messages[name], "consumers": consumers[name]} for name in names}
    orphaned = [name for name in names if messages[name] and not consumers[name]]
    body: dict[str, object] = {"ok": not orphaned, "queues": detail}
    if orphaned:
        body["error"] = "; ".join(f"queue {name!r} holds {messages[name]} messages and no live worker consumes it" for name in orphaned)
    return body


def check_grading() -> dict[str, object]:
    """Unhealthy when a submitted attempt has waited longer than the sweep interval for its grade."""
    backlog = grading_backlog()
    body: dict[str, object] = {
        "ok": not backlog.late,
        "late": backlog.late,
        "oldest_seconds": backlog.oldest_seconds,
        "limit_seconds": settings.GRADING_SWEEP_AFTER_SECONDS,
    }
    if backlog.late:
        body["error"] = (
            f"{backlog.late} submitted attempts not graded after {settings.GRADING_SWEEP_AFTER_SECONDS} s (oldest {backlog.oldest_seconds} s)"
        )
    return body


def details_allowed(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.HEALTH_DETAILS_TOKEN
    if token and constant_time_compare(request.headers.get("X-Health-Token", ""), token):
        return True
    # The client behind the trusted proxies: a proxy on the same host is loopback itself.
    return is_loopback(client_address(request))


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = check_database()
    broker = check_broker()
    workers = count_live_workers() if database["ok"] else 0
    unknown = {"ok": False, "error": "needs the database"}
    checks: dict[str, dict[str, object]] = {
        "database": database,
        "broker": broker,
        "workers": {"ok": workers > 0, "live": workers},
        "queues": (check_queues() if broker["ok"] else {"ok": False, "error": "needs the broker"}) if database["ok"] else unknown,
        "grading": check_grading() if database["ok"] else unknown,
    }
    failed = [name for name, check in checks.items() if not check["ok"]]
    body = {"status": "degraded" if failed else "ok", "failed": failed, **checks}
    return JsonResponse(body if details_allowed(request) else {"status": body["status"]}, status=503 if failed else 200)


@never_cache
@require_GET
def healthz_web(request: HttpRequest) -> JsonResponse:
    """GET /healthz/web: whether this web process can serve pages (its database answers).

    The load balancer's check. ``/healthz`` also fails on a grading backlog or a queue nobody
    consumes, which are the platform's problems, not this host's: taking every web host out of
    rotation for them would turn a grading outage into a site outage.
    """
    ok = bool(check_database()["ok"])
    return JsonResponse({"status": "ok" if ok else "degraded"}, status=200 if ok else 503)
