"""The real stack on loopback: PostgreSQL and Redis from the environment, gunicorn and Celery
worker processes started here, and their CPU time measured from the process trees.

The benchmark never touches the data it is pointed at: it works in its own database
``<name>_bench`` on the PostgreSQL server of ``DATABASE_URL`` (re-created from a freshly
migrated template before each scenario) and in its own Redis database (``BENCH_REDIS_DB``,
default 14) on the server of ``REDIS_URL``, which it flushes before each scenario.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

REPO = Path(__file__).resolve().parents[2]
MISSING_ENV = (
    "The benchmark runs against real services: set DATABASE_URL (PostgreSQL) and REDIS_URL, e.g.\n"
    "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/strategikon REDIS_URL=redis://127.0.0.1:6379/0 make bench"
)
NOT_POSTGRES = "DATABASE_URL must point at PostgreSQL for the benchmark (it is {scheme!r})."
UNREACHABLE = "{what} at {where} is not reachable: {error}"


class BenchRefused(SystemExit):
    """The environment cannot run the benchmark; the message says why and what to set."""


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


@dataclass(frozen=True)
class BenchServices:
    source_database_url: str
    database_url: str  # the benchmark's own database
    template_database_url: str
    maintenance_database_url: str  # where CREATE/DROP DATABASE are issued
    redis_url: str  # the benchmark's own Redis database

    @property
    def database_name(self) -> str:
        return urlsplit(self.database_url).path.lstrip("/")

    @property
    def template_name(self) -> str:
        return urlsplit(self.template_database_url).path.lstrip("/")


def services_from_environment(environ: dict[str, str] | os._Environ[str] = os.environ) -> BenchServices:
    """Read DATABASE_URL / REDIS_URL, derive the benchmark's own databases, and check both servers answer."""
    database_url = (environ.get("BENCH_SOURCE_DATABASE_URL") or environ.get("DATABASE_URL") or "").strip()
    redis_url = (environ.get("BENCH_SOURCE_REDIS_URL") or environ.get("REDIS_URL") or "").strip()
    if not database_url or not redis_url:
        raise BenchRefused(MISSING_ENV)
    scheme = urlsplit(database_url).scheme
    if scheme not in {"postgres", "postgresql"}:
        raise BenchRefused(NOT_POSTGRES.format(scheme=scheme))
    name = urlsplit(database_url).path.lstrip("/") or "strategikon"
    redis_db = int(environ.get("BENCH_REDIS_DB", "14"))
    services = BenchServices(
        source_database_url=database_url,
        database_url=_with_path(database_url, f"/{name}_bench"),
        template_database_url=_with_path(database_url, f"/{name}_bench_template"),
        maintenance_database_url=_with_path(database_url, "/postgres"),
        redis_url=_with_path(redis_url, f"/{redis_db}"),
    )
    _check_reachable(services)
    return services


def _check_reachable(services: BenchServices) -> None:
    import psycopg
    import redis

    try:
        psycopg.connect(services.maintenance_database_url, connect_timeout=3).close()
    except Exception as exc:  # any driver error: report it as it is
        raise BenchRefused(UNREACHABLE.format(what="PostgreSQL", where=urlsplit(services.source_database_url).hostname, error=exc)) from exc
    try:
        redis.Redis.from_url(services.redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:
        raise BenchRefused(UNREACHABLE.format(what="Redis", where=urlsplit(services.redis_url).hostname, error=exc)) from exc


def _admin_execute(services: BenchServices, *statements: str) -> None:
    import psycopg

    with psycopg.connect(services.maintenance_database_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]  # names are ours, derived above


def database_build_template(*, services: BenchServices, env: dict[str, str]) -> None:
    """A freshly migrated template; each scenario's database is a cheap copy of it."""
    _admin_execute(
        services,
        f'DROP DATABASE IF EXISTS "{services.template_name}" WITH (FORCE)',
        f'CREATE DATABASE "{services.template_name}"',
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env={**env, "DATABASE_URL": services.template_database_url},
        check=True,
    )


def database_reset(*, services: BenchServices) -> None:
    """Drop the benchmark database and copy it from the template, so every scenario starts empty."""
    from django.db import connections

    connections.close_all()
    _admin_execute(
        services,
        f'DROP DATABASE IF EXISTS "{services.database_name}" WITH (FORCE)',
        f'CREATE DATABASE "{services.database_name}" TEMPLATE "{services.template_name}"',
    )


def redis_reset(*, services: BenchServices) -> None:
    import redis

    redis.Redis.from_url(services.redis_url).flushdb()


def stack_environment(*, services: BenchServices) -> dict[str, str]:
    """The environment of every process the benchmark starts: production settings on loopback."""
    env = dict(os.environ)
    env.update(
        {
            "BENCH_SOURCE_DATABASE_URL": services.source_database_url,
            "BENCH_SOURCE_REDIS_URL": env.get("BENCH_SOURCE_REDIS_URL") or env.get("REDIS_URL", ""),
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
            # Plain HTTP on loopback: no redirect to https.
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": env.get("BENCH_LOG_LEVEL", "WARNING"),
            "DB_CONN_MAX_AGE": "600",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def default_web_workers() -> int:
    # Requests spend much of their time waiting on PostgreSQL, so a little more than one
    # process per core keeps the cores busy; more would only add context switches.
    return 2 * (os.cpu_count() or 1) + 1


@dataclass
class Stack:
    """gunicorn and ``worker_processes`` Celery workers (one prefork child each) on loopback."""

    env: dict[str, str]
    log_dir: Path
    web_workers: int = field(default_factory=default_web_workers)
    worker_processes: int = 1
    with_web: bool = True
    port: int = field(default_factory=free_port)
    web: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    profilers: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, argv: list[str], name: str) -> subprocess.Popen[bytes]:
        log = (self.log_dir / f"{name}.log").open("ab")
        # A process group of its own, so stopping it never signals the orchestrator.
        return subprocess.Popen(argv, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start(self) -> None:
        python = sys.executable
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.with_web:
            self.web = self._spawn(
                [
                    python, "-m", "gunicorn", "config.wsgi", "--preload", "-b", f"127.0.0.1:{self.port}",
                    "-w", str(self.web_workers), "--backlog", "4096", "--timeout", "60", "--graceful-timeout", "5",
                ],
                "gunicorn",
            )  # fmt: skip
        tag = secrets.token_hex(3)
        for index in range(self.worker_processes):
            self.workers.append(
                self._spawn(
                    [
                        python, "-m", "celery", "-A", "config", "worker", "-Q", "default,grading", "--concurrency", "1",
                        "-n", f"bench{index + 1}-{tag}@%h", "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
                    ],
                    f"worker{index + 1}",
                )
            )  # fmt: skip
        self._wait_ready(timeout=60)

    def _wait_ready(self, *, timeout: float) -> None:
        from quizzes.models import WorkerHeartbeat

        deadline = time.monotonic() + timeout
        web_ready = not self.with_web
        while time.monotonic() < deadline:
            for process in [self.web, *self.workers]:
                if process is not None and process.poll() is not None:
                    raise RuntimeError(f"a benchmark process exited at start-up (code {process.returncode}); see {self.log_dir}")
            if not web_ready:
                try:
                    with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2):  # noqa: S310 (our own loopback server)
                        web_ready = True
                except urllib.error.HTTPError:  # 503 until a worker's heartbeat lands: the server answers
                    web_ready = True
                except OSError:
                    pass
            # Each worker writes its heartbeat row when it is ready to consume.
            workers_ready = WorkerHeartbeat.objects.filter(hostname__startswith="bench").count() >= self.worker_processes
            if web_ready and workers_ready:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the benchmark stack was not ready within {timeout:.0f} s; see {self.log_dir}")

    def warm_up(self, *, token: str) -> None:
        """Before timing: every web worker imports the URLconf and views and opens its database
        connection on its first request, as a server that has been up for a while already has.
        Students opening the quiz list before the start bell do the same."""
        from concurrent.futures import ThreadPoolExecutor

        def fetch(_: int) -> None:
            request = urllib.request.Request(f"{self.base_url}/api/quizzes/", headers={"Authorization": f"Token {token}"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30):  # noqa: S310 (our own loopback server)
                pass

        with ThreadPoolExecutor(max_workers=self.web_workers * 2) as pool:
            list(pool.map(fetch, range(self.web_workers * 8)))

    def profile_start(self) -> None:
        """Sample the web and worker process trees with py-spy (``--profile``) until profile_stop."""
        targets = [("web", self.web)] if self.web else []
        targets += [(f"worker{i + 1}", w) for i, w in enumerate(self.workers)]
        for name, process in targets:
            if process is None:
                continue
            out = self.log_dir / f"profile-{name}.txt"
            argv = [
                str(Path(sys.executable).with_name("py-spy")),
                "record",
                "--pid",
                str(process.pid),
                "--subprocesses",
                "--format",
                "raw",
                "--rate",
                "200",
                "--nonblocking",
            ]
            self.profilers.append((name, self._spawn([*argv, "-o", str(out)], f"py-spy-{name}"), out))

    def profile_stop(self) -> list[Path]:
        """Stop the samplers (py-spy writes its file on SIGINT) and return the files written."""
        written = []
        for _name, sampler, out in self.profilers:
            if sampler.poll() is None:
                sampler.send_signal(signal.SIGINT)
            try:
                sampler.wait(timeout=30)
            except subprocess.TimeoutExpired:
                sampler.kill()
            if out.exists():
                written.append(out)
        self.profilers = []
        return written

    def stop(self) -> None:
        processes = [p for p in [self.web, *self.workers] if p is not None]
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.web, self.workers = None, []

    def cpu_snapshot(self) -> dict[str, dict[int, float]]:
        return {
            "web": _tree_cpu([self.web] if self.web else []),
            "worker": _tree_cpu(self.workers),
        }


def _tree_cpu(roots: list[subprocess.Popen[bytes]]) -> dict[int, float]:
    """User + system CPU seconds of every process in the trees under ``roots``, by pid."""
    seconds: dict[int, float] = {}
    for root in roots:
        try:
            parent = psutil.Process(root.pid)
            tree = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for process in tree:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            seconds[process.pid] = times.user + times.system
    return seconds


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float | None]:
    """CPU seconds spent between two snapshots, per tree (a process born in between counts whole)."""
    used: dict[str, float | None] = {}
    for tree, pids in after.items():
        if not pids:
            used[tree] = None
            continue
        used[tree] = round(sum(seconds - before.get(tree, {}).get(pid, 0.0) for pid, seconds in pids.items()), 2)
    return used
