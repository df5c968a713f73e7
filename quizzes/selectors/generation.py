"""Reads of question generation runs."""

from __future__ import annotations

from courseware.models import Reading
from quizzes.models import GenerationJob


def generation_job_latest(*, reading: Reading) -> GenerationJob | None:
    """The newest generation run of a reading (the import page polls it)."""
    return GenerationJob.objects.filter(reading=reading).order_by("-created_at", "-id").first()
