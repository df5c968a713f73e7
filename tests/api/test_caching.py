"""API answers carry keys and grades: never stored by a browser or proxy (F17)."""

from __future__ import annotations

import pytest

from courseware.models import User
from tests.api.conftest import World, token_client

pytestmark = pytest.mark.django_db


def test_an_attempt_with_its_keys_is_never_stored(world: World, instructor: User) -> None:
    response = token_client(instructor).get(f"/api/attempts/{world.attempt.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_error_answer_is_never_stored_either(world: World, student: User) -> None:
    response = token_client(student).get("/api/attempts/999999/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
