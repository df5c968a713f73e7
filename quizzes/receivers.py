"""What quizzes does when courseware reports a change (connected in ``QuizzesConfig.ready``)."""

from __future__ import annotations

from typing import Any

from courseware.models import Reading
from quizzes.generation.jobs import generation_enqueue


def generation_on_reading_imported(*, reading: Reading, **_: Any) -> None:
    """A new reading gets its questions generated, by a worker after the import commits."""
    generation_enqueue(reading=reading)
