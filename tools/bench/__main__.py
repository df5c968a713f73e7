"""``python -m tools.bench`` (``make bench``): run the benchmark scenarios and print one JSON document.

    make bench                                  # every scenario at its default size
    make bench SCENARIO=burst STUDENTS=50       # a quick check (under two minutes)
    make bench SCENARIO=burst HOSTS=2           # two web hosts behind haproxy (round robin)
    make bench SCENARIO=burst PROXY=1           # one web host behind haproxy, as production's balancer
    python -m tools.bench --scenario exam --duration 240

The process first checks DATABASE_URL / REDIS_URL, then re-executes itself with the
benchmark's own database and Redis database and production settings (DEBUG off), so that the
data preparation, the web server and the workers all see the same configuration.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# import first: run later in the same process it would find the generator's modules and
# gazetteers already loaded, and time less than a fresh import does.
SCENARIOS = ("import", "burst", "exam", "grading")
CHILD_FLAG = "STRATEGIKON_BENCH_PROCESS"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", choices=(*SCENARIOS, "all"), default="all", help="default: all, at their default sizes")
    parser.add_argument("--students", type=int, default=None, help="burst 500, exam 1000, grading 5000 (attempts) by default")
    parser.add_argument("--duration", type=float, default=None, help="exam only: fixed duration in seconds (default 600)")
    parser.add_argument(
        "--workers",
        type=int,
        action="append",
        default=None,
        help="Celery worker processes; repeat for several grading runs (default: one per core; 1 then 2 for grading)",
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        default=None,
        help="gunicorn workers in all, split between the hosts (default: cores + 1, or WEB_CONCURRENCY)",
    )
    parser.add_argument(
        "--hosts",
        type=int,
        default=1,
        help="web hosts (burst, exam): gunicorn processes with their own port and var/, behind haproxy when more than one",
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="one web host behind haproxy too (burst, exam), configured as README's production balancer: the students' actions ahead in its queue",
    )
    parser.add_argument("--profile", action="store_true", help="sample web and worker CPU with py-spy; summaries go next to the logs")
    parser.add_argument("--out", type=Path, default=Path("bench-results"), help="folder for the JSON and logs (git-ignored)")
    args = parser.parse_args(argv)
    if args.students is not None and args.students < 1:
        parser.error("--students must be at least 1")
    if args.hosts < 1:
        parser.error("--hosts must be at least 1")
    if args.web_workers is not None and args.web_workers < args.hosts:
        parser.error("--web-workers must give every host at least one")
    if args.web_workers is None and args.hosts > 1:
        from courseware.management.commands.run_platform import default_web_workers

        one_host = default_web_workers()
        if args.hosts > one_host:
            parser.error(
                f"--hosts {args.hosts}: one host's {one_host} web workers cannot give every host one;"
                f" say --web-workers {args.hosts} or more"
            )
    return args


def check_tools(args: argparse.Namespace) -> None:
    """Refuse at once, before any database work, when a tool the run needs is missing."""
    from tools.bench.stack import haproxy_find

    with_web = args.scenario in {"all", "burst", "exam"}
    if (args.hosts > 1 or args.proxy) and with_web:
        haproxy_find()


def _reexec_with_bench_environment(argv: list[str], args: argparse.Namespace) -> None:
    from tools.bench.stack import database_build_template, services_from_environment, stack_environment

    services = services_from_environment()
    env = stack_environment(services=services)
    logging.getLogger("tools.bench").info("migrating the benchmark template database %s", services.template_name)
    database_build_template(services=services, env=env)
    env[CHILD_FLAG] = "1"
    os.execve(sys.executable, [sys.executable, "-m", "tools.bench", *argv], env)  # noqa: S606 (ourselves, fixed argv)


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    # Django's logging config (LOG_LEVEL=WARNING for the measured processes) replaced ours:
    # the benchmark's own progress lines still go to stderr.
    _log_progress()
    from tools.bench import scenarios
    from tools.bench.stack import services_from_environment

    services = services_from_environment()
    env = dict(os.environ)
    env.pop(CHILD_FLAG, None)
    out_dir = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    duration = args.duration or scenarios.DEFAULT_EXAM_SECONDS
    names = SCENARIOS if args.scenario == "all" else (args.scenario,)
    results = []
    for name in names:
        if name == "import":
            options = scenarios.RunOptions(name, None, duration, 1, args.web_workers, out_dir, args.profile)
            results.append(scenarios.run_import(options=options, services=services))
        elif name == "grading":
            # One run per worker count; by default 1 and 2 processes, to show how grading scales.
            for workers in args.workers or [1, 2]:
                options = scenarios.RunOptions(name, args.students, duration, workers, args.web_workers, out_dir, args.profile)
                results.append(scenarios.run_grading(options=options, services=services, env=env))
        else:
            # Students' submissions are graded while they wait for the result: one worker process per core.
            workers = (args.workers or [os.cpu_count() or 1])[0]
            options = scenarios.RunOptions(
                name, args.students, duration, workers, args.web_workers, out_dir, args.profile, args.hosts, args.proxy
            )
            results.append(scenarios.run_students(options=options, services=services, env=env, exam=name == "exam"))
        print(json.dumps(results[-1]), file=sys.stderr)
    return results


def _log_progress() -> None:
    logger = logging.getLogger("tools.bench")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("bench %(asctime)s %(message)s"))
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    _log_progress()
    if os.environ.get(CHILD_FLAG) != "1":
        check_tools(args)
        _reexec_with_bench_environment(argv, args)
    results = run(args)
    document: Any = results[0] if len(results) == 1 else results
    text = json.dumps(document, indent=2)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"{stamp}-{args.scenario}.json"
    path.write_text(text + "\n")
    print(text)
    logging.getLogger("tools.bench").info("written to %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
