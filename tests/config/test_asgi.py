"""Production's web servers (issue 18): gunicorn's sync workers on config.wsgi by default, or with
WEB_SERVER=asgi uvicorn's worker class serving config.asgi, which sends the push endpoint to Django's
ASGI handler and everything else to the WSGI app."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from config.asgi import ASYNC_PATHS
from courseware.management.commands.run_platform import default_web_workers, web_command
from tests.config.test_startup import ROOT, production_env

ASGI_SERVER = ["-m", "gunicorn", "config.asgi:application", "-k", "uvicorn_worker.UvicornWorker"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_only_the_push_endpoint_takes_the_async_path():
    assert ASYNC_PATHS.match(reverse("api-attempt-events", args=[7]))
    for other in (reverse("api-attempt-detail", args=[7]), reverse("api-attempt-submit", args=[7]), "/attempts/7/result/"):
        assert not ASYNC_PATHS.match(other)


def test_make_run_serves_with_runserver_under_debug_sync_workers_by_default_and_the_asgi_worker_when_asked():
    assert web_command(python="py", host="127.0.0.1", port=8000, debug=True) == [
        *("py", "manage.py", "runserver", "127.0.0.1:8000", "--noreload")
    ]
    # Sync workers measured faster in a 500-student burst (README): the default, and there the
    # push endpoint must not wait, or each waiting student would hold a whole worker.
    production = web_command(python="py", host="192.0.2.1", port=9000, debug=False)
    assert production[:4] == ["py", "-m", "gunicorn", "config.wsgi"]
    assert production[4:6] == ["-b", "192.0.2.1:9000"]
    assert production[-2:] == ["--env", "ATTEMPT_EVENTS_WAIT=0"]
    asgi = web_command(python="py", host="192.0.2.1", port=9000, debug=False, server="asgi")
    assert asgi[: len(ASGI_SERVER) + 1] == ["py", *ASGI_SERVER]
    assert asgi[len(ASGI_SERVER) + 1 :][:2] == ["-b", "192.0.2.1:9000"]
    assert "ATTEMPT_EVENTS_WAIT=0" not in asgi


def test_production_runs_one_web_worker_per_core_and_one_more_unless_web_concurrency_says(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    production = web_command(python="py", host="192.0.2.1", port=9000, debug=False)
    assert production[production.index("-w") + 1] == "3"
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert default_web_workers() == 7
    for wrong in ("0", "three", "-2", "²"):
        monkeypatch.setenv("WEB_CONCURRENCY", wrong)
        with pytest.raises(CommandError, match="give the number of web worker processes"):
            default_web_workers()


def test_an_unknown_web_server_is_refused_saying_what_to_choose():
    with pytest.raises(CommandError, match=r"say wsgi \(the default\) or asgi"):
        web_command(python="py", host="127.0.0.1", port=8000, debug=False, server="tornado")


def test_the_asgi_server_without_collectstatic_stops_at_start_saying_what_to_run(tmp_path):
    result = subprocess.run(
        [sys.executable, *ASGI_SERVER, "--preload", "-w", "1", "-b", "127.0.0.1:0"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "python manage.py collectstatic --noinput" in result.stderr


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:  # noqa: S310 (our own server on loopback)
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_asgi_server_answers_both_halves(tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings", "STRATEGIKON_VAR_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, *ASGI_SERVER, "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode() if server.stderr else ""
                time.sleep(0.2)
        # The WSGI half: any page or API view, as under the sync workers.
        status, _, body = get(f"http://127.0.0.1:{port}/healthz/web")
        assert status == 200 and json.loads(body)["status"] == "ok"
        # The async half: the push endpoint, through Django's ASGI handler (anonymous: refused at once).
        status, headers, body = get(f"http://127.0.0.1:{port}/api/attempts/1/events/")
        assert status == 401 and json.loads(body)["code"] == "not_authenticated"
        assert headers["Content-Type"] == "application/json"
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()
