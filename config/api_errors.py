"""One error format for the whole API: every 4xx body is ``{"detail": str, "code": str}``.

Validation errors add ``"errors"`` (field -> list of messages) so a client can point at the
field; ``detail`` still carries a readable summary. Django's ``Http404`` / ``PermissionDenied``
and ``ValidationError`` raised by services become the same shape, so a view never has to
translate them itself. The schema side (``ErrorSerializer`` and ``add_error_responses``) makes
drf-spectacular document exactly this body for every error status an operation can return.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import NotFound


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


class LoginRefused(exceptions.APIException):
    """The login limits (config/login_guard.py) refused to check the password: 429 tells a
    script to wait (``Retry-After``) rather than suggesting the password is wrong."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed logins; try again later."
    default_code = "throttled"

    def __init__(self, *, detail: str, code: str, wait: int) -> None:
        super().__init__(detail=detail, code=code)
        self.wait = wait  # DRF's handler turns it into Retry-After


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


# Domain errors raised by services (e.g. quizzes.services.attempt_rules.AttemptError) and the HTTP
# status each stands for; the API modules register theirs, so services stay free of HTTP.
_DOMAIN_ERRORS: list[tuple[type[Exception], int]] = []


def register_domain_error(error_class: type[Exception], status_code: int) -> None:
    """Answer ``error_class`` (and subclasses) with ``status_code``; the message is ``str(exc)``
    and the code the exception's ``code`` attribute when it has one."""
    _DOMAIN_ERRORS.insert(0, (error_class, status_code))  # later, more specific registrations win


def _domain_error(exc: Exception) -> exceptions.APIException | None:
    for error_class, status_code in _DOMAIN_ERRORS:
        if isinstance(exc, error_class):
            code = getattr(exc, "code", None) or error_class.__name__
            api_exc = exceptions.APIException(detail=str(exc), code=str(code))
            api_exc.status_code = status_code
            return api_exc
    return None


def _flatten(detail: Any, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            label = key if key != "non_field_errors" else ""
            out += _flatten(value, f"{prefix}{label}: " if label else prefix)
        return out
    if isinstance(detail, list):
        return [m for item in detail for m in _flatten(item, prefix)]
    return [f"{prefix}{detail}"]


def _first_code(codes: Any) -> str:
    if isinstance(codes, dict):
        for value in codes.values():
            return _first_code(value)
    if isinstance(codes, list):
        for value in codes:
            return _first_code(value)
    return str(codes) if codes else "invalid"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    domain = _domain_error(exc)
    if domain is not None:
        exc = domain
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        # Raised while parsing a form body (too many fields or files): the client's fault, and
        # answered in the API's format rather than with Django's HTML 400 page.
        exc = exceptions.ParseError(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, Http404 | NotFound):
        # A service's or selector's NotFound, or Django's own Http404 (get_object_or_404 and the like).
        # Never echo Django's internal message ("No Attempt matches the given query"):
        # ours are written by the selectors and name only the kind of thing.
        exc = exceptions.NotFound(str(exc) if exc.args else None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) if exc.args else None)

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response  # a genuine server error: let Django log it and answer 500

    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "detail": "; ".join(_flatten(errors)) or "Invalid input.",
            "code": _first_code(exc.get_codes()),
            "errors": errors,
        }
    else:
        codes = exc.get_codes()
        response.data = {"detail": str(exc.detail), "code": codes if isinstance(codes, str) else _first_code(codes)}
    return response


@csrf_exempt  # it changes nothing, and a CSRF refusal would be an HTML page instead of JSON
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown paths under /api/ answer in the API's format, not with Django's HTML page.

    This catch-all also stops Django's APPEND_SLASH redirect, so a path that only lacks its
    trailing slash gets a hint instead.
    """
    detail = "No such endpoint."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            detail = f"No such endpoint; API paths end with a slash: {request.path}/"
    return JsonResponse({"detail": detail, "code": "not_found"}, status=404)


# --- schema ------------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The error body, for the schema (the handler above builds it)."""

    detail = serializers.CharField(help_text="human-readable summary")
    code = serializers.CharField(help_text="machine-readable code, e.g. not_found, invalid, throttled")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "errors" cannot be a class attribute: it would shadow Serializer.errors.
        fields = super().get_fields()
        fields["errors"] = serializers.DictField(
            child=serializers.JSONField(), required=False, help_text="validation errors only: field -> list of messages"
        )
        return fields


_ALWAYS = {
    "401": "Not authenticated (no or bad token / session).",
    "403": "Authenticated, but the caller's role may not do this.",
    "404": "No such object, or not one the caller may see.",
}
_BODY = {
    "400": "Invalid input.",
    "413": "Request body too large.",
    "415": "Unsupported media type.",
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: document the error body on every operation.

    Every operation may answer 401/403/404 (and 400 for bad filter or ordering values), and
    every operation that takes a body may answer 400/413/415, always with the ``Error`` body.
    """
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "type": "object",
        "properties": {
            "detail": {"type": "string", "description": "human-readable summary"},
            "code": {"type": "string", "description": "machine-readable code, e.g. not_found, invalid, throttled"},
            "errors": {
                "type": "object",
                "additionalProperties": {},
                "description": "validation errors only: field -> list of messages",
            },
        },
        "required": ["detail", "code"],
    }
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(_ALWAYS)
            wanted["400"] = "Invalid input or query parameters."
            if method in {"post", "put", "patch"}:
                wanted.update(_BODY)
            for code, description in wanted.items():
                if code in responses:
                    # Views that declare an error status themselves keep their description
                    # but always point at the one Error body.
                    responses[code].setdefault("content", {"application/json": {"schema": _ERROR_REF}})
                    continue
                responses[code] = {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}
    return result
