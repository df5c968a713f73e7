"""Request body parsers of the API (in their own module: DRF's settings import them while
``rest_framework.views`` is still loading, so they must not import any view)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.parsers import JSONParser

# No body of this API nests deeper than a few levels (an answer, a question edit). Deeper ones
# would reach code that recurses over them (serializers, JSON fields, sanitising).
API_MAX_JSON_DEPTH = 32


def _json_depth_exceeds(data: Any, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, but deeply nested JSON is a 400 like any other malformed body (F8).

    ``json.loads`` raises RecursionError, not ValueError, on some ten thousand nested arrays,
    which DRF does not catch: the client got Django's HTML 500 and the log a traceback.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(f"JSON parse error - nested deeper than {API_MAX_JSON_DEPTH} levels.") from None
        if _json_depth_exceeds(data, API_MAX_JSON_DEPTH):
            raise exceptions.ParseError(f"JSON parse error - nested deeper than {API_MAX_JSON_DEPTH} levels.")
        return data
