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

from django.db import connection
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
    converted = {}
    for attname, value in zip(attnames, values, strict=True):
        expression = cast(Field, model._meta.get_field(attname)).get_col(model._meta.db_table)
        for convert in [*connection.ops.get_db_converters(expression), *expression.get_db_converters(connection)]:
            value = convert(value, expression, connection)
        converted[attname] = value
    # from_db takes the values in the order of the model's fields, whatever order was read.
    names = [f.attname for f in model._meta.concrete_fields if f.attname in converted]
    return model.from_db(connection.alias, names, [converted[name] for name in names])
