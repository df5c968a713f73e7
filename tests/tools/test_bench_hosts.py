"""The benchmark's multi-host and proxy modes (``--hosts N``, ``--proxy``; ``make bench HOSTS=N``,
``PROXY=1``), checked without starting anything: the haproxy configuration it writes, how it splits
the web workers, how it reads the requests each host served, and its refusal to run without
haproxy. tests/tools/test_bench_proxy_priority.py runs that configuration in a real haproxy."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tools.bench import stack as bench_stack
from tools.bench.__main__ import check_tools, parse_args
from tools.bench.proxy import (
    REQUEST_LOG_FORMAT,
    ProxiedHost,
    haproxy_config,
    haproxy_requests,
    proxied_requests,
    request_group,
    web_workers_split,
)
from tools.bench.scenarios import proxy_waits_summary, requests_between
from tools.bench.stack import HAPROXY_MISSING, BenchRefused, Stack, haproxy_find

# haproxy 2.6's /stats;csv, cut to the columns the benchmark reads (the real one has ~100): the
# stats listener, the frontend, and the backend's two servers and its own total.
STATS_CSV = """\
# pxname,svname,status,stot,req_tot,
bench,FRONTEND,OPEN,2301,2301,
hosts,host1,UP,1380,1380,
hosts,host2,UP,921,921,
hosts,BACKEND,UP,2301,2301,
stats,FRONTEND,OPEN,3,3,
stats,BACKEND,UP,0,,
"""


def _config_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_proxy_balances_http_round_robin_over_every_host_on_its_own_port() -> None:
    hosts = [ProxiedHost(name="host1", port=8101, weight=3), ProxiedHost(name="host2", port=8102, weight=2)]
    lines = _config_lines(haproxy_config(port=8100, stats_port=8199, hosts=hosts))
    assert "mode http" in lines
    assert "bind 127.0.0.1:8100" in lines
    assert "balance roundrobin" in lines
    servers = [line for line in lines if line.startswith("server ")]
    assert servers == [
        "server host1 127.0.0.1:8101 weight 3 maxconn 3 check inter 2s fall 3 rise 1",
        "server host2 127.0.0.1:8102 weight 2 maxconn 2 check inter 2s fall 3 rise 1",
    ]


def test_the_proxy_sends_a_host_no_more_requests_at_once_than_its_workers_and_gives_the_students_actions_a_head_start() -> None:
    lines = _config_lines(haproxy_config(port=8100, stats_port=8199, hosts=[ProxiedHost(name="host1", port=8101, weight=3)]))
    assert "maxconn 3" in next(line for line in lines if line.startswith("server host1 "))
    assert "acl student_action method PUT POST" in lines
    assert (
        r"acl student_action_path path_reg ^(/api/quizzes/[^/]+/attempts|/quizzes/[^/]+|(/api)?/attempts/[^/]+/(responses/[^/]+|answer|submit))/$"
        in lines
    )
    assert "http-request set-priority-offset int(-2000) if student_action student_action_path" in lines


def test_the_proxy_checks_each_host_on_the_balancers_health_check_not_the_platforms() -> None:
    # /healthz also fails on a grading backlog, which would take every host out at a burst's end.
    lines = _config_lines(haproxy_config(port=8100, stats_port=8199, hosts=[ProxiedHost(name="host1", port=8101, weight=1)]))
    assert "option httpchk" in lines
    assert "http-check send meth GET uri /healthz/web ver HTTP/1.1 hdr Host 127.0.0.1" in lines
    assert "http-check expect status 200" in lines
    # The check queues behind the students' requests: a busy host must not count as a dead one.
    assert "timeout check 30s" in lines


def test_the_proxy_publishes_its_counters_on_the_stats_port_and_never_daemonises() -> None:
    text = haproxy_config(port=8100, stats_port=8199, hosts=[ProxiedHost(name="host1", port=8101, weight=1)])
    lines = _config_lines(text)
    assert "bind 127.0.0.1:8199" in lines and "stats uri /stats" in lines
    # Started with -db in the foreground and stopped with the stack: no daemon, no pid file.
    assert "daemon" not in lines and "pidfile" not in text


def test_the_proxy_logs_each_students_request_on_its_standard_output_in_the_format_the_benchmark_reads() -> None:
    lines = _config_lines(haproxy_config(port=8100, stats_port=8199, hosts=[ProxiedHost(name="host1", port=8101, weight=3)]))
    assert "log stdout format raw local0 info" in lines
    assert f'log-format "{REQUEST_LOG_FORMAT}"' in lines
    # the statistics the benchmark polls are not logged: only the frontend says "log global"
    assert lines.count("log global") == 1 and lines.index("log global") > lines.index("frontend bench")


# Lines as haproxy 2.6 writes them with REQUEST_LOG_FORMAT, among its own notices.
HAPROXY_LOG = """\
[NOTICE]   (1234) : New worker (1235) forked
request 1733320000100 POST /api/quizzes/7/attempts/ 201 240 26 266
request 1733320000200 PUT /api/attempts/5/responses/9/ 200 0 5 5
request 1733320000300 PUT /api/attempts/5/responses/9/ 200 168 7 175
request 1733320000400 GET /api/attempts/5/ 200 31 15 46
request 1733320000500 GET /api/attempts/5/events/ 200 28 6 34
request 1733320000600 POST /api/attempts/5/submit/ 202 3 8 11
request 1733320000700 POST /api/attempts/5/responses/9/flag/ 200 0 4 4
request 1733320000800 PUT /api/attempts/5/responses/9/ 503 60000 -1 -1
request 1733320009999 PUT /api/attempts/6/responses/2/ 200 900 9 909
"""


@pytest.mark.parametrize(
    ("method", "path", "group"),
    [
        ("POST", "/api/quizzes/7/attempts/", "start"),
        ("PUT", "/api/attempts/5/responses/9/", "save"),
        ("POST", "/api/attempts/5/submit/", "submit"),
        ("GET", "/api/attempts/5/events/", "events"),
        ("GET", "/api/attempts/5/", "page, result, poll"),
        ("POST", "/api/attempts/5/responses/9/flag/", None),  # no student of the benchmark flags
        ("GET", "/api/quizzes/7/attempts/", None),  # a list, not a start
        ("GET", "/healthz/web", None),
    ],
)
def test_the_proxys_requests_fall_in_the_students_request_groups(method: str, path: str, group: str | None) -> None:
    assert request_group(method, path) == group


def test_the_log_gives_each_students_request_its_queue_and_host_time_and_leaves_out_the_rest() -> None:
    requests = proxied_requests(HAPROXY_LOG.splitlines())
    assert [(r.group, r.queue_ms, r.host_ms) for r in requests] == [
        ("start", 240, 26),
        ("save", 0, 5),
        ("save", 168, 7),
        ("page, result, poll", 31, 15),
        ("events", 28, 6),
        ("submit", 3, 8),
        # the flag is no group's; the 503 never reached a host (the students count it as a failure)
        ("save", 900, 9),
    ]
    assert requests[0].at_ms == 1733320000100


def test_the_waits_summary_counts_only_the_timed_window_and_splits_queue_from_host() -> None:
    requests = proxied_requests(HAPROXY_LOG.splitlines())
    lines = proxy_waits_summary(requests, since_ms=1733320000000, until_ms=1733320001000).splitlines()
    rows = {line[:20].strip(): line[20:].split() for line in lines[1:]}
    assert list(rows) == ["start", "save", "submit", "events", "page, result, poll"]
    # n, then queue p50 / p95 / max, then host p50 / p95 / max (the save outside the window is left out)
    assert rows["save"] == ["2", "0", "/", "168", "/", "168", "5", "/", "7", "/", "7"]
    assert rows["start"] == ["1", "240", "/", "240", "/", "240", "26", "/", "26", "/", "26"]


def test_the_requests_each_host_served_come_from_its_server_row_only() -> None:
    assert haproxy_requests(STATS_CSV) == {"host1": 1380, "host2": 921}


def test_a_haproxy_without_request_counts_per_server_falls_back_to_its_connections() -> None:
    # gunicorn's sync workers close the connection after each request: one connection, one request.
    older = "# pxname,svname,status,stot,req_tot,\nhosts,host1,UP,40,,\nhosts,host2,UP,38,,\nhosts,BACKEND,UP,78,78,\n"
    assert haproxy_requests(older) == {"host1": 40, "host2": 38}


def test_the_json_counts_only_the_requests_between_the_two_readings() -> None:
    assert requests_between({"host1": 16, "host2": 10}, {"host1": 1396, "host2": 930}) == {"host1": 1380, "host2": 920}
    assert requests_between(None, None) is None  # one host, no proxy: nothing counted per host


@pytest.mark.parametrize(
    ("total", "hosts", "split"),
    [(5, 1, [5]), (5, 2, [3, 2]), (6, 2, [3, 3]), (7, 3, [3, 2, 2]), (1, 2, [1, 1])],
)
def test_the_hosts_share_the_web_workers_one_host_would_have(total: int, hosts: int, split: list[int]) -> None:
    assert web_workers_split(total, hosts) == split


def test_each_host_has_its_own_port_var_directory_and_environment(tmp_path: Path) -> None:
    stack = Stack(env={"SECRET_KEY": "same-everywhere"}, log_dir=tmp_path, web_workers=5, hosts=2)
    first, second = stack.web_hosts
    assert stack.proxied
    assert len({stack.port, first.port, second.port}) == 3  # the proxy's and each host's
    assert (first.name, first.web_workers, second.name, second.web_workers) == ("host1", 3, "host2", 2)
    envs = [stack.host_environment(host) for host in stack.web_hosts]
    assert [env["STRATEGIKON_VAR_DIR"] for env in envs] == [str(tmp_path / "host1" / "var"), str(tmp_path / "host2" / "var")]
    assert all(env["SECRET_KEY"] == "same-everywhere" for env in envs)  # sessions signed on one host verify on another


def test_one_host_is_served_directly_without_a_proxy(tmp_path: Path) -> None:
    stack = Stack(env={}, log_dir=tmp_path, web_workers=5)
    (host,) = stack.web_hosts
    assert not stack.proxied
    assert stack.base_url == host.base_url and host.web_workers == 5
    assert stack.host_requests() is None


def test_one_host_behind_the_proxy_is_reached_through_it(tmp_path: Path) -> None:
    stack = Stack(env={}, log_dir=tmp_path, web_workers=3, behind_proxy=True)
    (host,) = stack.web_hosts
    assert stack.proxied
    assert host.web_workers == 3
    assert host.port != stack.port  # the students talk to the proxy's port, the proxy to the host's


def test_without_haproxy_it_refuses_saying_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(BenchRefused) as refused:
        haproxy_find(search_path=str(tmp_path))
    assert str(refused.value) == HAPROXY_MISSING
    assert "apt-get install -y haproxy" in HAPROXY_MISSING


def test_it_finds_haproxy_on_the_search_path(tmp_path: Path) -> None:
    executable = tmp_path / "haproxy"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(executable.stat().st_mode | stat.S_IXUSR)
    assert haproxy_find(search_path=str(tmp_path)) == str(executable)


def test_several_hosts_without_haproxy_are_refused_before_any_database_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_stack, "HAPROXY_SEARCH_PATH", str(tmp_path))
    with pytest.raises(BenchRefused, match="apt-get install -y haproxy"):
        check_tools(parse_args(["--scenario", "burst", "--hosts", "2"]))
    with pytest.raises(BenchRefused, match="apt-get install -y haproxy"):
        check_tools(parse_args(["--scenario", "exam", "--proxy"]))
    # One host needs no proxy, and grading starts no web server at all.
    check_tools(parse_args(["--scenario", "burst"]))
    check_tools(parse_args(["--scenario", "grading", "--hosts", "2"]))


@pytest.mark.parametrize("argv", [["--hosts", "0"], ["--hosts", "3", "--web-workers", "2"]], ids=["no-host", "a-host-without-workers"])
def test_it_rejects_a_web_tier_that_cannot_serve(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(argv)
    assert exited.value.code == 2


def test_more_hosts_than_one_hosts_workers_are_refused_saying_how_many_workers_to_give(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert parse_args(["--hosts", "3"]).hosts == 3
    with pytest.raises(SystemExit):
        parse_args(["--hosts", "4"])
    assert "say --web-workers 4 or more" in capsys.readouterr().err
    assert parse_args(["--hosts", "4", "--web-workers", "4"]).web_workers == 4
