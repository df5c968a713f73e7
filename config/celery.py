"""The Celery application, with reliability settings decided once, here.

- ``acks_late`` + ``reject_on_worker_lost``: a task is acknowledged only after it finishes,
  so a worker killed mid-grading leaves the message to be redelivered, not lost.
- prefetch multiplier 1: a worker reserves one grading task at a time, so a slow attempt
  does not hold others hostage in its buffer.
- the broker's visibility timeout is longer than the hard time limit, so a running task
  is never redelivered to a second worker while the first is still on it.
- every queue a task is routed to is declared in ``task_queues``, so ``celery -A config worker``
  without ``-Q`` consumes all of them (a worker consumes only declared queues; one routed to but
  undeclared is published to and never read). ``-Q grading`` still picks grading alone.
- a task keeps its process's database connection as a web request does (``DB_CONN_MAX_AGE``,
  replaced after an error), instead of Celery's Django fixup closing it before and after every
  task: a new PostgreSQL connection per message was a third of a grading worker's CPU when most
  messages find their attempt already graded by an earlier batch, and a backend started on the
  server each time.
- a worker's processes freeze what start-up and their first task made (modules, Django's
  registries, caches) out of the garbage collector's reach: the full collections a grading batch
  sets off walked those 110,000 to 280,000 objects again and again, a fifth of its CPU.
"""

from __future__ import annotations

import gc
import os

from celery import Celery, Task
from celery.signals import task_postrun, task_prerun, worker_init, worker_process_init
from django.db import close_old_connections
from kombu import Exchange, Queue

import config.broker  # noqa: F401  (registers the embedded broker's "localfs" transport)

# Celery's Django fixup closes every database connection before and after each task unless this
# many tasks have run since it last did (then it closes them anyway: a backstop, rare enough to
# cost nothing); between, ``_connections_keep_or_replace`` applies Django's own rule.
DB_REUSE_MAX_TASKS = 1000

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("strategikon")

DEFAULT_QUEUE = "default"
# Grading has a queue of its own so a worker can be kept for it (``-Q grading``) and a long
# question generation never delays a student's result.
TASK_ROUTES: dict[str, dict[str, str]] = {
    "quizzes.tasks.grade_attempt_task": {"queue": "grading"},
    "quizzes.tasks.regrade_question_task": {"queue": "grading"},
}
# Derived from the routes, so a new route cannot name a queue that no worker consumes.
QUEUES: tuple[str, ...] = (DEFAULT_QUEUE, *sorted({route["queue"] for route in TASK_ROUTES.values()} - {DEFAULT_QUEUE}))


def declared_queues(names: tuple[str, ...] = QUEUES) -> list[Queue]:
    """Celery's own default for a queue it meets in a route: a direct exchange of the same name."""
    return [Queue(name, Exchange(name, type="direct"), routing_key=name) for name in names]


def _configure(app: Celery) -> None:
    from django.conf import settings

    transport_options: dict[str, object] = {"visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT}
    if not settings.REDIS_URL:
        transport_options.update(
            {
                "data_folder_in": str(settings.BROKER_DIR / "in"),
                "data_folder_out": str(settings.BROKER_DIR / "in"),
                "processed_folder": str(settings.BROKER_DIR / "processed"),
                # kombu keeps broadcast (remote control) messages here; default is ./control.
                "control_folder": str(settings.BROKER_DIR / "control"),
                "store_processed": False,
                # The worker takes one grading task at a time (prefetch 1) and this transport only
                # looks for the next message every polling interval: 1 s by default capped grading
                # at one attempt per second.
                "polling_interval": 0.1,
            }
        )
    app.conf.update(
        # Not a Celery setting but the name the Django fixup reads (see DB_REUSE_MAX_TASKS).
        CELERY_DB_REUSE_MAX=DB_REUSE_MAX_TASKS,
        broker_url=settings.CELERY_BROKER_URL,
        broker_transport_options=transport_options,
        broker_connection_retry_on_startup=True,
        # Publishing must not hang a web request when the broker is down: fail fast and let
        # the sweeper enqueue the attempt again later.
        broker_connection_timeout=2,
        # A worker keeps reconnecting to a broker that went away (it would otherwise exit for
        # good after one retry); publishing still fails fast through task_publish_retry=False,
        # and the health check passes its own max_retries.
        broker_connection_max_retries=None,
        task_publish_retry=False,
        task_ignore_result=True,
        result_backend=None,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
        task_time_limit=settings.CELERY_TASK_TIME_LIMIT,
        task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        task_eager_propagates=True,
        task_default_queue=DEFAULT_QUEUE,
        task_queues=declared_queues(),
        task_routes=TASK_ROUTES,
        worker_hijack_root_logger=False,
        timezone="UTC",
        beat_schedule={
            "sweep-ungraded-attempts": {"task": "quizzes.tasks.sweep_ungraded_attempts_task", "schedule": 15.0},
            "autosubmit-expired-attempts": {"task": "quizzes.tasks.autosubmit_expired_attempts_task", "schedule": 10.0},
            "lti-retry-failed-pushes": {"task": "quizzes.lti.tasks.lti_retry_failed_pushes_task", "schedule": 900.0},
            "lti-purge-used-nonces": {"task": "quizzes.lti.tasks.lti_purge_used_nonces_task", "schedule": 3600.0},
        },
        beat_schedule_filename=str(settings.VAR_DIR / "celerybeat-schedule"),
    )


_configure(app)
app.autodiscover_tasks()


def _install_worker_steps(app: Celery) -> None:
    from quizzes.workers import HeartbeatStep

    app.steps["worker"].add(HeartbeatStep)


_install_worker_steps(app)


def _connections_keep_or_replace(sender: Task | None = None, **kwargs: object) -> None:
    """Before and after each task, what Django does at each request's start and end: close a
    connection older than ``CONN_MAX_AGE`` or one an error left unusable (the database
    restarted), keep the others. An eager task runs inside its caller, whose connection it
    must leave alone (the fixup skips those too)."""
    if sender is not None and getattr(sender.request, "is_eager", False):
        return
    close_old_connections()


task_prerun.connect(_connections_keep_or_replace, weak=False, dispatch_uid="strategikon-db-keep-prerun")
task_postrun.connect(_connections_keep_or_replace, weak=False, dispatch_uid="strategikon-db-keep-postrun")


# Set in a worker's pool process once forked: only there does the first task's end freeze.
_pool_process = {"warming_up": False}


def _startup_objects_freeze(**kwargs: object) -> None:
    """What exists once a worker has started lives as long as its process, so the collector need
    not look at it again (``gc.freeze``); what messages and tasks create is collected as before.
    In the main process (which receives and acknowledges the messages) before it forks the
    pool, and in each pool process once forked."""
    gc.freeze()


def _pool_process_start(**kwargs: object) -> None:
    _startup_objects_freeze()
    _pool_process["warming_up"] = True


def _first_task_objects_freeze(**kwargs: object) -> None:
    """After a pool process's first task: what that task set up for good (about 110,000 objects:
    imports and caches made on first use) joins what start-up made, once the task's own garbage
    is collected. Without this every full collection walked them again: 0.3 ms per graded
    attempt."""
    if _pool_process["warming_up"]:
        _pool_process["warming_up"] = False
        gc.collect()
        gc.freeze()


worker_init.connect(_startup_objects_freeze, weak=False, dispatch_uid="strategikon-gc-freeze-main")
worker_process_init.connect(_pool_process_start, weak=False, dispatch_uid="strategikon-gc-freeze-pool")
task_postrun.connect(_first_task_objects_freeze, weak=False, dispatch_uid="strategikon-gc-freeze-first-task")
