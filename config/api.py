"""Shared building blocks of the REST API: base views with a body-size limit, pagination, throttles.

Every API view derives from ``ApiView`` or ``ApiListView`` so the size limit and the error
format hold everywhere without each view remembering them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.urls import register_converter
from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from config.api_errors import RequestTooLarge
from config.client_address import client_address
from config.parsers import SafeJSONParser

# JSON bodies of this API are small (an answer, a question edit); anything bigger is abuse.
# Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not protect DRF's JSON parser (it reads the raw
# stream), hence this explicit check on Content-Length before any parser runs.
API_MAX_BODY_BYTES: int = getattr(settings, "API_MAX_BODY_BYTES", 256 * 1024)


class BodyLimitMixin:
    max_body_bytes: int = API_MAX_BODY_BYTES
    # JSON only, unless a view says otherwise (the reading upload is multipart): fewer parsers,
    # fewer ways to send a body the view never meant to accept.
    parser_classes: Sequence[type[BaseParser]] = [SafeJSONParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body_bytes:
            raise RequestTooLarge(f"The request body is larger than {self.max_body_bytes} bytes.")
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


# Largest id a database integer column holds: anything bigger is a 400, not an overflow.
MAX_ID = 2**63 - 1


class IdConverter:
    """``<id:...>`` in API paths: a non-negative integer of at most 18 digits, so an id too big
    for the database never reaches a query (it is simply no route: a JSON 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


class IdFilter(filters.NumberFilter):
    """Filter on a foreign key by its id, as a plain integer.

    Not django-filter's ModelChoiceFilter: that one answers 400 for an id that does not exist
    and 200 for one that does, which would reveal other courses' ids.
    """

    field_class = forms.IntegerField

    def __init__(self, field_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(field_name=field_name, **kwargs)


class ApiView(BodyLimitMixin, APIView):
    """One operation: validate input -> call a service or selector -> serialize output."""


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiListView(BodyLimitMixin, generics.ListAPIView):  # type: ignore[type-arg]
    """A read-only list over a selector, with django-filter filtering, ordering and pagination."""

    pagination_class = ApiPagination


class ClientAddressThrottle(SimpleRateThrottle):
    """A throttle whose "address" is the client's behind the trusted proxies (config/client_address.py),
    never DRF's reading of a client-sent X-Forwarded-For."""

    def get_ident(self, request: Request) -> str:
        return client_address(request)


class TokenThrottle(ClientAddressThrottle):
    """Token requests per client address, whatever their outcome (config/login_guard.py limits failures)."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AttemptStartThrottle(ClientAddressThrottle):
    """Attempt starts per user: each start draws questions and writes a row per question."""

    scope = "attempt_start"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ApiAutoSchema(AutoSchema):
    """Names nested HackSoft-style serializers after their view: ``QuizListApi.OutputSerializer``
    becomes the component ``QuizListOutput`` instead of colliding as ``Output`` everywhere."""

    def get_serializer_name(self, serializer: serializers.Serializer, direction: Any) -> str:
        qualname = serializer.__class__.__qualname__
        if "." in qualname:
            outer, inner = qualname.rsplit(".", 2)[-2:]
            return outer.removesuffix("Api") + inner
        return serializer.__class__.__name__
