"""Rows the background machinery writes: worker heartbeats, the grading queue's pending mark and
question-generation jobs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class WorkerHeartbeat(models.Model):
    """Each Celery worker process writes its heartbeat here; /healthz counts fresh rows."""

    hostname = models.CharField(max_length=200, unique=True)
    pid = models.PositiveIntegerField(default=0)
    last_seen = models.DateTimeField()
    # The queues this worker consumes: /healthz reports a queue holding messages that no live
    # worker reads (no broker tells it: Redis has no consumer list, the file broker no broadcast).
    queues = models.JSONField(default=list, blank=True)


class GradingPending(models.Model):
    """Present while a grading message is queued and has not started: then a submit publishes no
    message of its own, because that message's run claims the oldest submitted attempts, its
    own among them (``quizzes.services.grading``). At most one row (``id`` 1).

    In the database because it is the one thing every submitting web process and every grading
    worker share on every setup: the cache is a directory per test process and the file-system
    broker has no atomic "set if absent".
    """

    id = models.PositiveSmallIntegerField(primary_key=True)
    # When the pending message was published: a mark older than the sweep delay is taken for one
    # whose message was lost (the broker restarted), and the next submit publishes again.
    since = models.DateTimeField()


class GenerationJob(models.Model):
    """Progress of one question-generation run, polled by the import page's progress bar."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    reading = models.ForeignKey("courseware.Reading", on_delete=models.CASCADE, related_name="generation_jobs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="percent done")
    message = models.CharField(max_length=300, blank=True)
    questions = models.PositiveIntegerField(default=0, help_text="questions kept by the run")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # Serves "the latest job of this reading" (the progress bar's poll).
        indexes = [models.Index(fields=["reading", "-created_at"], name="generation_job_latest")]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="generation_job_progress_0_100")]
