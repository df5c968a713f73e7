"""Question generation from readings: rule-based fact extraction, per-type question builders,
distractors, the Article 5 rule model, quality gates and the database orchestration.

Entry point: ``bank_generate_for_reading(reading=...)`` (used by the Celery task, the
``generate_questions`` command and the demo seeds).
"""

from __future__ import annotations

from typing import Any


def bank_generate_for_reading(*, reading: Any, **kwargs: Any) -> Any:
    # Imported lazily so that importing the package (e.g. for the pure pipeline) needs no app registry.
    from quizzes.generation.service import bank_generate_for_reading as run

    return run(reading=reading, **kwargs)
