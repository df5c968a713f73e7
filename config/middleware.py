"""Middleware of our own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Every response the application itself builds is ``Cache-Control: no-store`` (F17).

    Pages, API answers and exports carry answer keys, grades and personal data, and lab
    machines are shared: nothing of it may stay in a browser's or a proxy's cache. One rule
    instead of a decorator per view, so a new view cannot forget it. A view that sets its own
    ``Cache-Control`` keeps it. Static files never reach this middleware (WhiteNoise answers
    them earlier, with long-lived caching of their hashed names).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
