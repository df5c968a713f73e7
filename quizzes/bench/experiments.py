"""Proposed optimisations, measured before they are made: ``--experiment NAME`` applies one of
these to the benchmark's own web and worker processes (and nowhere else), so a profile's
suggested fix can be measured at full scale next to the unchanged code.

- ``upsert``: every ``QuerySet.bulk_update`` becomes one ``INSERT ... ON CONFLICT (id) DO
  UPDATE`` (``bulk_create(update_conflicts=True)``). Django builds ``bulk_update`` as a CASE
  WHEN per row and field, whose expression resolution dominated the grading profile; the
  upsert sends the same rows with almost no Python work.
- ``save-one``: autosaving one answer reads only that question's response row (not the whole
  attempt's) and writes it with a plain UPDATE.

They are launched through ``python -m quizzes.bench.experiments worker ...`` (a Celery worker)
and ``quizzes.bench.experiments:wsgi_application()`` (gunicorn's app factory).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

ENV = "BENCH_EXPERIMENTS"
KNOWN = ("upsert", "save-one")


def _active() -> set[str]:
    return {name for name in os.environ.get(ENV, "").split(",") if name}


def _upsert() -> None:
    from django.db.models.query import QuerySet

    def bulk_update(self: QuerySet[Any], objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None) -> int:
        objs = list(objs)
        if objs:
            self.model._default_manager.bulk_create(
                objs, batch_size=batch_size, update_conflicts=True, unique_fields=["id"], update_fields=list(fields)
            )
        return len(objs)

    QuerySet.bulk_update = bulk_update  # type: ignore[assignment,method-assign]


def _save_one() -> None:
    from quizzes.models import Response
    from quizzes.services import attempts

    def write_answers(attempt: Any, answers: Mapping[Any, Any], now: datetime) -> list[Response]:
        wanted = [q for q in (attempts._question_id(raw) for raw in answers) if q is not None]
        rows = Response.objects.filter(attempt=attempt, question_id__in=wanted).select_related("question")
        by_question = {r.question_id: r for r in rows}
        changed = []
        for raw_id, value in answers.items():
            question_id = attempts._question_id(raw_id)
            response = by_question.get(question_id) if question_id is not None else None
            if response is None:
                raise attempts.UnknownQuestion(attempts.UNKNOWN_QUESTION.format(question_id=raw_id))
            try:
                canonical = (
                    None
                    if value is None
                    else attempts.check_answer(type=response.question.type, choices=response.question.choices, response=value)
                )
            except attempts.AnswerShapeError as exc:
                raise attempts.AnswerRejected(attempts.WRONG_SHAPE.format(question_id=raw_id, detail=exc)) from exc
            response.answer, response.saved_at = canonical, now
            changed.append(response)
        if len(changed) == 1:
            Response.objects.filter(pk=changed[0].pk).update(answer=changed[0].answer, saved_at=now)
        elif changed:
            Response.objects.bulk_create(changed, update_conflicts=True, unique_fields=["id"], update_fields=["answer", "saved_at"])
        return changed

    attempts._write_answers = write_answers  # type: ignore[assignment]


def apply(*, django_ready: bool) -> list[str]:
    """Apply the experiments named in BENCH_EXPERIMENTS; the ones needing the app registry only once it is ready."""
    applied = []
    for name in sorted(_active()):
        if name == "upsert":
            _upsert()
        elif name == "save-one" and django_ready:
            _save_one()
        else:
            continue
        applied.append(name)
    return applied


def wsgi_application() -> Any:
    """gunicorn's app factory: ``gunicorn 'quizzes.bench.experiments:wsgi_application()'``."""
    from django.core.wsgi import get_wsgi_application

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    app = get_wsgi_application()
    apply(django_ready=True)
    return app


if __name__ == "__main__":
    # python -m quizzes.bench.experiments worker <celery worker arguments>
    apply(django_ready=False)
    from celery.__main__ import main

    sys.argv = ["celery", "-A", "config", *sys.argv[1:]]
    sys.exit(main())  # type: ignore[func-returns-value]
