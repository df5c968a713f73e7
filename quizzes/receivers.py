"""What quizzes does when courseware reports a change (connected in ``QuizzesConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from courseware.models import Reading
from quizzes.services.accommodations import attempts_in_progress_follow
from quizzes.services.generation_jobs import generation_enqueue


def generation_on_reading_imported(*, reading: Reading, **_: Any) -> None:
    """A new reading gets its questions generated, by a worker after the import commits."""
    generation_enqueue(reading=reading)


def accommodations_on_group_members_changed(*, course_id: int, user_ids: set[int], **_: Any) -> None:
    """Students who joined or left a group get their attempts in progress at the course's quizzes
    timed by their new settings (the group may carry accommodations)."""
    with transaction.atomic():
        attempts_in_progress_follow(course_id=course_id, user_ids=user_ids)
