"""API tokens have a lifetime, die with a password change or a deactivation, and can be revoked (F16)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from courseware.models import User
from tests.conftest import client_for
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

ME = "/api/me/progress/"
TOKEN_URL = "/api/auth/token/"


def log_in(user: User, password: str = DEFAULT_PASSWORD) -> Any:
    return APIClient().post(TOKEN_URL, {"username": user.username, "password": password}, format="json")


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_says_when_it_expires_and_stops_working_then(student: User, settings: Any) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        body = log_in(student).json()
        expires = parse_datetime(body["expires_at"])
        assert expires == timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
        assert with_token(body["token"]).get(ME).status_code == 200
        traveller.shift(timedelta(days=settings.API_TOKEN_LIFETIME_DAYS, seconds=1))
        expired = with_token(body["token"]).get(ME)
        assert expired.status_code == 401
        assert "expired" in expired.json()["detail"]


def test_logging_in_again_gives_the_same_token_until_it_expires_then_a_new_one(student: User, settings: Any) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = log_in(student).json()["token"]
        assert log_in(student).json()["token"] == first
        traveller.shift(timedelta(days=settings.API_TOKEN_LIFETIME_DAYS, seconds=1))
        renewed = log_in(student).json()["token"]
        assert renewed != first
        assert with_token(renewed).get(ME).status_code == 200


def test_a_password_change_revokes_the_token_at_once(student: User) -> None:
    # As the review did: a token in use, then the password changed (here as the admin would).
    token = log_in(student).json()["token"]
    client = with_token(token)
    assert client.get(ME).status_code == 200
    student.set_password("a-brand-new-password-9")
    student.save()
    assert client.get(ME).status_code == 401
    assert not Token.objects.filter(user=student).exists()
    assert log_in(student, "a-brand-new-password-9").status_code == 200


def test_a_password_changed_in_the_admin_revokes_the_token(student: User, admin: User) -> None:
    token = log_in(student).json()["token"]
    response = client_for(admin).post(
        f"/admin/courseware/user/{student.pk}/password/",
        {"password1": "another-new-password-7", "password2": "another-new-password-7", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert with_token(token).get(ME).status_code == 401


def test_deactivating_an_account_revokes_its_token(student: User) -> None:
    token = log_in(student).json()["token"]
    student.is_active = False
    student.save()
    assert not Token.objects.filter(key=token).exists()
    student.is_active = True
    student.save()
    assert with_token(token).get(ME).status_code == 401


def test_a_user_revokes_their_own_token(student: User, other_student: User) -> None:
    token = log_in(student).json()["token"]
    other = log_in(other_student).json()["token"]
    client = with_token(token)
    assert client.delete(TOKEN_URL).status_code == 204
    assert client.get(ME).status_code == 401
    # Nobody else's token is touched, and a new login gives a new token.
    assert with_token(other).get(ME).status_code == 200
    assert log_in(student).json()["token"] != token


def test_revoking_needs_a_token_or_a_session(student: User) -> None:
    assert APIClient().delete(TOKEN_URL).status_code == 401
    log_in(student)
    session = APIClient()
    session.force_login(student)
    assert session.delete(TOKEN_URL).status_code == 204
    assert not Token.objects.filter(user=student).exists()


def test_the_revoke_endpoint_is_in_the_schema(student: User) -> None:
    schema = with_token(log_in(student).json()["token"]).get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/auth/token/"]["delete"]
    assert operation["operationId"] == "auth_token_revoke"
    assert "204" in operation["responses"]
