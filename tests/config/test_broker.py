"""The embedded broker (config/broker.py): a worker polling the folder never meets half a message."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from queue import Empty

import pytest
from kombu import Connection

import config.broker

MESSAGES = 800


def connection(folder: Path, scheme: str) -> Connection:
    return Connection(
        f"{scheme}://",
        transport_options={
            "data_folder_in": str(folder),
            "data_folder_out": str(folder),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        },
    )


def race(folder: Path, scheme: str) -> tuple[list[int], list[BaseException]]:
    """One thread puts messages as fast as it can while another takes them as they appear."""
    (folder / "control").mkdir(parents=True, exist_ok=True)
    received: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def produce() -> None:
        with connection(folder, scheme) as conn:
            channel = conn.default_channel
            for n in range(MESSAGES):
                channel._put("grading", {"n": n, "body": "x" * 200_000})
        done.set()

    def consume() -> None:
        with connection(folder, scheme) as conn:
            channel = conn.default_channel
            while len(received) < MESSAGES:
                try:
                    received.append(channel._get("grading")["n"])
                except Empty:
                    if done.is_set() and not any(folder.glob("*.grading.msg")):
                        return
                except Exception as exc:  # what made the worker stop: a message read before it was written
                    errors.append(exc)
                    return

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return received, errors


def test_a_reader_polling_while_messages_are_written_gets_every_message_whole(tmp_path: Path) -> None:
    received, errors = race(tmp_path, config.broker.SCHEME)

    assert errors == []
    assert sorted(received) == list(range(MESSAGES))


def test_the_settings_choose_the_atomic_transport_when_no_redis_is_configured(settings) -> None:
    if settings.REDIS_URL:
        pytest.skip("REDIS_URL is set: the broker is Redis, not the embedded one")
    assert settings.CELERY_BROKER_URL == "localfs://"
    with Connection(settings.CELERY_BROKER_URL) as conn:
        assert isinstance(conn.transport, config.broker.Transport)


def test_a_test_run_publishes_outside_the_checkouts_var_folder(settings) -> None:
    """Messages a test leaves behind would otherwise be consumed by the worker of a later `make run`
    (seen: a test's generation task regenerated a demo reading with the same id)."""
    if settings.REDIS_URL or os.environ.get("STRATEGIKON_VAR_DIR"):
        pytest.skip("the broker folder is chosen by REDIS_URL or STRATEGIKON_VAR_DIR here")
    assert not settings.BROKER_DIR.is_relative_to(settings.BASE_DIR / "var")
    assert str(os.getpid()) in settings.BROKER_DIR.name
