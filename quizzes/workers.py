"""Worker heartbeats: each Celery worker records that it is alive, in the database.

Celery's remote-control ping needs a broadcast-capable broker; the embedded file-system
broker has none, so liveness is written where /healthz can always read it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Sequence

from celery import bootsteps
from django.utils import timezone

logger = logging.getLogger(__name__)


def heartbeat_record(*, hostname: str, queues: Sequence[str]) -> None:
    from quizzes.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"pid": os.getpid(), "last_seen": timezone.now(), "queues": sorted(queues)}
    )


def heartbeat_forget(*, hostname: str) -> None:
    from quizzes.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(hostname=hostname).delete()


class HeartbeatStep(bootsteps.StartStopStep):
    requires = ("celery.worker.components:Timer",)

    def __init__(self, worker, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(worker, **kwargs)
        self.tref = None
        self.hostname = getattr(worker, "hostname", None) or f"worker@{socket.gethostname()}:{os.getpid()}"
        self.app = worker.app

    def start(self, worker):  # type: ignore[no-untyped-def]
        from django.conf import settings

        self._beat()
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, self._beat, priority=10)

    def stop(self, worker):  # type: ignore[no-untyped-def]
        if self.tref is not None:
            self.tref.cancel()
        try:
            heartbeat_forget(hostname=self.hostname)
        except Exception:  # shutting down: a missing row only means /healthz notices later
            logger.exception("could not remove heartbeat")

    def _beat(self) -> None:
        from django.db import close_old_connections

        try:
            close_old_connections()
            # What -Q selected (every declared queue without it), read at each beat so a queue
            # added or cancelled through remote control shows up too.
            heartbeat_record(hostname=self.hostname, queues=list(self.app.amqp.queues.consume_from))
        except Exception:  # a database blip must not kill the worker; /healthz shows it
            logger.exception("heartbeat failed")
