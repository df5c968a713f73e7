"""The real stack on loopback: PostgreSQL and Redis from the environment, gunicorn and Celery
worker processes started here, and their CPU time measured from the process trees.

With ``hosts`` > 1 the web tier is several "hosts": gunicorn processes on their own ports, each
with its own ``var/`` (``STRATEGIKON_VAR_DIR``) and environment, behind one haproxy doing round
robin, as a deployment with several web machines behind a load balancer. The workers, the
PostgreSQL and the Redis stay one, so a request answered by one host and the next by another
prove that nothing a student needs lives on one host.

The benchmark never touches the data it is pointed at: it works in its own database
``<name>_bench`` on the PostgreSQL server of ``DATABASE_URL`` (re-created from a freshly
migrated template before each scenario) and in its own Redis database (``BENCH_REDIS_DB``,
default 14) on the server of ``REDIS_URL``, which it flushes before each scenario.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psutil

from courseware.management.commands.run_platform import default_web_workers, server_args
from tools.bench.proxy import (
    ProxiedHost,
    haproxy_config,
    haproxy_requests,
    haproxy_server_rows,
    haproxy_stats,
    web_workers_split,
)

REPO = Path(__file__).resolve().parents[2]
MISSING_ENV = (
    "The benchmark runs against real services: set DATABASE_URL (PostgreSQL) and REDIS_URL, e.g.\n"
    "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/strategikon REDIS_URL=redis://127.0.0.1:6379/0 make bench"
)
NOT_POSTGRES = "DATABASE_URL must point at PostgreSQL for the benchmark (it is {scheme!r})."
UNREACHABLE = "{what} at {where} is not reachable: {error}"
HAPROXY_MISSING = (
    "The benchmark's proxy (HOSTS / --hosts above 1, or PROXY=1 / --proxy) puts haproxy in front of the web hosts, and haproxy is "
    "not installed: install Debian's package with\n"
    "  apt-get install -y haproxy\n"
    "(no need to start its system service: the benchmark runs its own haproxy process with its own configuration)."
)
# Debian installs haproxy in /usr/sbin, which an ordinary user's PATH often lacks.
HAPROXY_SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin", "/sbin"])


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


def haproxy_find(*, search_path: str | None = None) -> str:
    """The haproxy executable, or BenchRefused saying how to install it."""
    found = shutil.which("haproxy", path=HAPROXY_SEARCH_PATH if search_path is None else search_path)
    if found is None:
        raise BenchRefused(HAPROXY_MISSING)
    return found


@dataclass
class WebHost:
    """One web "host": a gunicorn master and its workers, with its own port, ``var/`` and environment."""

    name: str
    web_workers: int
    var_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    """gunicorn and ``worker_processes`` Celery workers (one prefork child each) on loopback.

    ``hosts`` web hosts share ``web_workers`` between them (see web_workers_split); with more
    than one, or one with ``behind_proxy``, haproxy is in front (tools.bench.proxy: the students'
    actions ahead in its queue) and ``base_url`` is the proxy's.
    """

    env: dict[str, str]
    log_dir: Path
    web_workers: int = field(default_factory=default_web_workers)
    worker_processes: int = 1
    with_web: bool = True
    hosts: int = 1
    behind_proxy: bool = False  # one host behind haproxy too, as production's load balancer
    port: int = field(default_factory=free_port)  # the proxy's when proxied, else the one host's
    stats_port: int = field(default_factory=free_port)
    web_hosts: list[WebHost] = field(default_factory=list)
    proxy: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    profilers: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.hosts < 1:
            raise ValueError("a stack needs at least one web host")
        if self.with_web and not self.web_hosts:
            split = web_workers_split(self.web_workers, self.hosts)
            self.web_hosts = [
                WebHost(name=f"host{index + 1}", web_workers=workers, var_dir=self.log_dir / f"host{index + 1}" / "var")
                for index, workers in enumerate(split)
            ]
            if not self.proxied:
                self.web_hosts[0].port = self.port

    @property
    def proxied(self) -> bool:
        return self.with_web and (self.hosts > 1 or self.behind_proxy)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def host_environment(self, host: WebHost) -> dict[str, str]:
        # Its own var/ (the SQLite default, the file cache, the embedded broker, collected
        # static files): whatever a host keeps there, the others never see.
        return {**self.env, "STRATEGIKON_VAR_DIR": str(host.var_dir)}

    def _spawn(self, argv: list[str], name: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.log_dir / f"{name}.log").open("ab")
        # A process group of its own, so stopping it never signals the orchestrator.
        return subprocess.Popen(argv, cwd=REPO, env=env or self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start(self) -> None:
        python = sys.executable
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for host in self.web_hosts:
            env = self.host_environment(host)
            host.var_dir.mkdir(parents=True, exist_ok=True)
            # Each host's build collects its static files into its own var/, as every web
            # machine of a deployment does; production settings refuse to serve without them.
            with (self.log_dir / f"collectstatic-{host.name}.log").open("ab") as log:
                subprocess.run(
                    [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                    cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, check=True,
                )  # fmt: skip
            name = "gunicorn" if len(self.web_hosts) == 1 else f"gunicorn-{host.name}"
            application, options = server_args(os.environ.get("WEB_SERVER", ""))
            host.process = self._spawn(
                [
                    python, "-m", "gunicorn", *application, "--preload", "-b", f"127.0.0.1:{host.port}",
                    "-w", str(host.web_workers), "--backlog", "4096", "--timeout", "60", "--graceful-timeout", "5", *options,
                ],
                name,
                env,
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

    def _processes(self) -> list[subprocess.Popen[bytes]]:
        hosts = [host.process for host in self.web_hosts if host.process is not None]
        return [*hosts, *([self.proxy] if self.proxy else []), *self.workers]

    def _wait_ready(self, *, timeout: float) -> None:
        from quizzes.models import WorkerHeartbeat

        deadline = time.monotonic() + timeout
        hosts_waiting = {host.name for host in self.web_hosts}
        while time.monotonic() < deadline:
            for process in self._processes():
                if process.poll() is not None:
                    raise RuntimeError(f"a benchmark process exited at start-up (code {process.returncode}); see {self.log_dir}")
            for host in self.web_hosts:
                if host.name in hosts_waiting and _answers(f"{host.base_url}/healthz"):
                    hosts_waiting.discard(host.name)
            # The proxy starts once every host answers (else its first checks log them DOWN),
            # and sends nothing to a host before its first health check passes.
            if self.proxied and not hosts_waiting and self.proxy is None:
                self._proxy_start()
            proxy_ready = not self.proxied or (self.proxy is not None and self._proxy_hosts_up())
            # Each worker writes its heartbeat row when it is ready to consume.
            workers_ready = WorkerHeartbeat.objects.filter(hostname__startswith="bench").count() >= self.worker_processes
            if not hosts_waiting and proxy_ready and workers_ready:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the benchmark stack was not ready within {timeout:.0f} s; see {self.log_dir}")

    def _proxy_start(self) -> None:
        config = self.log_dir / "haproxy.cfg"
        servers = [ProxiedHost(name=host.name, port=host.port, weight=host.web_workers) for host in self.web_hosts]
        config.write_text(haproxy_config(port=self.port, stats_port=self.stats_port, hosts=servers))
        self.proxy = self._spawn([haproxy_find(), "-f", str(config), "-db"], "haproxy")

    def _proxy_stats(self) -> str:
        return haproxy_stats(self.stats_port)

    def _proxy_hosts_up(self) -> bool:
        try:
            rows = haproxy_server_rows(self._proxy_stats())
        except OSError:
            return False
        return len(rows) == len(self.web_hosts) and all(row.get("status") == "UP" for row in rows.values())

    def host_requests(self) -> dict[str, int] | None:
        """Requests the proxy has sent each host so far (None without a proxy)."""
        return haproxy_requests(self._proxy_stats()) if self.proxied else None

    def warm_up(self, *, token: str) -> None:
        """Before timing: every web worker imports the URLconf and views and opens its database
        connection on its first request, as a server that has been up for a while already has.
        Students opening the quiz list before the start bell do the same. Each host directly,
        so every one of its workers is reached."""
        from concurrent.futures import ThreadPoolExecutor

        def fetch(url: str) -> None:
            request = urllib.request.Request(f"{url}/api/quizzes/", headers={"Authorization": f"Token {token}"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30):  # noqa: S310 (our own loopback server)
                pass

        for host in self.web_hosts:
            with ThreadPoolExecutor(max_workers=host.web_workers * 2) as pool:
                list(pool.map(fetch, [host.base_url] * (host.web_workers * 8)))

    def profile_start(self) -> None:
        """Sample the web and worker process trees with py-spy (``--profile``) until profile_stop."""
        single = len(self.web_hosts) == 1
        targets = [("web" if single else f"web-{host.name}", host.process) for host in self.web_hosts]
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
        processes = self._processes()
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
        for host in self.web_hosts:
            host.process = None
        self.proxy, self.workers = None, []

    def cpu_snapshot(self) -> dict[str, dict[int, float]]:
        return {
            "web": _tree_cpu([host.process for host in self.web_hosts if host.process is not None]),
            "worker": _tree_cpu(self.workers),
            # Not in the JSON (its keys are fixed): logged, as what the extra hop costs.
            "proxy": _tree_cpu([self.proxy] if self.proxy else []),
        }


def _answers(url: str) -> bool:
    """Whether a server answers at ``url`` (any status: /healthz is 503 until a worker's heartbeat lands)."""
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback server)
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


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


def machine_cpu_split(before: Any, after: Any) -> dict[str, float]:
    """How the whole machine's CPU time went between two ``psutil.cpu_times()`` readings, in % of it:
    ``busy`` (user, system, interrupts and the rest), ``idle``, ``iowait`` and ``steal`` (what the
    hypervisor gave other machines: a run with much of it says little about the code). Fields a
    platform lacks count as 0."""
    fields = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    delta = {name: max(0.0, getattr(after, name, 0.0) - getattr(before, name, 0.0)) for name in fields}
    total = sum(delta.values()) or 1.0
    share = {name: round(100 * delta[name] / total, 1) for name in ("idle", "iowait", "steal")}
    return {"busy": round(100 - sum(share.values()), 1), **share}
