"""Rows the background machinery writes: worker heartbeats and question-generation jobs."""

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
