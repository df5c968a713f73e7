"""GET /healthz: database, broker and live workers. 200 when all are fine, 503 otherwise.

The status code and ``{"status": "ok"|"degraded"}`` are public (the load balancer's check);
the details (database vendor, broker transport, worker count, error messages) only for staff,
for a loopback client (the operator on the host) or with ``HEALTH_DETAILS_TOKEN``."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.client_address import client_address, is_loopback


def check_database() -> dict[str, object]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the message is for the operator
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict[str, object]:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # kombu raises many types (OperationalError, socket errors)
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": True, "transport": str(transport)}


def count_live_workers() -> int:
    from quizzes.models import WorkerHeartbeat

    fresh_after = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(last_seen__gte=fresh_after).count()


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
    ok = bool(database["ok"] and broker["ok"] and workers > 0)
    body = {"status": "ok" if ok else "degraded", "database": database, "broker": broker, "workers": {"ok": workers > 0, "live": workers}}
    return JsonResponse(body if details_allowed(request) else {"status": body["status"]}, status=200 if ok else 503)
