"""The generation task module's worker hook: the word lists are loaded once per worker, in its
main process before the pool forks, so no pool process spends its first seconds on them."""

from __future__ import annotations

import pytest
from celery.signals import worker_init, worker_process_init

from quizzes.tasks import generation as generation_tasks


@pytest.mark.usefixtures("worker_start_undone")
def test_a_worker_loads_the_word_lists_at_its_start_before_it_forks_its_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    monkeypatch.setattr(generation_tasks, "generation_warm_up", lambda: loads.append("loaded"))
    # Celery sends worker_init in the worker's main process, before it starts (forks) the pool.
    worker_init.send(sender=None)
    assert loads == ["loaded"]
    # A pool process starting does not load them again: it has them from its parent.
    worker_process_init.send(sender=None)
    assert loads == ["loaded"]
