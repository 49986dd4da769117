"""Small database helpers shared by the bulk writers (the demo generator, restore, imports)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """Take `count` fresh primary keys for the model's table, as its own inserts would.

    Bulk writers need ids before inserting so that rows can point at each other. Call it
    inside the transaction that inserts the rows: on SQLite that transaction holds the
    write lock, so nobody else takes these ids (and `sqlite_sequence` remembers ids of
    deleted rows, which AUTOINCREMENT never reuses); on PostgreSQL the sequence hands them
    out atomically.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608 - quoted model table
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0) + 1
        return list(range(start, start + count))
