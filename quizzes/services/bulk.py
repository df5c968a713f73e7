"""Write back many loaded rows in one statement.

Django's ``bulk_update`` builds a ``CASE WHEN id = ... THEN ...`` expression per row and field;
in the benchmark's grading profile that expression building was 42 % of the worker's samples
(80.6 ms per 20-question attempt in-process). An upsert keyed on the primary key sends the same
values with almost no Python work (32.7 ms). The rows must already exist: this only updates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model


def rows_update(objs: Sequence[Model], fields: Sequence[str]) -> None:
    """Save ``fields`` of already-saved ``objs`` (all of one model) in one statement."""
    if not objs:
        return
    model: Any = type(objs[0])
    if len(objs) == 1:
        obj = objs[0]
        model._default_manager.filter(pk=obj.pk).update(**{f: getattr(obj, f) for f in fields})
        return
    model._default_manager.bulk_create(objs, update_conflicts=True, unique_fields=["id"], update_fields=list(fields))
