"""``celery -A tests.quizzes.paused_worker worker``: the platform's Celery app, with grading held right
after its claim for as long as the file named by ``PAUSE_FILE_ENV`` exists, so that a test can kill
the worker at a known point. The hold is patched in here, in the worker's pool process, so that
production grading carries no hook for tests."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from celery.signals import worker_process_init

from config.celery import app

__all__ = ["PAUSE_FILE_ENV", "app", "hold_after_claim"]

PAUSE_FILE_ENV = "STRATEGIKON_GRADING_PAUSE_FILE"


def hold_after_claim(hook: Any) -> Any:
    """Wrap grading's step after the claim so ``hook(first_attempt_id)`` runs first; returns the original."""
    from quizzes.services import grading

    original = grading._grade_claimed

    def held(*, attempt_ids: list[int], claimed_at: Any) -> Any:
        hook(attempt_ids[0])
        return original(attempt_ids=attempt_ids, claimed_at=claimed_at)

    grading._grade_claimed = held  # type: ignore[assignment]
    return original


def _wait_for_the_file(attempt_id: int) -> None:
    pause_file = os.environ[PAUSE_FILE_ENV]
    Path(pause_file + ".reached").write_text(str(attempt_id))
    while Path(pause_file).exists():
        time.sleep(0.05)


@worker_process_init.connect
def _hold_grading(**kwargs: Any) -> None:
    if os.environ.get(PAUSE_FILE_ENV):
        hold_after_claim(_wait_for_the_file)
