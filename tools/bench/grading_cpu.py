"""CPU and statements per graded attempt, measured in one process so that other load on the
machine does not change the figures (wall-clock drains do): the grading scenario's data (the
seed paper's bank, 20-question attempts, about 60 % right, all submitted, every student new),
graded batch by batch with the grading service, as a worker's messages do.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_helper \
        .venv/bin/python -m tools.bench.grading_cpu --prepare 2000   # once: <name>_template
    DATABASE_URL=... .venv/bin/python -m tools.bench.grading_cpu [--profile out.pstats]

Each run copies ``<name>`` afresh from ``<name>_template`` (so every run grades the same
attempts from the same state), then reports per attempt: this process's CPU
(``time.process_time``), the PostgreSQL backend's CPU (its ``/proc`` counters, so only with the
server on this machine), statements, and a digest of every grade, response and mastery row
written (equal digests: identical results). ``--profile`` writes cProfile's statistics of the
grading (the CPU figures then include the profiler's own cost).

Instructions, which other load disturbs not at all: the difference between two runs under
``valgrind --tool=callgrind`` (its "Collected" total), ``--batches 4 --no-digest`` and
``--batches 0 --no-digest``, divided by the attempts of 4 batches.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

import django


def _pg_admin(sql: str) -> None:
    """A statement run from the server's maintenance database (creating and dropping ours)."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **_server()) as conn:
        conn.execute(sql)  # type: ignore[arg-type]  # our own names, never input


def _server() -> dict[str, Any]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return {k: v for k, v in {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"]}.items() if v}


def _prepare(name: str, students: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from quizzes.models import Attempt
    from tools.bench import data

    template = f"{name}_template"
    connection.close()
    _pg_admin(f'DROP DATABASE IF EXISTS "{template}"')
    _pg_admin(f'CREATE DATABASE "{template}"')
    connection.settings_dict["NAME"] = template
    call_command("migrate", verbosity=0)
    classroom = data.classroom_prepare(students=students, questions=20)
    attempt_ids = data.attempts_prepare_answered(classroom=classroom)
    # Submitted as the scenario submits them, without publishing messages: the run grades them.
    Attempt.objects.filter(pk__in=attempt_ids).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())
    connection.close()
    print(f"prepared {len(attempt_ids)} submitted attempts in {template}")


def _backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _digest() -> str:
    """Every value grading writes, in a stable order (the run's own instants left out, which
    differ by construction)."""
    from quizzes.models import Attempt, FactMastery, Response, TopicMastery

    h = hashlib.sha256()
    tables: list[Any] = [
        Attempt.objects.order_by("id").values_list(
            "id", "state", "score", "max_score", "marking_pending", "grade_count", "progress_recorded"
        ),
        Response.objects.order_by("id").values_list("id", "points", "max_points", "fraction", "feedback", "grading_rules"),
        TopicMastery.objects.order_by("user_id", "topic").values_list("user_id", "topic", "answered", "credit", "mastery"),
    ]
    for rows in tables:
        for row in rows:
            h.update(repr(row).encode())
    facts = FactMastery.objects.order_by("user_id", "fact_id").values_list("user_id", "fact_id", "answered", "correct", "mastery", "card")
    for *values, card in facts:
        # The card's due and last review are the run's instants.
        h.update(repr((values, sorted((k, v) for k, v in (card or {}).items() if k not in ("due", "last_review")))).encode())
    return h.hexdigest()[:16]


def _run(name: str, profile: str | None, limit: int | None, batches: int | None, *, digest: bool = True) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quizzes.models import Attempt
    from quizzes.services.grading import attempts_grade_batch

    connection.close()
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{name}_template"')
    # A first batch outside the measurement: imports, connection, caches (a worker's first task).
    attempts_grade_batch(limit=limit)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    gc.collect()
    gc.freeze()  # as a worker process does after its first task (config.celery)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU, not the waits for the server
    graded = 0
    by_statement: dict[str, list[float]] = {}

    def backend_cpu_of(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        # The backend's CPU counters move in clock ticks: summed over many batches, each kind
        # of statement gets its share.
        before = _backend_cpu(backend)
        try:
            return execute(sql, params, many, context)
        finally:
            kind = " ".join(sql.split()[:4])[:60]
            entry = by_statement.setdefault(kind, [0, 0.0])
            entry[0] += 1
            entry[1] += _backend_cpu(backend) - before

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(backend_cpu_of):
        cpu0, pg0, wall0 = time.process_time(), _backend_cpu(backend), time.perf_counter()
        if profiler:
            profiler.enable()
        ran_dry = False
        for _ in itertools.repeat(None) if batches is None else range(batches):
            batch = attempts_grade_batch(limit=limit)
            if not batch:
                ran_dry = True
                break
            graded += len(batch)
        if profiler:
            profiler.disable()
        cpu1, pg1, wall1 = time.process_time(), _backend_cpu(backend), time.perf_counter()
    # The last, empty claim is one more statement than the batches' own.
    statements = len(queries) - int(ran_dry)
    graded = graded or 1  # nothing graded (--batches 0): the figures are zero
    if profiler and profile:
        profiler.dump_stats(profile)
    for kind, (count, seconds) in sorted(by_statement.items(), key=lambda item: -item[1][1]):
        print(f"  {seconds / graded * 1000:7.3f} ms/attempt  {count:5d}  {kind}")
    outside = (pg1 - pg0) - sum(seconds for _, seconds in by_statement.values())
    print(f"  {outside / graded * 1000:7.3f} ms/attempt         outside the statements (COMMIT: deferred foreign key checks, WAL)")
    left = Attempt.objects.exclude(state=Attempt.State.GRADED).count()
    print(
        f"graded {graded} (left {left}) in batches of {limit or 'default'}: "
        f"worker CPU {(cpu1 - cpu0) / graded * 1000:.3f} ms/attempt, PostgreSQL backend CPU {(pg1 - pg0) / graded * 1000:.3f} ms/attempt, "
        f"statements {statements / graded:.3f}/attempt ({statements}), wall {(wall1 - wall0) / graded * 1000:.3f} ms/attempt; "
        f"digest {_digest() if digest else 'not made'}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--prepare", type=int, metavar="STUDENTS", help="make <name>_template with this many submitted attempts")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile statistics of the grading")
    parser.add_argument("--batches", type=int, help="grade only this many batches after the first (e.g. under valgrind)")
    parser.add_argument("--no-digest", action="store_true", help="skip the digest (whose reading depends on how much was graded)")
    parser.add_argument("--batch", type=int, help="attempts per batch (default: GRADING_BATCH_SIZE)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("DATABASE_URL must name a PostgreSQL database of its own (it is dropped and copied)")
    name = settings.DATABASES["default"]["NAME"]
    if args.prepare:
        _prepare(name, args.prepare)
    else:
        connection_name(name)
        _run(name, args.profile, args.batch, args.batches, digest=not args.no_digest)


def connection_name(name: str) -> None:
    from django.db import connection

    connection.settings_dict["NAME"] = name


if __name__ == "__main__":
    main()
