"""On PostgreSQL the hot paths' statements are prepared once per connection (config/settings.py,
``DB_PREPARED_STATEMENTS``): planning an autosave's read cost PostgreSQL more than running it."""

from __future__ import annotations

import pytest
from django.db import connection

from courseware.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's; SQLite has no planner to spare")
def test_a_statement_run_five_times_on_a_connection_is_prepared_by_postgresql(student) -> None:
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return int(cursor.fetchone()[0])

    before = prepared()
    for _ in range(6):  # psycopg prepares from the sixth run (prepare_threshold 5)
        assert User.objects.filter(pk=student.pk, is_active=True).exists()
    assert prepared() == before + 1
