"""The push endpoint: ``GET /api/attempts/{id}/events/`` tells a waiting client that its attempt is graded.

An async Django view, not a DRF one (DRF's views are synchronous): it authenticates as the API
does (a token, or the session the student's page has), then hands the waiting to
``quizzes.attempt_events``. Under ASGI (production: gunicorn's uvicorn worker, ``config/asgi.py``)
the events are streamed and a waiting client holds no thread, no process and no database
connection; under WSGI (``runserver``, the test client) the same events come as one response
once the wait is over, which is when an EventSource or a long-polling client would act anyway.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from redis.exceptions import RedisError
from rest_framework.exceptions import AuthenticationFailed

from config.authentication import CachedTokenAuthentication
from core.errors import NotFound
from courseware.permissions import RequestUser
from quizzes.attempt_events import attempt_wait_open

NOT_AUTHENTICATED = "Authentication credentials were not provided."
PUSH_UNAVAILABLE = "The push channel is unavailable; poll GET /api/attempts/{id}/ instead."
EVENT_STREAM = "text/event-stream"
PATH = "/api/attempts/{attempt_id}/events/"


def _error(status: int, detail: str, code: str, **headers: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status, headers=headers)


def _request_user(request: HttpRequest) -> RequestUser | None:
    """The caller as every API view sees it: a token first, else the session (the page's
    EventSource sends its cookie). A bad or expired token raises AuthenticationFailed."""
    found = CachedTokenAuthentication().authenticate(request)  # type: ignore[arg-type]
    if found is not None:
        return found[0]  # type: ignore[no-any-return]
    return request.user if request.user.is_authenticated else None


# GET only, and nothing changes: a POST gets the API's JSON 405 rather than a CSRF refusal page.
@csrf_exempt
async def attempt_events(request: HttpRequest, attempt_id: int) -> HttpResponseBase:
    if request.method != "GET":
        return _error(405, f'Method "{request.method}" not allowed.', "method_not_allowed", Allow="GET")
    try:
        user = await sync_to_async(_request_user)(request)
    except AuthenticationFailed as exc:
        return _error(401, str(exc.detail), "authentication_failed", **{"WWW-Authenticate": "Token"})
    if user is None:
        return _error(401, NOT_AUTHENTICATED, "not_authenticated", **{"WWW-Authenticate": "Token"})
    try:
        wait = await attempt_wait_open(user=user, attempt_id=attempt_id, release=isinstance(request, ASGIRequest))
    except NotFound as exc:
        return _error(404, str(exc), "not_found")
    except (RedisError, OSError):
        return _error(503, PUSH_UNAVAILABLE, "unavailable", **{"Retry-After": "10"})
    # no-store: a proxy must neither cache nor buffer a stream (X-Accel-Buffering is nginx's switch).
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    if isinstance(request, ASGIRequest):
        return StreamingHttpResponse(wait.events(), content_type=EVENT_STREAM, headers=headers)
    return HttpResponse(b"".join([chunk async for chunk in wait.events()]), content_type=EVENT_STREAM, headers=headers)


EVENT_SCHEMA = {
    "type": "object",
    "properties": {
        "event": {"type": "string", "enum": ["graded", "timeout"]},
        "data": {
            "type": "string",
            "description": 'JSON: {"id": <attempt id>, "state": "graded" | "submitted" | "in_progress"}',
        },
    },
    "required": ["event", "data"],
}


def document(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the endpoint is not a DRF view, so its operation
    is written here (before ``config.api_errors.add_error_responses`` adds the error bodies)."""
    result.setdefault("paths", {})[PATH] = {
        "get": {
            "operationId": "api_attempts_events_retrieve",
            "summary": "Wait until the attempt is graded (Server-Sent Events)",
            "description": (
                "Instead of polling `GET /api/attempts/{id}/`: one request that answers when the attempt "
                "is graded. The owner of the attempt only. The body is a `text/event-stream`: first "
                "`retry: 1000` and a `: waiting` comment, then exactly one event and the end of the stream:\n\n"
                '- `event: graded` with `data: {"id": 7, "state": "graded"}` as soon as grading commits '
                "(at once if it is graded already): read the result with `GET /api/attempts/{id}/`;\n"
                '- `event: timeout` with `data: {"id": 7, "state": "submitted"}` after '
                "`ATTEMPT_EVENTS_TIMEOUT_SECONDS` (25 s) without a grade: ask again (an EventSource "
                "reconnects by itself after the `retry` delay).\n\n"
                "An attempt not yet submitted can be waited on too. 503 when the push channel (Redis) is "
                "down: poll instead. A server that does not wait (`ATTEMPT_EVENTS_WAIT` off) sends the "
                "`timeout` event at once, with a `retry` as long as the attempt has waited since its submit "
                "(250 ms to 3 s), so that clients back off while grading is behind."
            ),
            "tags": ["api"],
            "security": [{"tokenAuth": []}, {"cookieAuth": []}],
            "parameters": [
                {
                    "in": "path",
                    "name": "attempt_id",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0, "maximum": 999999999999999999},
                }
            ],
            "responses": {
                "200": {
                    "description": "The events, then the end of the stream.",
                    # Each event (the preamble is a retry field and a comment, not an event).
                    "content": {EVENT_STREAM: {"schema": EVENT_SCHEMA}},
                },
                "503": {
                    "description": PUSH_UNAVAILABLE,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            },
        }
    }
    return result
