"""API token authentication that remembers each token's user for a few seconds per process.

Looking up the token and its user is a query joined over two tables and two model instances
on every API request. Measured with one gunicorn worker and 2,000 sequential autosaves against
PostgreSQL (three runs each way), it was about 0.9 ms of the web process's 3.0 ms of CPU and a
third of PostgreSQL's 0.8 ms. A student's client sends a request every one to three seconds
while answering, so almost every lookup after the first is answered from memory.

What that costs, and why it is acceptable here: a token deleted in the admin, or an account
deactivated or given another role, keeps its old meaning for at most
``API_TOKEN_CACHE_SECONDS`` (default 10) in the other processes that had it; the process that
made the change forgets at once (the signals below). Only successful lookups are remembered, so
a new token works immediately and a wrong one is always checked against the database. Each
request gets its own copy of the user, so nothing a request sets on it reaches another.
``API_TOKEN_CACHE_SECONDS=0`` turns the cache off.

Tokens live ``API_TOKEN_LIFETIME_DAYS`` (default 7) from the moment they were issued, checked
on every request, remembered or not. A password change or a deactivation deletes the account's
tokens, whoever makes it (the admin, a command, the shell), by the ``post_save`` signal below;
``DELETE /api/auth/token/`` deletes one's own. Other processes may honour a deleted token for
``API_TOKEN_CACHE_SECONDS`` more, as above.
"""

from __future__ import annotations

import copy
import functools
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from core.rows import column, instance_from_row

TOKEN_EXPIRED = "Token has expired; ask for a new one at POST /api/auth/token/."  # noqa: S105 (a message, not a secret)

# key -> (expires at, user, token); cleared whole when it grows past this many entries, which
# bounds the memory at a few MB however many students a process has served.
_TOKENS: dict[str, tuple[float, Any, Token]] = {}
_MAX_ENTRIES = 20_000


class CachedTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, as DRF's TokenAuthentication, with the short cache above."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = self._lookup(key)
        if token_expired(token):
            tokens_forget(key=key)
            raise AuthenticationFailed(TOKEN_EXPIRED)
        return user, token

    def _lookup(self, key: str) -> tuple[Any, Token]:
        ttl = settings.API_TOKEN_CACHE_SECONDS
        if ttl <= 0:
            return token_lookup(key)
        now = time.monotonic()
        hit = _TOKENS.get(key)
        if hit is not None and hit[0] > now:
            return copy.copy(hit[1]), hit[2]
        user, token = token_lookup(key)
        if len(_TOKENS) >= _MAX_ENTRIES:
            _TOKENS.clear()
        _TOKENS[key] = (now + ttl, user, token)
        return copy.copy(user), token


def token_lookup(key: str) -> tuple[Any, Token]:
    """DRF's lookup (the token with its user; refused if unknown or the user is inactive) as one
    written statement: the ORM building and compiling its select_related query was about half of
    a lookup's cost (400 lookups in-process on PostgreSQL: 0.89-0.96 ms of CPU each through the
    ORM, 0.43-0.54 ms this way). The statement's text is made once per process from the models'
    own columns."""
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), [key])
        row = cursor.fetchone()
    if row is None:
        raise AuthenticationFailed(_INVALID_TOKEN)
    user_model = get_user_model()
    names = _user_attnames()
    user = instance_from_row(user_model, names, row[2:])
    if not user.is_active:
        raise AuthenticationFailed(_INACTIVE)
    token = instance_from_row(Token, ["key", "user_id", "created"], [key, user.pk, row[1]])
    token.user = user
    return user, token


# DRF's own messages for the two refusals.
_INVALID_TOKEN = gettext_lazy("Invalid token.")
_INACTIVE = gettext_lazy("User inactive or deleted.")


def _user_attnames() -> list[str]:
    return [f.attname for f in get_user_model()._meta.concrete_fields]


@functools.cache
def _token_sql() -> str:
    user_model = get_user_model()
    users = [column(user_model, name) for name in _user_attnames()]
    token, user_id, user_pk = column(Token, "key"), column(Token, "user_id"), column(user_model, user_model._meta.pk.attname)
    tokens, user_table = connection.ops.quote_name(Token._meta.db_table), connection.ops.quote_name(user_model._meta.db_table)
    return (
        f"SELECT {token}, {column(Token, 'created')}, {', '.join(users)} FROM {tokens}"  # noqa: S608 (names from the models; the key is a parameter)
        f" INNER JOIN {user_table} ON {user_id} = {user_pk} WHERE {token} = %s"
    )


def token_expires_at(token: Token) -> datetime:
    return token.created + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


def token_expired(token: Token) -> bool:
    return timezone.now() >= token_expires_at(token)


def tokens_forget(*, user_id: int | None = None, key: str | None = None) -> None:
    """Drop this process's remembered lookups of one token or of every token of one user."""
    if key is not None:
        _TOKENS.pop(key, None)
    if user_id is not None:
        for cached_key in [k for k, (_, user, _) in _TOKENS.items() if user.pk == user_id]:
            _TOKENS.pop(cached_key, None)


def _token_deleted(sender: Any, instance: Token, **kwargs: Any) -> None:
    tokens_forget(key=instance.key)


def _user_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    tokens_forget(user_id=instance.pk)
    # set_password() leaves the new password in ``_password`` until save() has finished, so
    # this sees every password change made through the model (admin, commands, the shell).
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        Token.objects.filter(user_id=instance.pk).delete()


post_delete.connect(_token_deleted, sender=Token, dispatch_uid="config.authentication.token_deleted")
post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="config.authentication.user_saved")
