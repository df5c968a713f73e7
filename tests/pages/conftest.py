"""The HTML pages' permission matrix reuses the API matrix's world of objects and cast."""

from __future__ import annotations

# Fixtures shared with the API matrix (tests/api/conftest.py).
from tests.api.conftest import World, cast, world

__all__ = ["World", "cast", "world"]
