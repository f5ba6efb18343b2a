"""Insert many plain rows fast: `insert_rows(model=..., fields=[...], rows=...)`.

For derived rows nobody needs back as model instances (index rows, trigrams, generated
posts): one `executemany` per batch skips building a model instance and preparing every
value per row, which is most of `bulk_create`'s time on large inputs. Give foreign keys as
ids; dates, datetimes and JSON are converted for the database as the ORM converts them,
other values are passed as they are. No signals are sent and
no `save()` runs, so use it only for models whose save adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import islice

from django.db import connection, models

BATCH_SIZE = 5000


def insert_rows(
    *,
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    batch_size: int = BATCH_SIZE,
) -> int:
    """Insert `rows` (tuples in the order of `fields`, field names as on the model) and
    return how many were inserted."""
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    columns = [str(field.column) for field in model_fields]  # type: ignore[union-attr]
    # Only these need the ORM's conversion; preparing every value is what makes it slow.
    convert = [
        (i, field)
        for i, field in enumerate(model_fields)
        if isinstance(field, models.DateField | models.JSONField)
    ]
    quote = connection.ops.quote_name
    # Table and column names come from the model, quoted; values are parameters.
    table = quote(meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    count = 0
    # Dates repeat (an import's one timestamp, a data set's dates): each is prepared once.
    prepared: dict[tuple[int, object], object] = {}
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, batch_size)):
            if convert:
                batch = [_converted(row, convert, prepared) for row in batch]
            cursor.executemany(sql, batch)  # type: ignore[arg-type]  # plain values
            count += len(batch)
    return count


def _converted(
    row: Sequence[object], convert: list, prepared: dict[tuple[int, object], object]
) -> list[object]:
    values = list(row)
    for i, field in convert:
        value = values[i]
        if not isinstance(value, date):  # JSON (1 == True as a key) and None: every time
            values[i] = field.get_db_prep_save(value, connection)
            continue
        key = (i, value)
        if key not in prepared:
            prepared[key] = field.get_db_prep_save(value, connection)
        values[i] = prepared[key]
    return values
