"""The proxy in front of several benchmark web "hosts": how one host's gunicorn workers are split
between them, the haproxy configuration the benchmark writes (round robin, health-checked), and the
requests each host was sent, read from haproxy's statistics."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

# The web hosts' health check behind the proxy: /healthz/web, the balancer's check (this host's
# database answers). /healthz also fails on a grading backlog, which a burst's last seconds
# may well have: checking it would take every host out of rotation exactly then.
HOST_HEALTH_PATH = "/healthz/web"
PROXY_BACKEND = "hosts"


def web_workers_split(total: int, hosts: int) -> list[int]:
    """The gunicorn workers of each host: one host's worth split between the hosts (the first
    hosts take the remainder, at least one each), so N hosts use the CPU one host would."""
    base, extra = divmod(total, hosts)
    return [max(1, base + (1 if index < extra else 0)) for index in range(hosts)]


@dataclass(frozen=True)
class ProxiedHost:
    name: str
    port: int
    weight: int  # its gunicorn workers: round robin sends it requests in proportion


def haproxy_config(*, port: int, stats_port: int, hosts: list[ProxiedHost]) -> str:
    """haproxy's configuration: one HTTP frontend on ``port`` balancing round robin over
    ``hosts`` (weighted by their workers, checked on HOST_HEALTH_PATH), and its statistics as
    CSV on ``stats_port`` (``/stats;csv``), where the requests each host served are read."""
    servers = "\n".join(f"    server {host.name} 127.0.0.1:{host.port} weight {host.weight} check inter 2s fall 3 rise 1" for host in hosts)
    return f"""\
# Written by tools/bench for one run; started as `haproxy -f <this file> -db` and stopped with it.
global
    maxconn 8192

defaults
    mode http
    maxconn 8192
    timeout connect 5s
    # Above gunicorn's --timeout 60: a slow request fails at the web host, as without the proxy.
    timeout client 120s
    timeout server 120s
    timeout queue 60s
    timeout http-request 30s
    # The check waits in the host's gunicorn backlog behind the students' requests, so under a
    # burst it takes as long as they do (5 s and more on a loaded machine): a shorter timeout took
    # a busy but healthy host out of rotation and sent everything to the other. A dead host is
    # still seen at once (connection refused).
    timeout check 30s

frontend bench
    bind 127.0.0.1:{port}
    default_backend {PROXY_BACKEND}

backend {PROXY_BACKEND}
    balance roundrobin
    # One request per connection to a host: uvicorn closes an idle keep-alive connection after
    # gunicorn's --keep-alive (2 s), and a POST haproxy sent down one just as it closed failed
    # with "connection closed" (4 submits of a 500-student burst); haproxy does not retry a POST.
    option http-server-close
    option httpchk
    http-check send meth GET uri {HOST_HEALTH_PATH} ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}

listen stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats
"""


def haproxy_server_rows(stats_csv: str) -> dict[str, dict[str, str]]:
    """The backend's server rows of haproxy's ``/stats;csv``, by server name."""
    reader = csv.DictReader(io.StringIO(stats_csv.lstrip("# ")))
    return {
        row["svname"]: row
        for row in reader
        if row.get("pxname") == PROXY_BACKEND and row.get("svname") not in {"FRONTEND", "BACKEND", None}
    }


def haproxy_requests(stats_csv: str) -> dict[str, int]:
    """HTTP requests each host has been sent so far (``req_tot``; ``stot``, its connections,
    where an older haproxy lacks it: gunicorn's sync workers close each connection after one
    request). Health checks count in neither."""
    return {name: int(row.get("req_tot") or row.get("stot") or 0) for name, row in haproxy_server_rows(stats_csv).items()}
