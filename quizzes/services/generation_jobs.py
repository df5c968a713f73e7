"""Queueing question generation for a reading (``GenerationJob`` rows the browser polls).

``generation_enqueue`` is what an import calls: it records a queued job and publishes the
task only after the import's transaction commits, so the worker never looks for a reading
that is not there yet. It publishes through ``quizzes.enqueue``'s signature, by the task's
name: the task module imports ``quizzes.generation``, so importing it from here made a cycle.
"""

from __future__ import annotations

import logging

from django.db import transaction

from courseware.models import Reading
from quizzes.enqueue import generate_questions_task
from quizzes.models import GenerationJob

logger = logging.getLogger(__name__)


def generation_enqueue(*, reading: Reading) -> GenerationJob:
    job = GenerationJob.objects.create(reading=reading, state=GenerationJob.State.QUEUED, message="waiting for a worker")

    def publish() -> None:
        try:
            generate_questions_task.delay(reading.pk)
        except Exception:  # the broker being down must not break the import; the job stays queued and visible
            logger.exception("could not enqueue question generation for reading %s", reading.pk)
            GenerationJob.objects.filter(pk=job.pk).update(message="the task queue is unavailable; run generate_questions")

    transaction.on_commit(publish)
    return job
