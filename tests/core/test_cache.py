"""core.cache.RedisCache: Django's Redis cache with one client per connection pool."""

from __future__ import annotations

import os

import pytest

from core.cache import RedisCache


def test_every_operation_of_a_process_uses_one_client_per_pool_and_the_pools_are_djangos() -> None:
    # No server is needed to build clients: redis-py connects on the first command.
    cache = RedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", {})
    client = cache._cache
    writer = client.get_client(write=True)
    assert client.get_client(write=True) is writer
    assert writer.connection_pool is client._get_connection_pool(True)
    readers = {id(client.get_client()) for _ in range(20)}  # reads go to the second server
    assert len(readers) == 1 and id(writer) not in readers


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="no REDIS_URL: the cache is the file cache; the PostgreSQL + Redis run reads and writes"
)
def test_it_reads_and_writes_like_djangos_own() -> None:
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "core-cache-test"})
    cache.set("answer", {"a": [1, 2]}, 30)
    assert cache.get("answer") == {"a": [1, 2]}
    assert cache.get_many(["answer", "missing"]) == {"answer": {"a": [1, 2]}}
    cache.delete("answer")
    assert cache.get("answer") is None
