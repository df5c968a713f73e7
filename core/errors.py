"""Domain errors shared by both apps: raised by services and selectors, which know nothing of HTTP,
and answered by the web edge in one place each (``config.api_errors`` for the API,
``config.middleware.NotFoundMiddleware`` for pages)."""

from __future__ import annotations


class NotFound(Exception):
    """No such object, or one the caller may not see: the same answer for both, so that an id
    reveals nothing (404). The message names only the kind of thing ("No such attempt.")."""

    code = "not_found"
