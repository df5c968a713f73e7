"""The proxy in front of the benchmark's web "hosts": how one host's gunicorn workers are split
between several, the haproxy configuration the benchmark writes (round robin, health-checked, the
students' own actions ahead), and the requests each host was sent, read from haproxy's statistics."""

from __future__ import annotations

import csv
import io
import re
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

# The web hosts' health check behind the proxy: /healthz/web, the balancer's check (this host's
# database answers). /healthz also fails on a grading backlog, which a burst's last seconds
# may well have: checking it would take every host out of rotation exactly then.
HOST_HEALTH_PATH = "/healthz/web"
PROXY_BACKEND = "hosts"

# What goes ahead in the proxy's queue when every worker is busy: a student's own actions, the
# start, the autosave and the submit (REST API and quiz page alike), what a student waits on with
# the quiz in front of them. Reads fall behind, above all the graded result reads that arrive with
# a class's submits (several times a save's CPU each) and the push's reconnections. An action is
# dequeued as if it had arrived ACTION_HEAD_START_MS earlier: it passes every read that has waited
# less than that, and a read that has waited longer goes first, so under overload nothing starves
# (a strict class for the writes left result reads waiting 4-16 s in a burst of 1,000; README
# "Benchmarks"). The same rules are the production balancer's (README "Scaling out").
STUDENT_ACTION_METHODS = ("PUT", "POST")
STUDENT_ACTION_PATH = r"^(/api/quizzes/[^/]+/attempts|/quizzes/[^/]+|(/api)?/attempts/[^/]+/(responses/[^/]+|answer|submit))/$"
ACTION_HEAD_START_MS = 2000


def web_workers_split(total: int, hosts: int) -> list[int]:
    """The gunicorn workers of each host: one host's worth split between the hosts (the first
    hosts take the remainder, at least one each), so N hosts use the CPU one host would."""
    base, extra = divmod(total, hosts)
    return [max(1, base + (1 if index < extra else 0)) for index in range(hosts)]


@dataclass(frozen=True)
class ProxiedHost:
    name: str
    port: int
    # Its gunicorn workers: round robin sends it requests in proportion, and the proxy sends it no
    # more at once (maxconn), so the rest wait in the proxy's queue, where the students' actions get
    # their head start, and not in the host's listen backlog, which a sync worker serves in arrival order.
    weight: int


def haproxy_config(*, port: int, stats_port: int, hosts: list[ProxiedHost], action_head_start_ms: int = ACTION_HEAD_START_MS) -> str:
    """haproxy's configuration: one HTTP frontend on ``port`` balancing round robin over
    ``hosts`` (weighted by their workers, as many requests at once as they have workers, checked
    on HOST_HEALTH_PATH), the students' actions dequeued ``action_head_start_ms`` ahead of their
    arrival, and its statistics as CSV on ``stats_port`` (``/stats;csv``), where the requests each
    host served are read."""
    servers = "\n".join(
        f"    server {host.name} 127.0.0.1:{host.port} weight {host.weight} maxconn {host.weight} check inter 2s fall 3 rise 1"
        for host in hosts
    )
    return f"""\
# Written by tools/bench for one run; started as `haproxy -f <this file> -db` and stopped with it.
global
    maxconn 8192
    # Each request's line on haproxy's standard output (the run's haproxy.log), read by proxied_requests.
    log stdout format raw local0 info

defaults
    mode http
    maxconn 8192
    timeout connect 5s
    # Above gunicorn's --timeout 60: a slow request fails at the web host, as without the proxy.
    timeout client 120s
    timeout server 120s
    # A request waits here while its host's workers are busy (maxconn), at most as long as
    # gunicorn's own timeout, then 503.
    timeout queue 60s
    timeout http-request 30s
    # The check waits in the host's gunicorn backlog behind the requests in progress (not queued in
    # the proxy: checks do not count against maxconn), so under a burst it may take seconds on a
    # loaded machine (5 s and more were seen before maxconn kept the backlog short): a shorter timeout took
    # a busy but healthy host out of rotation and sent everything to the other. A dead host is
    # still seen at once (connection refused).
    timeout check 30s

frontend bench
    bind 127.0.0.1:{port}
    default_backend {PROXY_BACKEND}
    log global
    log-format "{REQUEST_LOG_FORMAT}"

backend {PROXY_BACKEND}
    balance roundrobin
    # One request per connection to a host: uvicorn closes an idle keep-alive connection after
    # gunicorn's --keep-alive (2 s), and a POST haproxy sent down one just as it closed failed
    # with "connection closed" (4 submits of a 500-student burst); haproxy does not retry a POST.
    option http-server-close
    acl student_action method {" ".join(STUDENT_ACTION_METHODS)}
    acl student_action_path path_reg {STUDENT_ACTION_PATH}
    http-request set-priority-offset int(-{action_head_start_ms}) if student_action student_action_path
    option httpchk
    http-check send meth GET uri {HOST_HEALTH_PATH} ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}

listen stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats
"""


def haproxy_stats(stats_port: int) -> str:
    """haproxy's ``/stats;csv`` from the listener haproxy_config puts on ``stats_port``."""
    with urllib.request.urlopen(f"http://127.0.0.1:{stats_port}/stats;csv", timeout=5) as response:
        return str(response.read().decode())


def haproxy_backend_rows(stats_csv: str) -> dict[str, dict[str, str]]:
    """The backend's rows of haproxy's ``/stats;csv`` by name: each server's, and BACKEND, its totals (``qcur``:
    requests waiting in its queue)."""
    reader = csv.DictReader(io.StringIO(stats_csv.lstrip("# ")))
    return {row["svname"]: row for row in reader if row.get("pxname") == PROXY_BACKEND and row.get("svname") not in {"FRONTEND", None}}


def haproxy_server_rows(stats_csv: str) -> dict[str, dict[str, str]]:
    """The backend's server rows of haproxy's ``/stats;csv``, by server name."""
    return {name: row for name, row in haproxy_backend_rows(stats_csv).items() if name != "BACKEND"}


def haproxy_requests(stats_csv: str) -> dict[str, int]:
    """HTTP requests each host has been sent so far (``req_tot``; ``stot``, its connections,
    where an older haproxy lacks it: gunicorn's sync workers close each connection after one
    request). Health checks count in neither."""
    return {name: int(row.get("req_tot") or row.get("stot") or 0) for name, row in haproxy_server_rows(stats_csv).items()}


# --- where a request's time went: the proxy's queue or the host ------------------------------------

# One line per request: accepted at (Unix ms), method, path, status, ms waiting in the proxy's queue
# (Tw), ms from sending it to the host to the host's response headers (Tr: the host's own time,
# its listen backlog included), ms in all (Ta). -1 where a phase never happened (a refused request).
REQUEST_LOG_FORMAT = "request %Ts%ms %HM %HP %ST %Tw %Tr %Ta"
_REQUEST_LINE = re.compile(r"^request (\d+) (\S+) (\S+) (\d+) (-?\d+) (-?\d+) (-?\d+)$")

# The locust students' request groups by what the proxy sees (tools/bench/locustfile.py names them):
# the page, the graded result and the fallback poll read the same URL, so the proxy sees one group.
_GROUPS = (
    ("start", "POST", re.compile(r"^/api/quizzes/[^/]+/attempts/$")),
    ("save", "PUT", re.compile(r"^/api/attempts/[^/]+/responses/[^/]+/$")),
    ("submit", "POST", re.compile(r"^/api/attempts/[^/]+/submit/$")),
    ("events", "GET", re.compile(r"^/api/attempts/[^/]+/events/$")),
    ("page, result, poll", "GET", re.compile(r"^/api/attempts/[^/]+/$")),
)
WAIT_GROUPS = tuple(name for name, _, _ in _GROUPS)


@dataclass(frozen=True)
class ProxiedRequest:
    at_ms: int
    group: str
    queue_ms: int
    host_ms: int


def request_group(method: str, path: str) -> str | None:
    """The students' request group of a request the proxy logged; None for anything else."""
    return next((name for name, verb, pattern in _GROUPS if method == verb and pattern.match(path)), None)


def proxied_requests(log_lines: Iterable[str]) -> list[ProxiedRequest]:
    """The students' requests in haproxy's log (REQUEST_LOG_FORMAT), skipping every other line
    (haproxy's own notices) and requests the host never answered (-1: counted as failures by the
    students' side)."""
    requests = []
    for line in log_lines:
        match = _REQUEST_LINE.match(line.strip())
        if match is None:
            continue
        at, method, path, _status, queue, host, _total = match.groups()
        group = request_group(method, path)
        if group is None or int(queue) < 0 or int(host) < 0:
            continue
        requests.append(ProxiedRequest(int(at), group, int(queue), int(host)))
    return requests
