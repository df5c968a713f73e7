"""The balancer's queue (``tools.bench.proxy``, README "Scaling out"), run for real: haproxy with
the configuration the benchmark writes, in front of a stand-in host whose one worker is held busy.
What waits in the proxy's queue is served oldest first, but a student's own action (a start, an
autosave or a submit, through the API or the quiz page) counts as having arrived a head start
earlier: it passes the reads that have waited less, not those that have waited longer. A host
never gets more requests at once than it has workers. And its log tells a request's wait in the queue from its
time at the host. The order is what is asserted, never how long anything took.

It needs Debian's haproxy (``apt-get install -y haproxy``; .ci/run installs it): skipped without
it on a developer's machine, a failure in CI."""

from __future__ import annotations

import http.client
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tools.bench.proxy import (
    HOST_HEALTH_PATH,
    ProxiedHost,
    ProxiedRequest,
    haproxy_backend_rows,
    haproxy_config,
    haproxy_stats,
    proxied_requests,
)
from tools.bench.stack import BenchRefused, free_port, haproxy_find

WAIT = 30.0  # how long a step may take on a loaded CI machine before the test gives up


def _haproxy(*, under_ci: bool) -> str:
    try:
        return haproxy_find()
    except BenchRefused:
        if under_ci:
            pytest.fail("haproxy is not installed; CI must install it (apt-get install -y haproxy)")
        pytest.skip("haproxy is not installed (apt-get install -y haproxy); set CI=1 to make this a failure")


@dataclass
class StandInHost:
    """A web host that records the order it is sent requests in and holds the first one until released."""

    served: list[str] = field(default_factory=list)
    in_progress: int = 0
    most_at_once: int = 0
    first_arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        host = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                if self.path != HOST_HEALTH_PATH:
                    with host.lock:
                        host.served.append(f"{self.command} {self.path}")
                        host.in_progress += 1
                        host.most_at_once = max(host.most_at_once, host.in_progress)
                        first = len(host.served) == 1
                    if first:
                        host.first_arrived.set()
                        host.release.wait(WAIT)
                    with host.lock:
                        host.in_progress -= 1
                body = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@dataclass
class Balancer:
    host: StandInHost
    port: int
    stats_port: int

    def _row(self, name: str) -> dict[str, str]:
        """The backend's row ``name`` (a server, or BACKEND) of haproxy's statistics."""
        return haproxy_backend_rows(haproxy_stats(self.stats_port))[name]

    def queued(self) -> int:
        """Requests waiting in the proxy's queue for the backend."""
        return int(self._row("BACKEND")["qcur"] or 0)

    def host_up(self) -> bool:
        try:
            return self._row("host1")["status"] == "UP"
        except OSError:
            return False

    def served_after_release(self, threads: list[threading.Thread]) -> list[str]:
        """Let the held request finish, wait for every request sent, and say the order the host saw them in."""
        self.host.release.set()
        for thread in threads:
            thread.join(WAIT * 2)
        return self.host.served

    def hold_the_worker(self) -> threading.Thread:
        """A start that the host's one worker holds until ``served_after_release``: what is sent next waits at the proxy."""
        thread = self.send("POST", "/api/quizzes/7/attempts/")
        assert self.host.first_arrived.wait(WAIT)
        return thread

    def queue(self, method: str, path: str) -> threading.Thread:
        """``send``, then wait until the request is in the proxy's queue, so the next one certainly arrives after it."""
        ahead = self.queued()
        thread = self.send(method, path)
        _until(lambda: self.queued() == ahead + 1, f"{method} {path} queued at the proxy")
        return thread

    def send(self, method: str, path: str) -> threading.Thread:
        """A student's request through the proxy, on its own connection, answered in the background."""

        def run() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT * 2)
            connection.request(method, path, body=b"{}" if method != "GET" else None, headers={"Content-Type": "application/json"})
            assert connection.getresponse().status == 200
            connection.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {WAIT:.0f} s")
        time.sleep(0.02)


@contextmanager
def _balancer(tmp_path: Path, *, under_ci: bool, action_head_start_ms: int) -> Iterator[Balancer]:
    executable = _haproxy(under_ci=under_ci)
    host = StandInHost()
    server = ThreadingHTTPServer(("127.0.0.1", 0), host.handler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port, stats_port = free_port(), free_port()
    config = tmp_path / "haproxy.cfg"
    # One worker on the host: the proxy sends it one request at a time and queues the rest.
    hosts = [ProxiedHost("host1", server.server_address[1], 1)]
    config.write_text(haproxy_config(port=port, stats_port=stats_port, hosts=hosts, action_head_start_ms=action_head_start_ms))
    with (tmp_path / "haproxy.log").open("wb") as log:
        proxy = subprocess.Popen([executable, "-f", str(config), "-db"], stdout=log, stderr=subprocess.STDOUT)
    try:
        balancer = Balancer(host=host, port=port, stats_port=stats_port)
        _until(balancer.host_up, "haproxy seeing the host up")
        yield balancer
    finally:
        host.release.set()
        proxy.terminate()
        proxy.wait(timeout=WAIT)
        server.shutdown()
        server.server_close()


def test_students_actions_waiting_at_the_proxy_pass_the_reads_that_waited_less_than_their_head_start(
    tmp_path: Path, under_ci: bool
) -> None:
    # A head start longer than this test takes to queue everything: every action passes every read.
    with _balancer(tmp_path, under_ci=under_ci, action_head_start_ms=60_000) as balancer:
        threads = [balancer.hold_the_worker()]
        waiting = [
            ("GET", "/api/attempts/5/"),  # a result read
            ("POST", "/api/quizzes/7/attempts/"),  # another start
            ("GET", "/quizzes/7/"),  # the quiz page, read
            ("PUT", "/api/attempts/5/responses/9/"),  # the API's autosave
            ("POST", "/api/attempts/5/responses/9/flag/"),  # a flag is no answer: it waits its turn
            ("POST", "/attempts/6/answer/"),  # the quiz page's autosave
            ("GET", "/api/attempts/5/events/"),  # waiting for the grade
            ("POST", "/api/attempts/5/submit/"),  # the API's submit
            ("POST", "/attempts/6/submit/"),  # the quiz page's submit
            ("GET", "/api/attempts/5/responses/9/"),  # a read on a save's path
            ("POST", "/quizzes/8/"),  # the quiz page's start
        ]
        threads += [balancer.queue(method, path) for method, path in waiting]

        assert balancer.served_after_release(threads) == [
            "POST /api/quizzes/7/attempts/",
            # the students' actions, oldest first
            "POST /api/quizzes/7/attempts/",
            "PUT /api/attempts/5/responses/9/",
            "POST /attempts/6/answer/",
            "POST /api/attempts/5/submit/",
            "POST /attempts/6/submit/",
            "POST /quizzes/8/",
            # then the rest, oldest first
            "GET /api/attempts/5/",
            "GET /quizzes/7/",
            "POST /api/attempts/5/responses/9/flag/",
            "GET /api/attempts/5/events/",
            "GET /api/attempts/5/responses/9/",
        ]
        # The host never had more requests at once than its workers: the queue was the proxy's.
        assert balancer.host.most_at_once == 1


def test_a_read_that_has_waited_longer_than_the_head_start_goes_before_an_action_that_just_arrived(tmp_path: Path, under_ci: bool) -> None:
    # Under overload the reads still move: the actions' head start is bounded, not a class above them.
    with _balancer(tmp_path, under_ci=under_ci, action_head_start_ms=100) as balancer:
        threads = [balancer.hold_the_worker(), balancer.queue("GET", "/api/attempts/5/")]
        time.sleep(0.5)  # the read has now waited at least five times the actions' head start
        threads.append(balancer.queue("PUT", "/api/attempts/5/responses/9/"))
        assert balancer.served_after_release(threads) == [
            "POST /api/quizzes/7/attempts/",
            "GET /api/attempts/5/",
            "PUT /api/attempts/5/responses/9/",
        ]


def _logged(tmp_path: Path) -> dict[str, ProxiedRequest]:
    """The students' requests in the log of the test's haproxy (``_balancer`` writes it), by group."""
    return {r.group: r for r in proxied_requests((tmp_path / "haproxy.log").read_text().splitlines())}


def test_the_proxys_log_tells_the_time_a_request_waited_for_a_worker_from_its_time_at_the_host(tmp_path: Path, under_ci: bool) -> None:
    with _balancer(tmp_path, under_ci=under_ci, action_head_start_ms=2000) as balancer:
        threads = [balancer.hold_the_worker(), balancer.queue("PUT", "/api/attempts/5/responses/9/")]
        time.sleep(0.05)  # so that both waits last whole milliseconds, the units haproxy logs
        balancer.served_after_release(threads)
        # haproxy logs a request once its stream has ended, which may be just after the client has its answer.
        _until(lambda: len(_logged(tmp_path)) == 2, "haproxy logging both requests")
    logged = _logged(tmp_path)
    assert set(logged) == {"start", "save"}
    # The start went straight to the free worker and was held there; the save waited at the proxy.
    assert logged["start"].queue_ms == 0 and logged["start"].host_ms > 0
    assert logged["save"].queue_ms > 0
