"""The push channel: a client waiting for its attempt's grade learns it as soon as grading commits.

Two halves, in two processes:

- **publish** (the Celery worker): ``attempts_graded_publish`` runs on commit of the grading
  transaction (``quizzes.services.grading``), with the ids it graded. It only *wakes* waiters:
  the message carries the attempt id and its state, and the database stays the truth.
- **wait** (the web process, ``quizzes.apis.events``): ``attempt_wait_open`` subscribes first,
  then reads the attempt (the one permission-checked fetch), so a grade that commits between the
  two is never missed: either the read sees it, or the subscription hears it. A wake-up is
  confirmed by reading the state again (one indexed query) before "graded" is told, so a stray
  message (another database sharing the Redis, a file left by an earlier run) costs one read and
  never a wrong answer.

Two transports, chosen by ``REDIS_URL`` as the broker is:

- **Redis pub/sub**, one channel per attempt. A wait holds one Redis connection (not a database
  connection, not a thread) for at most ``ATTEMPT_EVENTS_TIMEOUT_SECONDS``.
- **Without Redis, a file per graded attempt** in ``ATTEMPT_EVENTS_DIR`` (``var/events``),
  written atomically by the worker; a waiter notes the file's identity when it subscribes and
  looks again every ``FILE_POLL_SECONDS`` (a ``stat``, no query). It needs no server and works
  across processes on one machine, which is where the SQLite + embedded broker stack runs
  anyway. Files older than ``FILE_KEEP_SECONDS`` are removed by the publisher (at most once a
  minute per process). Rejected: a database check loop in the waiting view (one query per
  waiter every few hundred ms: 500 waiting students would be thousands of queries a second
  through SQLite's single writer's neighbours) and PostgreSQL LISTEN/NOTIFY (a database
  connection held by every waiter, and no help on SQLite).

Channel and file names carry a short digest of the database's name: an attempt id is unique
only within one database (parallel test runs, two checkouts sharing a Redis).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

import redis
import redis.asyncio as aioredis
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.errors import NotFound
from courseware.permissions import RequestUser
from quizzes.models import Attempt
from quizzes.selectors.attempts import ATTEMPT_NOT_FOUND, attempt_get_for_user
from quizzes.serializers import public_state

logger = logging.getLogger(__name__)

GRADED = Attempt.State.GRADED.value
FILE_POLL_SECONDS = 0.1  # the file transport's delay at most; a stat per waiter per poll
FILE_KEEP_SECONDS = 600  # far longer than any wait, so no waiter can miss a file by its removal
_PRUNE_EVERY_SECONDS = 60.0
_last_prune = 0.0


def _database_scope() -> str:
    return hashlib.blake2s(str(connection.settings_dict["NAME"]).encode(), digest_size=5).hexdigest()


def _channel(attempt_id: int) -> str:
    return f"strategikon:attempt-events:{_database_scope()}:{attempt_id}"


def _signal_file(attempt_id: int) -> Path:
    return Path(settings.ATTEMPT_EVENTS_DIR) / f"attempt-{_database_scope()}-{attempt_id}"


# --- publishing (the worker, on commit) ------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _redis_client(url: str) -> redis.Redis:
    # One client (and its connection pool) per process and URL; publishing is one round trip.
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def attempts_graded_publish(*, attempt_ids: Iterable[int]) -> None:
    """Wake whoever waits for these attempts. Runs after the grading transaction committed; a
    failure is logged and swallowed, because the grade is saved and the page's fallback polling
    (or the client's next wait, which reads the state first) shows it anyway."""
    ids = list(attempt_ids)
    if not ids:
        return
    try:
        if settings.REDIS_URL:
            pipe = _redis_client(settings.REDIS_URL).pipeline(transaction=False)
            for attempt_id in ids:
                pipe.publish(_channel(attempt_id), json.dumps({"id": attempt_id, "state": GRADED}))
            pipe.execute()
        else:
            _files_publish(ids)
    except Exception:
        logger.warning("could not publish the grades of attempts %s; their pages fall back to polling", ids, exc_info=True)


def _files_publish(attempt_ids: list[int]) -> None:
    directory = Path(settings.ATTEMPT_EVENTS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    for attempt_id in attempt_ids:
        # Written aside and renamed into place: a waiter sees the whole file or none (and a new inode).
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "w") as handle:
            handle.write(json.dumps({"id": attempt_id, "state": GRADED}))
        Path(tmp).replace(_signal_file(attempt_id))
    _files_prune(directory)


def _files_prune(directory: Path) -> None:
    global _last_prune
    now = time.time()
    if now - _last_prune < _PRUNE_EVERY_SECONDS:
        return
    _last_prune = now
    for entry in os.scandir(directory):
        try:
            if now - entry.stat().st_mtime > FILE_KEEP_SECONDS:
                Path(entry.path).unlink(missing_ok=True)
        except OSError:
            continue  # another process removed it first


# --- waiting (the web process) --------------------------------------------------------------------


class _Watch(Protocol):
    async def start(self) -> None: ...
    async def woken(self, timeout: float) -> bool: ...
    async def close(self) -> None: ...


class _RedisWatch:
    def __init__(self, url: str, channel: str) -> None:
        self._client = aioredis.Redis.from_url(url, socket_connect_timeout=2)
        self._pubsub = self._client.pubsub()
        self._channel = channel

    async def start(self) -> None:
        await self._pubsub.subscribe(self._channel)
        # Redis answers SUBSCRIBE once the subscription is in force: only after that reply may
        # the state be read, or a grade published in between would be lost.
        while True:
            message = await self._pubsub.get_message(timeout=5.0)
            if message is None:
                raise ConnectionError("Redis did not confirm the subscription")
            if message["type"] == "subscribe":
                return

    async def woken(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=left)
            if message is not None and message["type"] == "message":
                return True
        return False

    async def close(self) -> None:
        await self._pubsub.aclose()
        await self._client.aclose()


class _NoWatch:
    """A wait that does not wait (``ATTEMPT_EVENTS_WAIT`` off) hears nothing, so subscribes to nothing:
    a Redis connection made and subscribed for each ask cost a sync worker more than the ask itself."""

    async def start(self) -> None:
        return None

    async def woken(self, timeout: float) -> bool:
        return False

    async def close(self) -> None:
        return None


class _FileWatch:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._seen: tuple[int, int] | None = None

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = self._path.stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns

    async def start(self) -> None:
        # "Subscribing" is noting what is there now; any later write changes the inode.
        self._seen = self._identity()

    async def woken(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            await asyncio.sleep(min(FILE_POLL_SECONDS, left))
            now = self._identity()
            if now != self._seen:
                self._seen = now
                return True
        return False

    async def close(self) -> None:
        return None


def _release_connection(release: bool) -> None:
    """Close this thread's database connection if ``release`` and no transaction is open on it.

    Under ASGI Django runs each request's synchronous code in a thread of its own (asgiref's
    ThreadSensitiveContext): a connection left open would sit idle for the whole wait, one
    PostgreSQL backend per waiting student. Under WSGI that code runs in the worker's own
    thread, on the persistent connection every request of the worker uses (``DB_CONN_MAX_AGE``):
    closing it made the worker's next request open a new one, a PostgreSQL backend started for
    each of a burst's hundreds of asks. Inside an atomic block (a test's transaction, a
    caller's) the connection is not ours to close.
    """
    if release and not connection.in_atomic_block:
        connection.close()


def _owned_state(*, user: RequestUser, attempt_id: int, release: bool) -> tuple[str, datetime | None]:
    """The attempt's state and submission time if ``user`` took it; NotFound otherwise (the
    instructors who may read the attempt elsewhere have nothing to wait for here)."""
    try:
        attempt = attempt_get_for_user(user=user, attempt_id=attempt_id)
        if attempt.user_id != user.pk:
            raise NotFound(ATTEMPT_NOT_FOUND)
        return str(attempt.state), attempt.submitted_at
    finally:
        _release_connection(release)


def _current_state(*, attempt_id: int, release: bool) -> str | None:
    try:
        return Attempt.objects.filter(pk=attempt_id).values_list("state", flat=True).first()
    finally:
        _release_connection(release)


def _event(name: str, attempt_id: int, state: str) -> bytes:
    # The state as the API shows it everywhere: the worker's internal "grading" is "submitted".
    return f"event: {name}\ndata: {json.dumps({'id': attempt_id, 'state': public_state(state)})}\n\n".encode()


# Sent first: how long an EventSource waits before reconnecting after a "timeout" (ms), and a
# comment saying the wait has begun (it flushes the headers through proxies at once).
PREAMBLE = b"retry: 1000\n: waiting\n\n"
# Without waiting (ATTEMPT_EVENTS_WAIT off: a sync server) the answer comes at once and the client
# asks again after ``no_wait_retry_ms``: as long as the attempt has been waiting for its grade, so
# soon after the submit (grading takes about a tenth of a second) and less and less often while a
# backlog lasts (each ask comes about twice as late as the last: an exponential backoff from the
# submission time the row holds, with nothing kept per client).
NO_WAIT_RETRY_MS = (250, 3000)


def no_wait_retry_ms(*, submitted_at: datetime | None, now: datetime) -> int:
    """The reconnection delay (ms) a non-waiting answer sends: the time since the submit, within
    ``NO_WAIT_RETRY_MS``; the longest for an attempt not submitted yet."""
    shortest, longest = NO_WAIT_RETRY_MS
    if submitted_at is None:
        return longest
    waited = int((now - submitted_at).total_seconds() * 1000)
    return max(shortest, min(longest, waited))


def preamble_no_wait(retry_ms: int) -> bytes:
    return f"retry: {retry_ms}\n: not waiting on this server\n\n".encode()


class AttemptWait:
    """One client's wait for one attempt, subscribed and checked (``attempt_wait_open``)."""

    def __init__(self, *, attempt_id: int, state: str, watch: _Watch, timeout: float, retry_ms: int, release: bool) -> None:
        self.attempt_id = attempt_id
        self.state = state
        self._watch = watch
        self._timeout = timeout
        self._retry_ms = retry_ms
        self._release = release

    async def events(self) -> AsyncIterator[bytes]:
        """The Server-Sent Events: the preamble, then ``graded`` as soon as it is true, or
        ``timeout`` (with the state at that moment) once the wait is over; then the stream ends."""
        try:
            yield PREAMBLE if self._timeout > 0 else preamble_no_wait(self._retry_ms)
            deadline = time.monotonic() + self._timeout
            while self.state != GRADED and (left := deadline - time.monotonic()) > 0:
                if not await self._watch.woken(left):
                    break
                # The message only woke us: the database says whether it is so.
                self.state = await sync_to_async(_current_state)(attempt_id=self.attempt_id, release=self._release) or self.state
            yield _event(GRADED if self.state == GRADED else "timeout", self.attempt_id, self.state)
        finally:
            await self._watch.close()


def _watch_for(attempt_id: int, *, timeout: float) -> _Watch:
    if timeout <= 0:
        return _NoWatch()
    if settings.REDIS_URL:
        return _RedisWatch(settings.REDIS_URL, _channel(attempt_id))
    return _FileWatch(_signal_file(attempt_id))


async def attempt_wait_open(*, user: RequestUser, attempt_id: int, timeout: float | None = None, release: bool = True) -> AttemptWait:
    """Subscribe to the attempt's grading, then read it (owner only; NotFound otherwise): in
    that order, so that a grade committed in between is either read or heard. ``release``: close
    the database connection after each read (ASGI, where the reads run in a thread of their
    own; not the connection a WSGI worker keeps for its next request)."""
    if timeout is None:
        timeout = settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS if settings.ATTEMPT_EVENTS_WAIT else 0
    wait_seconds = float(timeout)
    watch = _watch_for(attempt_id, timeout=wait_seconds)
    await watch.start()
    try:
        state, submitted_at = await sync_to_async(_owned_state)(user=user, attempt_id=attempt_id, release=release)
    except BaseException:
        await watch.close()
        raise
    retry_ms = no_wait_retry_ms(submitted_at=submitted_at, now=timezone.now())
    return AttemptWait(attempt_id=attempt_id, state=state, watch=watch, timeout=wait_seconds, retry_ms=retry_ms, release=release)
