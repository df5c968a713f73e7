"""The HTML pages' permission matrix reuses the API matrix's world of objects and cast."""

from __future__ import annotations

from tests.api.conftest import World, cast, world  # noqa: F401 (fixtures shared with the API matrix)

__all__ = ["World", "cast", "world"]
