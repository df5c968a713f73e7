"""Model instances from rows a written SQL statement read, as the ORM would have built them.

For the few reads on the hottest paths whose text never changes (an autosave's read, an API
token's lookup), building and compiling the query through the ORM on every request costs more
than running it. Such a read is written out once; this turns its row into instances: every
value goes through the backend's and the field's converters, as the ORM's own reads do (so a
datetime is aware on SQLite too and JSON is decoded), and columns the statement did not read
are deferred (loaded from the database if something asks for them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, cast

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)


def row_id(raw: Any) -> int | None:
    """``raw`` as an id a database's integer column can hold (positive, under 2**63), else None.

    A written statement (or a compiled one, ``core.compiled``) passes it as it is: an id no
    column holds raises on SQLite (OverflowError) where the ORM's lookup finds nothing.
    """
    if isinstance(raw, bool):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**63 else None


def column(model: type[Model], attname: str) -> str:
    """``"table"."column"`` of a model's field, quoted for the database in use."""
    field = cast(Field, model._meta.get_field(attname))
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(field.column)}"


def instance_from_row(model: type[M], attnames: Sequence[str], values: Sequence[Any]) -> M:
    """An instance of ``model`` with ``attnames`` set from the raw ``values`` of one row."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    converters, names, order = _plan(wrapper, model, tuple(attnames))
    converted = []
    for (expression, field_converters), value in zip(converters, values, strict=True):
        for convert in field_converters:
            value = convert(value, expression, wrapper)
        converted.append(value)
    return model.from_db(wrapper.alias, names, [converted[index] for index in order])


_Plan = tuple[list[tuple[Any, list[Any]]], list[str], list[int]]
_PLANS_ATTRIBUTE = "_strategikon_row_plans"


def _plan(wrapper: Any, model: type[Model], attnames: tuple[str, ...]) -> _Plan:
    """Each field's column and converters, and the model's field order with where each value
    was read (from_db takes the values in that order). Looked up once per connection: the
    lookups were most of an autosave's three instances (90 us of CPU). Kept on the connection
    object itself, not by alias: a backend's converters may read their own connection's
    settings (SQLite's time zone), each thread has its own, and the plans go with it (a cache
    holding connections would keep a finished thread's database session open)."""
    plans: dict[tuple[type[Model], tuple[str, ...]], _Plan] | None = wrapper.__dict__.get(_PLANS_ATTRIBUTE)
    if plans is None:
        plans = {}
        setattr(wrapper, _PLANS_ATTRIBUTE, plans)
    plan = plans.get((model, attnames))
    if plan is not None:
        return plan
    converters = []
    for attname in attnames:
        expression = cast(Field, model._meta.get_field(attname)).get_col(model._meta.db_table)
        converters.append((expression, [*wrapper.ops.get_db_converters(expression), *expression.get_db_converters(wrapper)]))
    position = {name: index for index, name in enumerate(attnames)}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in position]
    plan = plans[(model, attnames)] = (converters, names, [position[name] for name in names])
    return plan
