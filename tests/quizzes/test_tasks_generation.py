"""The generation task module's worker hook: the word lists are loaded once per worker, in its
main process before the pool forks, so no pool process spends its first seconds on them."""

from __future__ import annotations

import weakref
from typing import Any

import pytest
from celery.signals import worker_init, worker_process_init
from celery.utils.dispatch import Signal

from quizzes.tasks import generation as generation_tasks


def _receivers(signal: Signal) -> list[Any]:
    """The functions connected to a Celery signal (it keeps most of them by weak reference)."""
    return [ref() if isinstance(ref, weakref.ref) else ref for _key, ref in signal.receivers]


def test_a_worker_loads_the_word_lists_at_its_start_before_it_forks_its_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    # Celery sends worker_init in the worker's main process, before it starts (forks) the pool;
    # worker_process_init in each pool process after the fork, which would load them once per process.
    # The signals are not sent here: sending worker_init would also install Celery's Django fixup
    # in the test process.
    assert generation_tasks._warm_up_generation in _receivers(worker_init)
    assert generation_tasks._warm_up_generation not in _receivers(worker_process_init)
    loads: list[str] = []
    monkeypatch.setattr(generation_tasks, "generation_warm_up", lambda: loads.append("loaded"))
    generation_tasks._warm_up_generation()
    assert loads == ["loaded"]
