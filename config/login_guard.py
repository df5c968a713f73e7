"""Who may have a password checked, how often, and how many checks run at once.

Every password check of the site (the login page, ``POST /api/auth/token/``, the Django admin)
goes through ``GuardedModelBackend``, which asks ``login_check`` *before* hashing anything: a
refused attempt costs a cache read, not 100 ms of Argon2. Counts live in Django's cache (Redis
when ``REDIS_URL`` is set, otherwise a file cache that every process on the machine shares) in
fixed windows of ``LOGIN_WINDOW_SECONDS``, and addresses are the client's behind the trusted
proxies (``config.client_address``). The rules, first match wins:

1. ``LOGIN_FAILURE_LIMIT`` failures of one account from one address lock that pair (the
   failure that reaches the limit already answers "locked out"). This is all an attacker can
   do to the owner from the attacker's own address: the owner, elsewhere, is not affected.
2. The owner's known places skip rules 3-5: an address the account logged in from in the
   last ``LOGIN_KNOWN_ADDRESS_DAYS``, and a browser that did (it carries a signed
   ``login_device`` cookie naming the account, set by the login page), so an attacker cannot
   shut the owner out of their usual network or their own laptop on a new one. An existing
   session or API token is never touched by any rule.
3. ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures from one address (IPv6: one /64), whatever the
   accounts: stops spraying one password over many accounts from one place.
4. ``LOGIN_ACCOUNT_FAILURE_LIMIT`` failures of one account, whatever the addresses: stops
   guessing one account from many addresses.
5. ``LOGIN_GLOBAL_FAILURE_LIMIT`` failures on the whole site: stops spraying from many
   addresses (a botnet) at many accounts; while it holds, only known pairs get checked.
6. At most ``LOGIN_CONCURRENT_CHECKS`` password checks run at once over all processes
   (leases in the cache); another is refused at once, so unauthenticated hashing can never
   occupy every web worker and starve the users who are logged in.

The price of 4 and 5 is that, under attack, a real user on a new address *and* a new browser
(say, a first login ever, from a lab machine) must wait for the window to pass; the attacker
cannot make the owner's known address, browser, session or token fail.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import PermissionDenied

from config.client_address import address_bucket, client_address

log = logging.getLogger(__name__)

# A lease outlives any password check by far; it only matters if a process dies mid-check.
SLOT_LEASE_SECONDS = 30
REFUSAL_ATTRIBUTE = "login_refusal"
DEVICE_COOKIE = "login_device"
_DEVICE_SALT = "config.login_guard.device"

MESSAGES = {
    "locked_out": "Too many failed logins for this account from your address; try again later.",
    "throttled": "Too many failed logins; try again later.",
    "login_busy": "The server is busy checking other logins; try again in a moment.",
}


@dataclass(frozen=True)
class LoginRefusal:
    code: str  # a key of MESSAGES
    retry_after: int  # seconds

    @property
    def message(self) -> str:
        return MESSAGES[self.code]


def refusal_of(request: Any) -> LoginRefusal | None:
    """The reason the last authenticate() on this request refused to check the password."""
    refusal = getattr(request, REFUSAL_ATTRIBUTE, None)
    return refusal if isinstance(refusal, LoginRefusal) else None


def _cache() -> BaseCache:
    return caches["default"]


def _digest(text: str) -> str:
    # Keys hold no usernames (they may end up in a shared Redis) and stay short whatever is typed.
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


@dataclass(frozen=True)
class _Keys:
    pair: str
    address: str
    account: str
    site: str
    known: str
    retry_after: int


def _keys(request: Any, username: str) -> _Keys:
    window = settings.LOGIN_WINDOW_SECONDS
    now = int(time.time())
    slot = now // window
    account = _digest(username.casefold())
    bucket = _digest(address_bucket(client_address(request)))
    return _Keys(
        pair=f"login:pair:{account}:{bucket}:{slot}",
        address=f"login:address:{bucket}:{slot}",
        account=f"login:account:{account}:{slot}",
        site=f"login:site:{slot}",
        known=f"login:known:{account}:{bucket}",
        retry_after=window - now % window,
    )


def device_cookie_value(*, username: str) -> str:
    """The signed value of the ``login_device`` cookie for a browser that ``username`` logged in with."""
    return signing.dumps(_digest(username.casefold()), salt=_DEVICE_SALT)


def _device_known(request: Any, username: str) -> bool:
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return False
    try:
        named = signing.loads(value, salt=_DEVICE_SALT, max_age=settings.LOGIN_KNOWN_ADDRESS_DAYS * 86400)
    except signing.BadSignature:
        return False
    return bool(named == _digest(username.casefold()))


def login_check(*, request: Any, username: str) -> LoginRefusal | None:
    """Whether a password check for ``username`` from this request's client may run now."""
    keys = _keys(request, username)
    found = _cache().get_many([keys.pair, keys.address, keys.account, keys.site, keys.known])
    if found.get(keys.pair, 0) >= settings.LOGIN_FAILURE_LIMIT:
        return LoginRefusal("locked_out", keys.retry_after)
    if found.get(keys.known) or _device_known(request, username):
        return None
    limits = (
        (keys.address, settings.LOGIN_ADDRESS_FAILURE_LIMIT),
        (keys.account, settings.LOGIN_ACCOUNT_FAILURE_LIMIT),
        (keys.site, settings.LOGIN_GLOBAL_FAILURE_LIMIT),
    )
    if any(found.get(key, 0) >= limit for key, limit in limits):
        return LoginRefusal("throttled", keys.retry_after)
    return None


def _count(key: str, timeout: int) -> int:
    cache = _cache()
    if cache.add(key, 1, timeout):
        return 1
    try:
        if isinstance(cache, RedisCache | LocMemCache):
            return int(cache.incr(key))  # atomic, and keeps the key's expiry
        # The file cache's incr is a get and a set too, but would reset the expiry to its default.
        # Two processes may both count from the same value here: a limit may let one or two
        # extra failures through per window, which the concurrency cap bounds.
        value = int(cache.get(key) or 0) + 1
        cache.set(key, value, timeout)
        return value
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def failure_record(*, request: Any, username: str) -> LoginRefusal | None:
    """Count a failed password check; a refusal when it locked the (account, address) pair."""
    keys = _keys(request, username)
    window = settings.LOGIN_WINDOW_SECONDS
    pair = _count(keys.pair, window)
    for key in (keys.address, keys.account, keys.site):
        _count(key, window)
    if pair >= settings.LOGIN_FAILURE_LIMIT:
        log.warning("login: account locked for address %s after %d failures", client_address(request), pair)
        return LoginRefusal("locked_out", keys.retry_after)
    return None


def success_record(*, request: Any, username: str) -> None:
    keys = _keys(request, username)
    cache = _cache()
    cache.set(keys.known, 1, settings.LOGIN_KNOWN_ADDRESS_DAYS * 86400)
    cache.delete(keys.pair)


def _slot_acquire() -> tuple[str, str] | None:
    """A lease on one of the LOGIN_CONCURRENT_CHECKS password-check slots, or None if all are taken."""
    limit = settings.LOGIN_CONCURRENT_CHECKS
    if limit <= 0:
        return ("", "")  # no cap
    cache = _cache()
    holder = uuid.uuid4().hex
    for index in range(limit):
        key = f"login:slot:{index}"
        if cache.add(key, holder, SLOT_LEASE_SECONDS):
            return key, holder
    return None


def _slot_release(lease: tuple[str, str]) -> None:
    key, holder = lease
    cache = _cache()
    if key and cache.get(key) == holder:
        cache.delete(key)


def _refuse(request: Any, refusal: LoginRefusal) -> NoReturn:
    setattr(request, REFUSAL_ATTRIBUTE, refusal)
    # Django's authenticate() stops at PermissionDenied, tries no other backend and reports a
    # plain failure; the views read the reason from the request to answer 429.
    raise PermissionDenied(refusal.message)


class GuardedModelBackend(ModelBackend):
    """Django's ModelBackend behind ``login_check``, the failure counts and the concurrency cap."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or username is None or password is None:
            # Called from code (a shell, a command), not by a client: nothing to count against.
            return super().authenticate(request, username=username, password=password, **kwargs)
        refusal = login_check(request=request, username=username)
        if refusal is not None:
            _refuse(request, refusal)
        lease = _slot_acquire()
        if lease is None:
            _refuse(request, LoginRefusal("login_busy", 1))
        try:
            user = super().authenticate(request, username=username, password=password, **kwargs)
        finally:
            _slot_release(lease)
        if user is None:
            locked = failure_record(request=request, username=username)
            if locked is not None:
                _refuse(request, locked)
            return None
        success_record(request=request, username=username)
        return user
