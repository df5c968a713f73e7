"""Write many rows in one statement: loaded rows back (``rows_update``), new instances
(``rows_create``), or plain column values (``table_update``, ``table_insert``) where building a
model instance per row would cost more than the write.

Django's ``bulk_update`` builds a ``CASE WHEN id = ... THEN ...`` expression per row and field;
in the benchmark's grading profile that expression building was 42 % of the worker's samples
(80.6 ms per 20-question attempt in-process), and ``bulk_create`` prepares every value of every
row through its field, one Python call each. On PostgreSQL the rows travel instead as one JSON
document, ``[[id, value, ...], ...]``, that the statement reads with ``json_array_elements``
and casts to the columns' types: ``json.dumps`` encodes it in C, where psycopg's client-side
binding rendered a text array literal per column element by element in Python (half of the
grading batch's write time, and the mastery rows' ``bulk_create`` was more than a third of the
whole batch's CPU). The document is read as ``jsonb``: parsed once, after which each ``->>``
is a lookup, where ``json`` parses a row's text again for every column it reads (the grading
batch's UPDATE of 1,000 responses, each carrying its feedback, took about 40 % less of
PostgreSQL's time; the fact mastery INSERT about 30 % less). A float is read back as the
double it was, except a negative zero, which jsonb's numbers read as zero.

Elsewhere (SQLite in development and tests) Django's ``bulk_update`` and ``bulk_create``: one
statement per batch of rows (SQLite allows 999 parameters per statement), reading only the
fields it writes. ``rows_update`` replaced an upsert keyed on the primary key, which passed
every column of every row: callers load their rows with ``.only()``, so the upsert fetched each
row's deferred columns one query at a time (three per response when grading: 75 queries for a
20-question attempt instead of 30). The rows must already exist: updates only update.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)

# The values JSON carries as they are for a column of each kind, read back exactly by the
# column's type; any other value, and every value of other kinds, goes through its field first.
_INTEGER: tuple[type, ...] = (int,)
_JSON_NATIVE: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(
        (
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveBigIntegerField",
            "PositiveSmallIntegerField",
            "ForeignKey",
            "OneToOneField",
        ),
        _INTEGER,
    ),
    "FloatField": (float, int),
    "CharField": (str,),
    "TextField": (str,),
    "BooleanField": (bool,),
}


def rows_update(objs: Sequence[Model], fields: Sequence[str]) -> None:
    """Save ``fields`` of already-saved ``objs`` (all of one model) in one statement."""
    if not objs:
        return
    model: Any = type(objs[0])
    if len(objs) == 1:
        obj = objs[0]
        model._default_manager.filter(pk=obj.pk).update(**{f: getattr(obj, f) for f in fields})
        return
    if connection.vendor == "postgresql":
        # One attrgetter call per row (in C) rather than a generator of getattr calls.
        row_of = attrgetter("pk", *fields)
        _update_from_json(model, fields, [row_of(obj) for obj in objs])
        return
    model._default_manager.bulk_update(objs, list(fields))


def table_update(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set ``fields`` of the existing rows of ``model`` given as ``(pk, value, ...)`` tuples, in
    one statement (each row's values in ``fields``' order)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _update_from_json(model, fields, rows)
        return
    rows_update([model(pk=row[0], **dict(zip(fields, row[1:], strict=True))) for row in rows], fields)


def table_insert(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows of ``model`` given as tuples of ``fields``' values, in one statement, in the
    order given (so their ids are given in that order too). ``fields`` must name every column
    without a database default: model defaults are not applied here."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        meta, quote = model._meta, connection.ops.quote_name
        columns: list[Any] = [meta.get_field(name) for name in fields]
        # Table, column and type names come from the model's own metadata, never from input.
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c.column) for c in columns)}) "  # noqa: S608
            f"SELECT {', '.join(_json_cell(index, c) for index, c in enumerate(columns))} "
            "FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS v(r, n) ORDER BY v.n"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [_json_rows(columns, rows)])
        return
    model._default_manager.bulk_create([model(**dict(zip(fields, row, strict=True))) for row in rows])


def rows_create(objs: Sequence[M]) -> list[M]:
    """Insert new ``objs`` (all of one model, unsaved, no auto_now fields) in one statement and
    set their ids, as ``bulk_create`` does, every column as the instance holds it (its defaults
    applied by the constructor).

    On PostgreSQL through the rows' JSON document and a statement written once per model:
    ``bulk_create`` prepares every value of every row through its field and compiles the
    statement again each time (a start's 20 responses: 2.6 ms of CPU in-process, of a start's
    11-14 ms; this way 0.7 ms). Elsewhere ``bulk_create``. The ids come back in the order the rows were
    given: PostgreSQL inserts an ``INSERT ... SELECT ... ORDER BY`` in that order and returns
    the rows as it inserts them, which ``bulk_create`` relies on as well.
    """
    rows = list(objs)
    if not rows:
        return rows
    model: Any = type(rows[0])
    statement = _INSERTS.get((model, connection.alias))
    if statement is None:  # refuses a model it cannot write, whatever the database
        statement = _INSERTS[(model, connection.alias)] = _insert_statement(model)
    if connection.vendor != "postgresql":
        return list(model._default_manager.bulk_create(rows))
    sql, fields, row_of = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, [_json_rows(fields, [row_of(obj) for obj in rows])])
        ids = [pk for (pk,) in cursor.fetchall()]
    for obj, pk in zip(rows, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    return rows


# (model, database alias) -> the INSERT, its fields and the getter of a row's values: the text
# never changes, and writing it asks every field for its column type.
_INSERTS: dict[tuple[Any, str], tuple[str, list[Any], Callable[[Any], Sequence[Any]]]] = {}


def _insert_statement(model: Any) -> tuple[str, list[Any], Callable[[Any], Sequence[Any]]]:
    meta, quote = model._meta, connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    if len(fields) < 2 or any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in fields):
        raise ValueError(f"rows_create writes models of two fields or more and no auto_now: use bulk_create for {meta.label}")
    # Table, column and type names come from the model's own metadata, never from input.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"SELECT {', '.join(_json_cell(index, f) for index, f in enumerate(fields))} "
        "FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS v(r, n) ORDER BY v.n "
        f"RETURNING {quote(meta.pk.column)}"
    )
    return sql, fields, attrgetter(*(f.attname for f in fields))


def rows_locked_by_pairs(
    model: type[Model], pair: tuple[str, str], keys: Iterable[tuple[Any, Any]], fields: Sequence[str]
) -> list[tuple[Any, ...]]:
    """The rows of ``model`` whose two columns ``pair`` hold one of ``keys`` (pairs of values),
    locked (``FOR UPDATE``) in id order, as tuples ``(id, *pair, *fields)``.

    On PostgreSQL the pairs travel as one JSON document and each is looked up on the pair's
    index: the ORM's ``a IN (...) AND b IN (...)`` matches the cross product of the two lists, and
    PostgreSQL answered it through the index of ``b`` alone, reading every row of those values of
    ``b`` whoever they belong to (a grading batch read all 35,000 fact mastery rows of its 37
    facts, 16.7 ms, to find the 900 of its 50 students). Elsewhere that ORM query, keeping only
    the pairs asked for (it may lock some rows more). The pair must have an index that starts
    with it.
    """
    wanted = set(keys)
    if not wanted:
        return []
    meta: Any = model._meta
    first, second = (meta.get_field(name) for name in pair)
    columns = [meta.pk, first, second, *(meta.get_field(name) for name in fields)]
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        # Table, column and type names come from the model's own metadata, never from input.
        sql = (
            f"SELECT {', '.join(f't.{quote(c.column)}' for c in columns)} FROM {quote(meta.db_table)} AS t "  # noqa: S608
            f"WHERE (t.{quote(first.column)}, t.{quote(second.column)}) IN "
            f"(SELECT {_json_cell(0, first)}, {_json_cell(1, second)} FROM jsonb_array_elements(%s::jsonb) AS v(r)) "
            f"ORDER BY t.{quote(meta.pk.column)} FOR UPDATE OF t"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [_json_rows([first, second], sorted(wanted))])
            rows = cursor.fetchall()
        # Through the fields' converters, as the ORM's read would give them (a JSON column's
        # document decoded, for one).
        converters = [(index, column.from_db_value) for index, column in enumerate(columns) if hasattr(column, "from_db_value")]
        if not converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for index, convert in converters:
                values[index] = convert(values[index], None, connection)
            converted.append(tuple(values))
        return converted
    found = (
        model._default_manager.select_for_update()
        .filter(**{f"{pair[0]}__in": {a for a, _ in wanted}, f"{pair[1]}__in": {b for _, b in wanted}})
        .order_by("pk")
        .values_list("pk", *pair, *fields)
    )
    return [row for row in found if (row[1], row[2]) in wanted]


def _update_from_json(model: Any, fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    # Table, column and type names come from the model's own metadata, never from input.
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET "  # noqa: S608
        + ", ".join(f"{quote(c.column)} = {_json_cell(index, c)}" for index, c in enumerate(columns) if index)
        + f" FROM jsonb_array_elements(%s::jsonb) AS v(r) WHERE t.{quote(meta.pk.column)} = {_json_cell(0, meta.pk)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_json_rows(columns, rows)])


def _embedded(field: Any) -> bool:
    """A JSON column without an encoder of its own: its documents go into the rows' document as
    they are (one ``json.dumps`` for all of them rather than one per value)."""
    return field.get_internal_type() == "JSONField" and getattr(field, "encoder", None) is None


def _json_cell(index: int, field: Any) -> str:
    """The SQL reading value ``index`` of a row ``v.r`` as ``field``'s column type (a JSON null: NULL)."""
    if _embedded(field):
        # None travels as JSON null and is saved as SQL NULL, as Django saves None.
        return f"NULLIF(v.r->{index}, 'null'::jsonb)"
    db_type = field.rel_db_type(connection) if field.is_relation or field.primary_key else field.db_type(connection)
    return f"(v.r->>{index})::{db_type}"


def _json_rows(columns: Sequence[Any], rows: Sequence[Sequence[Any]]) -> str:
    """``rows`` as one JSON array of arrays, each value as its column's type reads it back from text."""
    encoded: list[Sequence[Any]] = []
    for field, column in zip(columns, zip(*rows, strict=True), strict=True):
        if _embedded(field):
            encoded.append(column)
            continue
        native, encode = _JSON_NATIVE.get(field.get_internal_type(), ()), _column_encoder(field)
        encoded.append([v if v is None or type(v) in native else encode(v) for v in column])
    # NaN and infinities are not JSON: refused here rather than by the database.
    return json.dumps([list(row) for row in zip(*encoded, strict=True)], allow_nan=False)


def _column_encoder(field: Any) -> Callable[[Any], Any]:
    """How a value other than None and the JSON scalars becomes text its column reads: through
    the field, as a save would (a Decimal stays exact as its string, a datetime keeps its zone)."""
    if field.get_internal_type() == "JSONField":
        encoder = field.encoder
        # The document as a string, read with ->> like any other value.
        return lambda value: json.dumps(value, cls=encoder)

    def prepare(value: Any) -> Any:
        prepared = field.get_db_prep_save(value, connection)
        if prepared is None or isinstance(prepared, int | float | str):  # bool is an int
            return prepared
        if isinstance(prepared, Decimal):
            return str(prepared)
        return prepared.isoformat() if hasattr(prepared, "isoformat") else str(prepared)

    # A batch repeats few distinct values (the same instant on every row, a handful of points
    # values): each is prepared once. Values equal to one another are stored alike by their
    # column (1.0 and 1.000 in a numeric column of fixed scale, one instant in two time zones).
    prepared_once: dict[Any, Any] = {}

    def encode(value: Any) -> Any:
        try:
            return prepared_once[value]
        except KeyError:
            prepared_once[value] = text = prepare(value)
            return text
        except TypeError:  # unhashable
            return prepare(value)

    return encode
