"""The four scenarios and the one JSON shape they all report.

Every result has exactly these keys (null where a scenario has no such measurement):
scenario, students, cores, requests, failures, latency_ms {start, page, save, submit, events,
result, poll: {p50, p95, p99}}, grading_ms {p50, p95, max}, graded_per_s, lost, duplicates,
result_visible_ms {p50, p95, max}, result_via {events, poll, submit, none}, web_server,
cpu_s {web, worker}, seconds, hosts, web_workers_per_host {host1: n, ...},
requests_per_host {host1: n, ...} (the last only behind the proxy, from its statistics).

Grading figures come from the database timestamps (submitted_at -> graded_at), not from the
clients, so they are the same whichever way an attempt was submitted. ``result_visible_ms`` is
the students' side (burst, exam): from each submit response to the graded result on the screen,
learnt as the result page learns it (``tools.bench.push``); ``result_via`` counts the submissions
by what showed them the result first (the push endpoint's ``graded`` and the fetch it triggers,
the page's 10 s fallback poll, the submit response itself, or nothing within the timeout), and
``web_server`` says which server the push endpoint ran on: ``wsgi`` (answers at once, the client
asks again after its ``retry:``) or ``asgi`` (holds the stream until the grade).
"""

from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from tools.bench import data
from tools.bench.profiles import summarise_all
from tools.bench.proxy import WAIT_GROUPS, ProxiedRequest, proxied_requests
from tools.bench.push import VIAS
from tools.bench.stack import REPO, BenchServices, Stack, cpu_used, database_reset, machine_cpu_split, redis_reset

logger = logging.getLogger("tools.bench")

# events: each request to the push endpoint (on ASGI it lasts until the grade or the wait's end);
# result: the fetch its "graded" triggers; poll: the result page's 10 s fallback.
GROUPS = ("start", "page", "save", "submit", "events", "result", "poll")
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# A scenario's attempts that make no grading progress for this long are counted as lost.
DRAIN_STALL_SECONDS = 30.0

DEFAULT_STUDENTS = {"burst": 500, "exam": 1000, "grading": 5000, "import": None}
DEFAULT_EXAM_SECONDS = 600
BURST_QUESTIONS = 20
EXAM_QUESTIONS, EXAM_PER_PAGE = 16, 2


@dataclass(frozen=True)
class RunOptions:
    scenario: str
    students: int | None
    duration: float
    worker_processes: int
    web_workers: int | None
    out_dir: Path
    profile: bool = False
    hosts: int = 1  # web hosts; more than one are put behind haproxy
    proxy: bool = False  # haproxy in front of one host too


def percentiles(values: list[float], points: tuple[int, ...] = (50, 95, 99)) -> dict[str, float] | None:
    """Nearest-rank percentiles in ms, one decimal; None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    return {f"p{p}": round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 1) for p in points}


def result_skeleton(scenario: str, students: int | None) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "students": students,
        "cores": os.cpu_count(),
        "requests": None,
        "failures": None,
        "latency_ms": dict.fromkeys(GROUPS),
        "grading_ms": None,
        "graded_per_s": None,
        "lost": None,
        "duplicates": None,
        "result_visible_ms": None,
        "result_via": None,
        "web_server": None,
        "cpu_s": {"web": None, "worker": None},
        "seconds": None,
        # The web tier: how many hosts, each one's gunicorn workers, and (behind the proxy) the
        # requests each served during the timed run, so a reader sees the load was spread.
        "hosts": None,
        "proxy": None,
        "web_workers_per_host": None,
        "requests_per_host": None,
    }


# --- grading figures from the database ---------------------------------------------------------------


def wait_for_grading(*, quiz_id: int, stall_seconds: float = DRAIN_STALL_SECONDS) -> None:
    """Return once no submitted attempt of the quiz waits for a grade, or progress has stalled."""
    from quizzes.models import Attempt

    waiting_states = [Attempt.State.SUBMITTED, Attempt.State.GRADING]
    last, last_change = -1, time.monotonic()
    while True:
        waiting = Attempt.objects.filter(quiz_id=quiz_id, state__in=waiting_states).count()
        if waiting == 0:
            return
        if waiting != last:
            last, last_change = waiting, time.monotonic()
        elif time.monotonic() - last_change > stall_seconds:
            logger.warning("%s attempts made no grading progress for %.0f s: counted as lost", waiting, stall_seconds)
            return
        time.sleep(0.25)


def grading_figures(*, quiz_id: int) -> dict[str, Any]:
    from quizzes.models import Attempt

    rows = list(
        Attempt.objects.filter(quiz_id=quiz_id, submitted_at__isnull=False).values_list("state", "submitted_at", "graded_at", "grade_count")
    )
    graded = [(s, g) for state, s, g, _ in rows if state == Attempt.State.GRADED and s is not None and g is not None]
    figures: dict[str, Any] = {
        "grading_ms": None,
        "graded_per_s": None,
        "lost": sum(1 for state, *_ in rows if state != Attempt.State.GRADED),
        # No regrade runs during a benchmark, so any second grade is a duplicate.
        "duplicates": sum(1 for *_, count in rows if count > 1),
    }
    if graded:
        delays = sorted((g - s).total_seconds() * 1000 for s, g in graded)
        spread = percentiles(delays, (50, 95)) or {}
        figures["grading_ms"] = {"p50": spread["p50"], "p95": spread["p95"], "max": round(delays[-1], 1)}
        window = (max(g for _, g in graded) - min(s for s, _ in graded)).total_seconds()
        figures["graded_per_s"] = round(len(graded) / window, 1) if window > 0 else None
    return figures


# --- locust --------------------------------------------------------------------------------------------


def locust_run(*, stack: Stack, plan: dict[str, Any], users: int, spawn_rate: float, run_time: float, work_dir: Path) -> dict[str, Any]:
    """Run locust headless in its own process and return the latencies its students recorded."""
    plan_path, out_path = work_dir / "plan.json", work_dir / "locust-out.json"
    plan_path.write_text(json.dumps(plan))
    out_path.unlink(missing_ok=True)
    argv = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", stack.base_url,
        "-u", str(users), "-r", f"{spawn_rate:.3f}", "--run-time", f"{math.ceil(run_time)}s", "--stop-timeout", "0",
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**stack.env, "BENCH_PLAN": str(plan_path), "BENCH_OUT": str(out_path)}
    with (work_dir / "locust.log").open("ab") as log:
        completed = subprocess.run(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, check=False, timeout=run_time + 120)
    if not out_path.exists():
        raise RuntimeError(f"locust exited with {completed.returncode} and wrote no results; see {work_dir / 'locust.log'}")
    out: dict[str, Any] = json.loads(out_path.read_text())
    if out.get("timeline"):
        summary = timeline_summary(out["timeline"])
        (work_dir / "timeline.txt").write_text(summary + "\n")
        logger.info("requests and p95 ms per 10 s of the run (also in %s):\n%s", work_dir / "timeline.txt", summary)
    if out.get("errors"):
        logger.warning("request failures (first kinds): %s", dict(list(out["errors"].items())[:5]))
    return out


def timeline_summary(timeline: dict[str, list[list[float]]], *, window: float = 10.0) -> str:
    """Requests and p95 latency per request group in each ``window`` seconds of the run, as text.

    Not part of the JSON (its keys are fixed): a diagnostic that shows whether the slow requests
    of a run came at its start, its end or throughout.
    """
    lines = [f"{'seconds':>9} " + " ".join(f"{g + ' n/p95':>16}" for g in GROUPS)]
    end = max((t for points in timeline.values() for t, _ in points), default=0.0)
    for start in range(0, int(end) + 1, int(window)):
        cells = []
        for group in GROUPS:
            values = [ms for t, ms in timeline.get(group, []) if start <= t < start + window]
            spread = percentiles(values, (95,))
            cells.append(f"{len(values):>7} / {spread['p95']:>6.0f}" if spread else f"{'-':>16}")
        lines.append(f"{start:>4}-{start + int(window):<4} " + " ".join(f"{c:>16}" for c in cells))
    return "\n".join(lines)


def proxy_waits_summary(requests: list[ProxiedRequest], *, since_ms: int, until_ms: int) -> str:
    """Per request group, of the requests the proxy accepted in [since_ms, until_ms): how many, and
    p50 / p95 / max of the ms each waited in the proxy's queue and spent at the host, as text.

    Not part of the JSON (its keys are fixed), like the timeline: it says whether a slow p95 came
    from waiting for a free worker (the hosts saturated) or from the requests themselves.
    """
    lines = [f"{'group':<20} {'n':>6}  {'queue p50/p95/max ms':>22}  {'host p50/p95/max ms':>22}"]
    for group in WAIT_GROUPS:
        chosen = [r for r in requests if r.group == group and since_ms <= r.at_ms < until_ms]
        if not chosen:
            continue
        cells = []
        for values in ([float(r.queue_ms) for r in chosen], [float(r.host_ms) for r in chosen]):
            spread = percentiles(values, (50, 95, 100))
            assert spread is not None  # chosen is not empty
            cells.append(f"{spread['p50']:.0f} / {spread['p95']:.0f} / {spread['p100']:.0f}")
        lines.append(f"{group:<20} {len(chosen):>6}  {cells[0]:>22}  {cells[1]:>22}")
    return "\n".join(lines)


def result_visible_figures(visible: list[list[Any]]) -> dict[str, Any]:
    """``result_visible_ms`` and ``result_via`` from the students' [ms or None, via] pairs (one
    per submission); a submission never shown counts in ``via`` only."""
    shown = sorted(float(ms) for ms, _ in visible if ms is not None)
    spread = percentiles(shown, (50, 95))
    via = {name: 0 for name in VIAS}
    for _, name in visible:
        via[name] += 1
    return {
        "result_visible_ms": {"p50": spread["p50"], "p95": spread["p95"], "max": round(shown[-1], 1)} if spread else None,
        "result_via": via if visible else None,
    }


def web_server_name(environ: Mapping[str, str] = os.environ) -> str:
    """The server the web hosts run (``tools.bench.stack`` starts what ``WEB_SERVER`` says)."""
    return environ.get("WEB_SERVER") or "wsgi"


def _fill_requests(result: dict[str, Any], out: dict[str, Any]) -> None:
    latencies: dict[str, list[float]] = out["latencies"]
    failures: dict[str, int] = out["failures"]
    result["requests"] = sum(len(v) for v in latencies.values()) + sum(failures.values())
    result["failures"] = sum(failures.values())
    result["latency_ms"] = {group: percentiles(latencies.get(group, [])) for group in GROUPS}
    result.update(result_visible_figures(out.get("visible", [])))


# --- the scenarios ---------------------------------------------------------------------------------------


def _profile_start(stack: Stack, options: RunOptions) -> None:
    if options.profile:
        stack.profile_start()


def _profile_finish(stack: Stack, options: RunOptions, work_dir: Path) -> None:
    if not options.profile:
        return
    files = stack.profile_stop()
    summary = work_dir / "profile-summary.txt"
    summary.write_text(summarise_all(files) + "\n")
    logger.info("CPU profiles summarised in %s", summary)


def _log_load(scenario: str, moment: str, since: Any = None) -> Any:
    """Log how busy the machine is; given the start's reading (what this returns), also how its CPU time went
    since. The figures are only comparable on an otherwise idle machine, and between runs on machines that
    were not lent elsewhere meanwhile (steal)."""
    one, five, _ = os.getloadavg()
    now = psutil.cpu_times()
    split = machine_cpu_split(since, now) if since is not None else None
    logger.info(
        "%s %s: load average %.1f (1 min), %.1f (5 min) on %s cores%s",
        scenario, moment, one, five, os.cpu_count(),
        "; the machine's CPU since the start: " + ", ".join(f"{name} {share} %" for name, share in split.items()) if split else "",
    )  # fmt: skip
    return now


def _fresh(services: BenchServices) -> None:
    database_reset(services=services)
    redis_reset(services=services)


def run_students(*, options: RunOptions, services: BenchServices, env: dict[str, str], exam: bool) -> dict[str, Any]:
    """burst or exam: students drive the REST API through locust."""
    scenario = "exam" if exam else "burst"
    students = options.students or DEFAULT_STUDENTS[scenario] or 0
    work_dir = options.out_dir / f"work-{scenario}"
    work_dir.mkdir(parents=True, exist_ok=True)
    _fresh(services)
    questions, per_page = (EXAM_QUESTIONS, EXAM_PER_PAGE) if exam else (BURST_QUESTIONS, 0)
    logger.info("%s: preparing %s students and a %s-question quiz", scenario, students, questions)
    classroom = data.classroom_prepare(students=students, questions=questions, questions_per_page=per_page)
    stack = Stack(
        env=env,
        log_dir=work_dir,
        worker_processes=options.worker_processes,
        hosts=options.hosts,
        behind_proxy=options.proxy,
        **_web(options),
    )
    stack.start()
    try:
        stack.warm_up(token=classroom.tokens[0])
        result_timeout = 60.0
        plan: dict[str, Any] = {
            "tokens": classroom.tokens,
            "quiz_id": classroom.quiz_id,
            "questions_per_page": per_page,
            "think": [30.0, 90.0] if exam else [1.0, 3.0],
            "result_timeout": result_timeout,
            "once": not exam,
            "users": students,
        }
        if exam:
            # A fixed duration; students arrive over the first minute (or quarter of the run).
            run_time, spawn_rate = options.duration, students / min(60.0, options.duration / 4)
        else:
            # All students start within 10 s; the cap leaves room for 3 s per question and the result.
            run_time, spawn_rate = 10 + questions * 3 + result_timeout + 60, students / 10.0
        logger.info(
            "%s: %s students against %s (%s web workers: %s; %s worker processes)",
            scenario,
            students,
            stack.base_url + (" via haproxy" if stack.proxied else ""),
            stack.web_workers,
            ", ".join(f"{host.name} {host.web_workers}" for host in stack.web_hosts),
            stack.worker_processes,
        )
        _profile_start(stack, options)
        machine = _log_load(scenario, "start")
        before, requests_before = stack.cpu_snapshot(), stack.host_requests()
        started, started_ms = time.monotonic(), int(time.time() * 1000)
        out = locust_run(stack=stack, plan=plan, users=students, spawn_rate=spawn_rate, run_time=run_time, work_dir=work_dir)
        requests_after, ended_ms = stack.host_requests(), int(time.time() * 1000)
        wait_for_grading(quiz_id=classroom.quiz_id)
        seconds = time.monotonic() - started
        cpu = cpu_used(before, stack.cpu_snapshot())
        _log_load(scenario, "end", since=machine)
        _profile_finish(stack, options, work_dir)
    finally:
        stack.stop()
    if stack.proxied:
        _proxy_waits_write(work_dir, since_ms=started_ms, until_ms=ended_ms)
    result = result_skeleton(scenario, students)
    _fill_requests(result, out)
    result.update(grading_figures(quiz_id=classroom.quiz_id))
    proxy_cpu = cpu.pop("proxy", None)
    if stack.proxied:
        logger.info("%s: haproxy used %s CPU seconds", scenario, proxy_cpu)
    result["cpu_s"], result["seconds"] = cpu, round(seconds, 1)
    result["hosts"] = len(stack.web_hosts)
    result["proxy"] = "haproxy" if stack.proxied else None
    result["web_server"] = web_server_name()
    result["web_workers_per_host"] = {host.name: host.web_workers for host in stack.web_hosts}
    result["requests_per_host"] = requests_between(requests_before, requests_after)
    return result


def _proxy_waits_write(work_dir: Path, *, since_ms: int, until_ms: int) -> None:
    """Where the timed requests' time went behind the proxy (its queue or the host), from the
    haproxy.log this run appended to, into proxy-waits.txt and the log."""
    log = work_dir / "haproxy.log"
    with log.open(encoding="utf-8", errors="replace") as lines:
        summary = proxy_waits_summary(proxied_requests(lines), since_ms=since_ms, until_ms=until_ms)
    (work_dir / "proxy-waits.txt").write_text(summary + "\n")
    logger.info("where the requests' time went, the proxy's queue or the host (also in %s):\n%s", work_dir / "proxy-waits.txt", summary)


def requests_between(before: dict[str, int] | None, after: dict[str, int] | None) -> dict[str, int] | None:
    """Requests each host served between two readings of the proxy's counters (None without a proxy)."""
    if before is None or after is None:
        return None
    return {name: count - before.get(name, 0) for name, count in after.items()}


def run_grading(*, options: RunOptions, services: BenchServices, env: dict[str, str]) -> dict[str, Any]:
    """N answered attempts submitted in one go; the workers drain the queue."""
    students = options.students or DEFAULT_STUDENTS["grading"] or 0
    work_dir = options.out_dir / f"work-grading-{options.worker_processes}"
    work_dir.mkdir(parents=True, exist_ok=True)
    _fresh(services)
    logger.info("grading: preparing %s answered attempts of %s questions", students, BURST_QUESTIONS)
    classroom = data.classroom_prepare(students=students, questions=BURST_QUESTIONS)
    attempt_ids = data.attempts_prepare_answered(classroom=classroom)
    stack = Stack(env=env, log_dir=work_dir, worker_processes=options.worker_processes, with_web=False)
    stack.start()
    try:
        logger.info("grading: queueing %s attempts for %s worker process(es)", len(attempt_ids), options.worker_processes)
        _profile_start(stack, options)
        machine = _log_load("grading", "start")
        before = stack.cpu_snapshot()
        started = time.monotonic()
        queued = data.attempts_submit_all_at_once(attempt_ids=attempt_ids)
        if queued != len(attempt_ids):
            logger.warning("only %s of %s grading tasks could be published", queued, len(attempt_ids))
        wait_for_grading(quiz_id=classroom.quiz_id)
        seconds = time.monotonic() - started
        cpu = cpu_used(before, stack.cpu_snapshot())
        _log_load("grading", "end", since=machine)
        _profile_finish(stack, options, work_dir)
    finally:
        stack.stop()
    result = result_skeleton("grading", students)
    result.update(grading_figures(quiz_id=classroom.quiz_id))
    result["cpu_s"] = {"web": None, "worker": cpu["worker"]}
    result["seconds"] = round(seconds, 1)
    return result


def run_import(*, options: RunOptions, services: BenchServices) -> dict[str, Any]:
    """Import the seed paper and generate its questions, inline, on an empty database."""
    import cProfile
    import io
    import pstats

    from quizzes.models import Question

    _fresh(services)
    profiler = cProfile.Profile() if options.profile else None
    started = time.monotonic()
    if profiler:
        profiler.enable()
    _reading, bank = data.seed_paper_import_and_generate()
    if profiler:
        profiler.disable()
    seconds = time.monotonic() - started
    logger.info("import: %s questions generated in %.2f s", Question.objects.filter(bank=bank).count(), seconds)
    if profiler:
        work_dir = options.out_dir / "work-import"
        work_dir.mkdir(parents=True, exist_ok=True)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        (work_dir / "profile-import.txt").write_text(text.getvalue())
        logger.info("import profile (cProfile, so slower than the timed run) in %s", work_dir / "profile-import.txt")
    result = result_skeleton("import", None)
    result["seconds"] = round(seconds, 2)
    return result


def _web(options: RunOptions) -> dict[str, Any]:
    return {"web_workers": options.web_workers} if options.web_workers else {}
