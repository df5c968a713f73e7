"""Middleware of our own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from core.errors import NotFound


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


class NotFoundMiddleware:
    """Pages answer a service's or selector's ``core.errors.NotFound`` with the site's 404 page, as
    they would Django's ``Http404`` (the API's exception handler does the same for its views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            # Re-raised as Http404, Django's own handling renders the 404 page (and its DEBUG page).
            raise Http404(str(exception)) from exception
