"""The API token cache: a token's user is remembered for a few seconds per process, and the
process that revokes a token or changes an account forgets at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIClient

from config import authentication
from config.authentication import CachedTokenAuthentication, token_lookup
from courseware.models import User

ME = "/api/me/progress/"


def client_for(user: User) -> tuple[APIClient, Token]:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, token


def queries(client: APIClient) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(ME).status_code
    return status, len(ctx.captured_queries)


def test_a_token_is_looked_up_once_and_then_remembered(student: User) -> None:
    client, _ = client_for(student)
    first_status, first = queries(client)
    second_status, second = queries(client)
    assert first_status == second_status == 200
    assert second == first - 1


def test_with_the_cache_off_every_request_looks_the_token_up(student: User, settings: Any) -> None:
    settings.API_TOKEN_CACHE_SECONDS = 0
    client, _ = client_for(student)
    assert queries(client)[1] == queries(client)[1]
    assert authentication._TOKENS == {}


def test_a_token_deleted_in_this_process_stops_working_at_once(student: User) -> None:
    client, token = client_for(student)
    assert client.get(ME).status_code == 200
    token.delete()
    assert client.get(ME).status_code == 401


def test_an_account_deactivated_in_this_process_stops_working_at_once(student: User) -> None:
    client, _ = client_for(student)
    assert client.get(ME).status_code == 200
    student.is_active = False
    student.save()
    assert client.get(ME).status_code == 401


def test_a_token_revoked_elsewhere_works_here_until_the_cache_forgets_it(student: User, monkeypatch: pytest.MonkeyPatch) -> None:
    client, token = client_for(student)
    assert client.get(ME).status_code == 200
    # Another process deletes it: this one gets no signal.
    Token.objects.filter(pk=token.pk)._raw_delete(Token.objects.db)  # type: ignore[attr-defined]
    assert client.get(ME).status_code == 200
    later = authentication.time.monotonic() + authentication.settings.API_TOKEN_CACHE_SECONDS + 1
    monkeypatch.setattr(authentication.time, "monotonic", lambda: later)
    assert client.get(ME).status_code == 401


def test_a_wrong_token_is_never_remembered(student: User) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get(ME).status_code == 401
    assert authentication._TOKENS == {}


def test_each_request_gets_its_own_copy_of_the_user(student: User) -> None:
    _, token = client_for(student)
    auth = CachedTokenAuthentication()
    first, _ = auth.authenticate_credentials(token.key)
    first.note_from_one_request = "private"
    second, _ = auth.authenticate_credentials(token.key)
    assert second.pk == student.pk
    assert not hasattr(second, "note_from_one_request")


def test_a_lookup_reads_the_token_and_its_user_as_the_orm_would_in_one_query(student: User) -> None:
    _, token = client_for(student)
    with CaptureQueriesContext(connection) as ctx:
        user, found = token_lookup(token.key)
    assert len(ctx.captured_queries) == 1
    expected = User.objects.get(pk=student.pk)
    for field in User._meta.concrete_fields:
        value, wanted = getattr(user, field.attname), getattr(expected, field.attname)
        assert (value, type(value)) == (wanted, type(wanted)), field.attname
    assert (found.key, found.user_id, found.created) == (token.key, student.pk, Token.objects.get(pk=token.pk).created)
    assert found.user is user and user.is_authenticated


def test_a_lookup_refuses_an_unknown_token_and_an_inactive_user_with_drfs_messages(student: User) -> None:
    _, token = client_for(student)
    with pytest.raises(AuthenticationFailed, match=r"^Invalid token\.$"):
        token_lookup("0" * 40)
    User.objects.filter(pk=student.pk).update(is_active=False)  # no signal: the token stays
    with pytest.raises(AuthenticationFailed, match=r"^User inactive or deleted\.$"):
        token_lookup(token.key)
