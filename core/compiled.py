"""Querysets built and compiled once per process, then run with each call's own values.

Building a queryset and compiling it to SQL costs several times what running it does: a quiz
fetched for a student, permission rules and all, took 4.1 ms of CPU on the benchmark's
PostgreSQL database, 3.3 ms of it building and compiling and 0.3 ms running the same SQL. For a
read on a hot path whose shape never changes, only its values (ids, the current time), the
queryset is written as usual, in the ORM, by a function of those values; it is built once with
placeholder values and compiled once per database, and every call runs that SQL with its own
values and builds the rows exactly as the ORM's iterables do (the compiler's converters for
each column, ``select_related`` objects through Django's related populators). So the rules stay
written once, in the ORM, and only their compilation is shared.

Values are always sent as parameters, never written into the SQL. A placeholder no parameter of
the compiled SQL holds (the builder ignored or transformed that value) raises at once, so such a
builder fails its first call, in the tests, rather than running with another call's value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar, cast

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # Django's own helper for select_related rows
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

T = TypeVar("T")

# Placeholder values: far outside any id a table holds, text nobody types, a date before any the site stores.
_INT_BASE = -7_340_032_000
_DATE_BASE = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


@dataclass(frozen=True)
class _Slot:
    position: int
    name: str
    adapt: bool  # a datetime the backend adapts (SQLite: to text) before sending


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[_Slot, ...]
    compiler: Any
    shape: type  # the queryset's iterable: model instances, tuples or flat values
    init_list: list[str]
    model_slice: slice
    populators: list[Any]
    annotations: dict[str, int]


class Compiled(Generic[T]):
    """``build(**values)``'s queryset, compiled once per database and run with each call's values.

    ``kinds`` names the builder's arguments and their types (``int``, ``str`` or ``datetime``): only
    such values vary between calls, each passed on as it is (a datetime as the backend adapts it).
    ``build`` must give a query of the same shape whatever the values (no branch on them).
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], **kinds: type) -> None:
        if not kinds or any(kind not in (int, str, datetime) for kind in kinds.values()):
            raise TypeError("Compiled takes int, str or datetime arguments only.")
        self.build = build
        self.kinds = kinds
        self._plans: dict[str, _Plan] = {}
        self._lock = threading.Lock()

    def _placeholders(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for index, (name, kind) in enumerate(self.kinds.items()):
            if kind is int:
                values[name] = _INT_BASE - index
            elif kind is str:
                values[name] = f"«compiled placeholder {index}»"
            else:
                values[name] = _DATE_BASE.replace(microsecond=index)
        return values

    def _plan(self, alias: str) -> _Plan:
        plan = self._plans.get(alias)
        if plan is not None:
            return plan
        with self._lock:
            plan = self._plans.get(alias)  # another thread compiled it while this one waited
            if plan is not None:
                return plan
            placeholders = self._placeholders()
            queryset = self.build(**placeholders)
            connection = connections[alias]
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = []
            for position, value in enumerate(params):
                for name, placeholder in placeholders.items():
                    if isinstance(placeholder, datetime):
                        adapted = connection.ops.adapt_datetimefield_value(placeholder)
                        if value == placeholder or (value == adapted and isinstance(value, str)):
                            slots.append(_Slot(position, name, adapt=value != placeholder))
                    elif value == placeholder and type(value) is type(placeholder):
                        slots.append(_Slot(position, name, adapt=False))
            missing = set(placeholders) - {slot.name for slot in slots}
            if missing:
                raise ValueError(f"The compiled query holds no parameter for {sorted(missing)}: build it from every value it takes.")
            shape = queryset._iterable_class
            if shape not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
                raise TypeError(f"Compiled reads model instances or values_list rows, not {shape.__name__}.")
            init_list: list[str] = []
            model_slice = slice(0, 0)
            populators: list[Any] = []
            annotations: dict[str, int] = {}
            if shape is ModelIterable:
                klass_info = compiler.klass_info
                select_fields = klass_info["select_fields"]
                model_slice = slice(select_fields[0], select_fields[-1] + 1)
                init_list = [column[0].target.attname for column in compiler.select[model_slice]]
                populators = get_related_populators(klass_info, compiler.select, alias)
                annotations = dict(compiler.annotation_col_map or {})
            plan = _Plan(sql, tuple(params), tuple(slots), compiler, shape, init_list, model_slice, populators, annotations)
            self._plans[alias] = plan
            return plan

    def all(self, using: str = "default", **values: Any) -> list[T]:
        """The rows for ``values``, as the queryset would give them: model instances, tuples, or flat values."""
        if set(values) != set(self.kinds):
            raise TypeError(f"Compiled query takes {sorted(self.kinds)}, got {sorted(values)}.")
        plan = self._plan(using)
        connection = connections[using]
        params = list(plan.params)
        for slot in plan.slots:
            value = values[slot.name]
            params[slot.position] = connection.ops.adapt_datetimefield_value(value) if slot.adapt else value
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        compiler = plan.compiler
        if compiler.has_extra_select:  # columns the SQL selects only to order by them, as execute_sql trims
            rows = [row[: compiler.col_count] for row in rows]
        converted = compiler.results_iter([rows]) if rows else []
        if plan.shape is ValuesListIterable:
            return [cast(T, tuple(row)) for row in converted]
        if plan.shape is FlatValuesListIterable:
            return [cast(T, row[0]) for row in converted]
        model: type[Model] = compiler.klass_info["model"]
        found = []
        for row in converted:
            instance = model.from_db(using, plan.init_list, row[plan.model_slice])
            for populator in plan.populators:
                populator.populate(row, instance)
            for name, position in plan.annotations.items():
                setattr(instance, name, row[position])
            found.append(cast(T, instance))
        return found

    def first(self, using: str = "default", **values: Any) -> T | None:
        rows = self.all(using, **values)
        return rows[0] if rows else None
