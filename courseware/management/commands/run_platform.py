"""Start the web server and a Celery worker (with beat) together; Ctrl-C stops both.

Used by `make run`. It supervises child processes only: the web server is Django's
development server when DEBUG is on and gunicorn otherwise: sync workers on ``config.wsgi`` by
default (the push endpoint answers at once there), or with ``WEB_SERVER=asgi`` uvicorn's worker
class on ``config.asgi``, where the push endpoint's waits cost a coroutine each (config/asgi.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the web server on 127.0.0.1:8000 and a Celery worker with beat until Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--concurrency", type=int, default=2)

    def handle(self, *args: Any, host: str, port: int, concurrency: int, **options: Any) -> None:
        python = sys.executable
        env = dict(os.environ)
        web = web_command(python=python, host=host, port=port, debug=settings.DEBUG, server=os.environ.get("WEB_SERVER", ""))
        worker = [
            python, "-m", "celery", "-A", "config", "worker", "-B", "-Q", "default,grading",
            "--concurrency", str(concurrency), "--loglevel", "INFO", "-n", "worker@%h",
        ]  # fmt: skip
        children = [subprocess.Popen(web, env=env), subprocess.Popen(worker, env=env)]
        self.stdout.write(self.style.SUCCESS(f"Strategikon is starting on http://{host}:{port}/  (health: http://{host}:{port}/healthz)"))
        self.stdout.write("Press Ctrl-C to stop the web server and the worker.")

        def stop(*_: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
            sys.exit(0)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while True:
            for child in children:
                if child.poll() is not None:
                    self.stderr.write(f"process {child.pid} exited with {child.returncode}; stopping the rest")
                    stop()
            time.sleep(1)


def server_args(server: str) -> tuple[list[str], list[str]]:
    """The production server's application (with its worker class) and its other options: gunicorn's sync workers on config.wsgi,
    with the push endpoint answering at once (a waiting student would hold a whole worker), or, with
    ``server="asgi"`` (WEB_SERVER=asgi), uvicorn's worker class on config.asgi, where the push endpoint
    waits. Sync is the default because it measured faster: a 500-student burst on an idle 2-core
    machine, three runs each, p95 start 631-677 ms against 1,359-2,430 ms (README). The benchmark
    starts the same (tools/bench/stack.py)."""
    if server == "asgi":
        return ["config.asgi:application", "-k", "uvicorn_worker.UvicornWorker"], []
    if server not in {"", "wsgi"}:
        raise CommandError(f"WEB_SERVER={server!r}: say wsgi (the default) or asgi.")
    return ["config.wsgi"], ["--env", "ATTEMPT_EVENTS_WAIT=0"]


def default_web_workers() -> int:
    """gunicorn's worker processes: one per core and one more, or ``WEB_CONCURRENCY``.

    Measured, not guessed: on the 2-core benchmark machine a 500-student burst ran with 3 sync
    workers at p95 start 315-329 ms, save 102-287, submit 133-476 and 41-45 s of web CPU,
    against 498-541, 472-644, 809-840 and 53-54 s with 5 (2 x cores + 1; README, Benchmarks):
    a request spends little time waiting on PostgreSQL, so more processes than cores only add
    context switches, while a request waits its turn as cheaply in the listen queue.
    """
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not configured:
        return (os.cpu_count() or 1) + 1
    try:
        workers = int(configured)
    except ValueError:
        workers = 0
    if workers < 1:
        raise CommandError(f"WEB_CONCURRENCY={configured!r}: give the number of web worker processes (1 or more), or leave it unset.")
    return workers


def web_command(*, python: str, host: str, port: int, debug: bool, server: str = "") -> list[str]:
    """The web server's command line: runserver (threaded, so a waiting push request holds one
    of its threads) under DEBUG; otherwise gunicorn as ``server_args`` says."""
    if debug:
        return [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"]
    workers = str(default_web_workers())
    application, options = server_args(server)
    return [python, "-m", "gunicorn", *application, "-b", f"{host}:{port}", "-w", workers, *options]
