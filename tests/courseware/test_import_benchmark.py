"""How long importing the seed paper takes: the pipeline alone and the whole service with its
database writes. Prints figures; asserts only that the work was done.

Run: `.venv/bin/python -m pytest tests/courseware/test_import_benchmark.py -m benchmark -s`
(add DATABASE_URL to measure on PostgreSQL).
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.conf import settings
from django.db import transaction

from courseware.ingest.pipeline import parse_reading
from courseware.models import Reading
from courseware.services.readings import reading_import
from tests.courseware.readings_support import PAPER_HEADINGS, SEED_PAPER

ROUNDS = 20


@pytest.mark.benchmark
@pytest.mark.django_db
def test_import_time_of_the_seed_paper():
    data = SEED_PAPER.read_bytes()
    pipeline, service = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        parsed = parse_reading(data, filename=SEED_PAPER.name, max_bytes=settings.READING_MAX_BYTES)
        pipeline.append(time.perf_counter() - started)
        assert [section.heading for section in parsed.sections] == PAPER_HEADINGS
    for _ in range(ROUNDS):
        with transaction.atomic():
            started = time.perf_counter()
            result = reading_import(data=data, filename=SEED_PAPER.name, kind="paper")
            service.append(time.perf_counter() - started)
            assert result.created and Reading.objects.count() == 1
            transaction.set_rollback(True)  # so that the next round imports afresh
    print(
        f"\nseed paper ({len(data)} bytes): pipeline median {statistics.median(pipeline) * 1000:.1f} ms "
        f"(min {min(pipeline) * 1000:.1f}); reading_import with database writes median {statistics.median(service) * 1000:.1f} ms "
        f"(min {min(service) * 1000:.1f}) over {ROUNDS} rounds on {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
