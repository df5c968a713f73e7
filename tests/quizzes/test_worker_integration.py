"""Grading through a REAL Celery worker process, against this test's database.

Each test starts ``python -m celery -A config worker`` as a subprocess that reads the test
database (DATABASE_URL) and a broker private to this test run: the embedded file-system broker
in a temporary folder by default, or Redis when REDIS_URL is set (with a queue name unique to
the run, so parallel runs never take each other's messages). The Redis-outage test starts its
own redis-server on a free port, so the machine's Redis is never stopped.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courseware.models import Course, User
from quizzes.models import Attempt, Quiz, Response, WorkerHeartbeat
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grading_enqueue
from quizzes.services.grading_sweeper import attempts_sweep_ungraded
from quizzes.tasks.grading import sweep_ungraded_attempts_task
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, answers_for, celery_conf, fixed_quiz, question_of, run_together
from tests.quizzes.paused_worker import PAUSE_FILE_ENV

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
GRADE_TASKS = ("quizzes.tasks.grade_attempt_task", "quizzes.tasks.regrade_question_task")
WAIT = 30.0  # seconds a worker may take to do something before the test gives up (liveness, not speed)


def wait_for(predicate: Callable[[], bool], *, what: str, timeout: float = WAIT, worker: Worker | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    log = worker.log() if worker else ""
    pytest.fail(f"timed out waiting for {what}\n--- worker log ---\n{log[-4000:]}")


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Broker:
    """Where this run's messages go: the test process publishes there, its workers consume there."""

    var_dir: Path
    queue: str
    redis_url: str | None
    conf: dict[str, Any] = field(default_factory=dict)

    def worker_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", PAUSE_FILE_ENV)}
        env.update(
            DATABASE_URL=database_url(),
            DJANGO_SETTINGS_MODULE="config.settings_test",
            STRATEGIKON_VAR_DIR=str(self.var_dir),
            WORKER_HEARTBEAT_SECONDS="1",
            PYTHONUNBUFFERED="1",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def pending_messages(self) -> int:
        from config.celery import app

        with app.connection_for_write() as conn:
            return int(conn.default_channel.queue_declare(queue=self.queue, passive=False, durable=True, auto_delete=False).message_count)


THE_BROKERS_QUEUE = "<the broker's queue>"


def make_broker(tmp_path: Path, redis_url: str | None, *, private: bool = False) -> Broker:
    """A broker for this test: grading routed to a queue of its own, unless ``private`` says the
    broker is this test's alone (a temporary folder, or a redis-server it started) and keeps the
    platform's own queues and routes."""
    queue = "grading" if private else f"grading-{uuid.uuid4().hex[:10]}"
    routes = {} if private else {"task_routes": {name: {"queue": queue} for name in GRADE_TASKS}}
    if redis_url:
        conf = {"broker_url": redis_url, **routes}
    else:
        # Same folders the worker derives from STRATEGIKON_VAR_DIR in config/settings.py.
        broker_dir = tmp_path / "broker"
        for sub in ("in", "processed", "control"):
            (broker_dir / sub).mkdir(parents=True, exist_ok=True)
        conf = {
            "broker_url": "localfs://",
            "broker_transport_options": {
                "visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT,
                "data_folder_in": str(broker_dir / "in"),
                "data_folder_out": str(broker_dir / "in"),
                "processed_folder": str(broker_dir / "processed"),
                "control_folder": str(broker_dir / "control"),
                "store_processed": False,
            },
            **routes,
        }
    return Broker(var_dir=tmp_path, queue=queue, redis_url=redis_url, conf=conf)


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    b = make_broker(tmp_path, os.environ.get("REDIS_URL") or None)
    with celery_conf(**b.conf):
        yield b
        if b.redis_url:
            from config.celery import app

            with app.connection_for_write() as conn:
                conn.default_channel.queue_delete(b.queue)  # leave the shared Redis as we found it


class Worker:
    """``celery -A config worker -Q <the broker's queue>``; ``queues="grading"`` selects others,
    ``queues=None`` none at all (the command as a newcomer types it)."""

    def __init__(
        self, broker: Broker, *, log_path: Path, extra_env: dict[str, str] | None = None, queues: str | None = THE_BROKERS_QUEUE
    ) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        env = broker.worker_env() | (extra_env or {})
        self.log_path = log_path
        self._log = log_path.open("wb")
        select = [] if queues is None else ["-Q", broker.queue if queues == THE_BROKERS_QUEUE else queues]
        # The platform's app, or the same app with grading held after its claim (tests/quizzes/paused_worker.py).
        app = "tests.quizzes.paused_worker" if PAUSE_FILE_ENV in env else "config"
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", app, "worker", *select, "-c", "1", "-n", self.name),
                *("--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool's children too
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_ready(self) -> None:
        wait_for(lambda: "ready." in self.log(), what=f"worker {self.name} to be ready", worker=self)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        # Clean-up only: a warm shutdown takes seconds and the test database is flushed anyway.
        self.kill()
        self._log.close()


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def start(broker: Broker, **kwargs: Any) -> Worker:
        worker = Worker(broker, log_path=tmp_path / f"worker-{len(workers)}.log", **kwargs)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@dataclass
class Classroom:
    course: Course
    quiz: Quiz
    student: User


@pytest.fixture
def classroom(course: Course, student: User) -> Classroom:
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in RIGHT])
    return Classroom(course=course, quiz=quiz, student=student)


def submit_right_answers(room: Classroom, user: User | None = None) -> Attempt:
    user = user or room.student
    attempt = attempt_start(quiz=room.quiz, user=user)
    responses_save(attempt=attempt, user=user, answers=answers_for(attempt, RIGHT))
    return attempt_submit(attempt=attempt, user=user)


def state_of(attempt: Attempt) -> tuple[str, int]:
    attempt.refresh_from_db()
    return attempt.state, attempt.grade_count


def another_student(room: Classroom) -> User:
    user = UserFactory()
    EnrollmentFactory(course=room.course, user=user)
    return user


# --- the tests -------------------------------------------------------------------------------------------


def test_a_submitted_attempt_is_graded_by_the_worker(classroom, broker, start_worker) -> None:
    worker = start_worker(broker)
    attempt = submit_right_answers(classroom)
    wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=worker)
    assert attempt.grade_count == 1 and attempt.score == attempt.max_score == 8
    assert Response.objects.filter(attempt=attempt, fraction=1.0).count() == 8


def test_an_enqueue_inside_a_rolled_back_transaction_produces_no_task(classroom, broker) -> None:
    attempt = attempt_start(quiz=classroom.quiz, user=classroom.student)
    assert broker.pending_messages() == 0
    with pytest.raises(RuntimeError), transaction.atomic():
        attempt_submit(attempt=attempt, user=classroom.student)
        raise RuntimeError("the view failed after submitting")
    assert state_of(attempt)[0] == Attempt.State.IN_PROGRESS
    assert broker.pending_messages() == 0
    # The same submit, committed this time, does reach the broker: the check above can see a message.
    attempt_submit(attempt=attempt, user=classroom.student)
    assert broker.pending_messages() == 1


def test_ten_parallel_submits_produce_one_grade(classroom, broker, start_worker) -> None:
    worker = start_worker(broker)
    attempt = attempt_start(quiz=classroom.quiz, user=classroom.student)
    responses_save(attempt=attempt, user=classroom.student, answers=answers_for(attempt, RIGHT))

    def submit() -> Any:
        return attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=classroom.student).submitted_at

    results = run_together([submit] * 10)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 1  # one submission: every call saw the same submitted_at
    wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=worker)
    # Let the worker drain anything else that might have been enqueued: a later attempt graded
    # after it means every message before it was handled.
    marker = submit_right_answers(classroom, another_student(classroom))
    wait_for(lambda: state_of(marker)[0] == Attempt.State.GRADED, what="the marker attempt", worker=worker)
    assert state_of(attempt) == (Attempt.State.GRADED, 1)


def test_a_worker_killed_mid_grading_leads_to_exactly_one_grade(classroom, broker, start_worker, tmp_path) -> None:
    pause = tmp_path / "pause-grading"
    pause.write_text("")
    doomed = start_worker(broker, extra_env={PAUSE_FILE_ENV: str(pause)})
    attempt = submit_right_answers(classroom)
    reached = Path(str(pause) + ".reached")
    wait_for(reached.exists, what="the worker to claim the attempt", worker=doomed)
    assert state_of(attempt) == (Attempt.State.GRADING, 0)

    doomed.kill()  # SIGKILL, mid-grading: the claim stays, the message is gone or unacknowledged
    assert doomed.proc.returncode == -signal.SIGKILL
    assert state_of(attempt) == (Attempt.State.GRADING, 0)

    fresh = start_worker(broker)
    fresh.wait_ready()
    # The sweeper (run by beat every few seconds in production) finds the stale claim; here the
    # "hard time limit" it waits for is zero so the test need not wait two minutes.
    swept = attempts_sweep_ungraded(older_than=timedelta(0), stuck_after=timedelta(0))
    assert swept.released == [attempt.pk]
    wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=fresh)
    # A late duplicate of the first message (Redis redelivers unacknowledged ones) grades nothing.
    assert attempt_grading_enqueue(attempt_id=attempt.pk)
    marker = submit_right_answers(classroom, another_student(classroom))
    wait_for(lambda: state_of(marker)[0] == Attempt.State.GRADED, what="the marker attempt", worker=fresh)
    assert state_of(attempt) == (Attempt.State.GRADED, 1)


class RedisServer:
    """A private redis-server on a free port, started and stopped by the test."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.dir = tmp_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(answers, what="redis-server to answer")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path, under_ci: bool) -> Iterator[RedisServer]:
    if not shutil.which("redis-server"):
        if under_ci or os.environ.get("REDIS_URL"):
            pytest.fail("redis-server is not installed, and this run (CI or REDIS_URL) requires the Redis tests")
        pytest.skip("redis-server is not installed (allowed outside CI without REDIS_URL)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.mark.requires_redis
def test_with_redis_stopped_a_submission_is_kept_and_graded_after_redis_returns(classroom, private_redis, start_worker, tmp_path) -> None:
    broker = make_broker(tmp_path, private_redis.url)
    with celery_conf(**broker.conf):
        worker = start_worker(broker)
        worker.wait_ready()

        private_redis.stop()
        attempt = attempt_start(quiz=classroom.quiz, user=classroom.student)
        submitted = attempt_submit(attempt=attempt, user=classroom.student, answers=answers_for(attempt, RIGHT))
        assert submitted.state == Attempt.State.SUBMITTED  # accepted although the task could not be published
        assert Response.objects.filter(attempt=attempt, answer__isnull=False).count() == 8

        private_redis.start()  # an empty Redis: whatever was in flight is lost, as after a crash
        wait_for(lambda: worker.log().count("Connected to redis://") >= 2, what="the worker to reconnect", worker=worker)
        swept = attempts_sweep_ungraded(older_than=timedelta(0))
        assert attempt.pk in swept.enqueued
        wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=worker)
        assert state_of(attempt) == (Attempt.State.GRADED, 1)


# --- the worker a newcomer starts: no -Q ------------------------------------------------------------------


def lost_submission(room: Classroom, monkeypatch: pytest.MonkeyPatch, *, ago: int) -> Attempt:
    """A submission whose grading message never reached the broker, ``ago`` seconds old."""
    with monkeypatch.context() as patch:
        patch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: False)
        attempt = submit_right_answers(room, another_student(room))
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(seconds=ago))
    return attempt


def heartbeat_queues(worker: Worker) -> list[str]:
    row = WorkerHeartbeat.objects.filter(hostname=worker.name).first()
    return row.queues if row else []


def newcomers_worker_grades_and_sweeps(room: Classroom, broker: Broker, start_worker: Callable[..., Worker], monkeypatch) -> None:
    worker = start_worker(broker, queues=None)  # celery -A config worker: no -Q
    wait_for(lambda: heartbeat_queues(worker) == ["default", "grading"], what="the worker's heartbeat", worker=worker)
    # Grading: a submission's task goes to the grading queue.
    attempt = submit_right_answers(room)
    wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=worker)
    # The default queue: the sweeper's task, which enqueues grading for a submission whose message was lost.
    lost = lost_submission(room, monkeypatch, ago=120)
    sweep_ungraded_attempts_task.delay()
    wait_for(lambda: state_of(lost)[0] == Attempt.State.GRADED, what="the sweeper to run and the lost attempt to be graded", worker=worker)
    assert state_of(attempt) == state_of(lost) == (Attempt.State.GRADED, 1)


def test_a_worker_started_without_q_consumes_every_queue_on_the_embedded_broker(classroom, tmp_path, start_worker, monkeypatch) -> None:
    broker = make_broker(tmp_path, None, private=True)
    with celery_conf(**broker.conf):
        newcomers_worker_grades_and_sweeps(classroom, broker, start_worker, monkeypatch)


@pytest.mark.requires_redis
def test_a_worker_started_without_q_consumes_every_queue_on_redis(classroom, private_redis, tmp_path, start_worker, monkeypatch) -> None:
    broker = make_broker(tmp_path, private_redis.url, private=True)
    with celery_conf(**broker.conf):
        newcomers_worker_grades_and_sweeps(classroom, broker, start_worker, monkeypatch)


def test_a_grading_only_worker_grades_and_healthz_reports_the_default_queue_it_leaves(
    classroom, tmp_path, start_worker, client, monkeypatch
) -> None:
    broker = make_broker(tmp_path, None, private=True)
    with celery_conf(**broker.conf):
        worker = start_worker(broker, queues="grading")
        wait_for(lambda: heartbeat_queues(worker) == ["grading"], what="the worker's heartbeat", worker=worker)
        attempt = submit_right_answers(classroom)
        wait_for(lambda: state_of(attempt)[0] == Attempt.State.GRADED, what="the attempt to be graded", worker=worker)
        assert client.get("/healthz").status_code == 200

        sweep_ungraded_attempts_task.delay()  # a default-queue task nobody here consumes
        body = client.get("/healthz").json()
        assert body["failed"] == ["queues"]
        assert body["queues"]["queues"] == {"default": {"messages": 1, "consumers": 0}, "grading": {"messages": 0, "consumers": 1}}


def test_healthz_reports_a_submission_left_ungraded_by_a_worker_without_the_grading_queue(
    classroom, tmp_path, start_worker, client, settings, monkeypatch
) -> None:
    # The review's setup (-Q default): the grading task waits in a queue nobody consumes, and the
    # student's submission grows older than the sweep interval.
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    broker = make_broker(tmp_path, None, private=True)
    with celery_conf(**broker.conf):
        worker = start_worker(broker, queues="default")
        wait_for(lambda: heartbeat_queues(worker) == ["default"], what="the worker's heartbeat", worker=worker)
        attempt = submit_right_answers(classroom)
        Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(seconds=45))
        body = client.get("/healthz").json()
        assert body["failed"] == ["queues", "grading"]
        assert body["queues"]["queues"]["grading"] == {"messages": 1, "consumers": 0}
        assert body["grading"]["late"] == 1
        assert state_of(attempt)[0] == Attempt.State.SUBMITTED
