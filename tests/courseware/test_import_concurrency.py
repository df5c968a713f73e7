"""Imports running at the same time: versions stay distinct, duplicates are not saved twice."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from courseware.models import Reading
from courseware.services.readings import reading_import

TITLE = "Forward defence"


def run_concurrently(*jobs):
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as exc:  # reported by the assertion below
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_new_versions_imported_at_once_get_different_numbers():
    reading_import(data=b"Forward defence, first version of the text.\n", filename="v1.txt", title=TITLE)
    results = run_concurrently(
        lambda: reading_import(data=b"Forward defence, edited by Anna.\n", filename="a.txt", title=TITLE),
        lambda: reading_import(data=b"Forward defence, edited by Piotr.\n", filename="b.txt", title=TITLE),
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    versions = sorted(Reading.objects.filter(title=TITLE).values_list("version", flat=True))
    assert versions == [1, 2, 3]
    assert Reading.objects.filter(title=TITLE, is_latest=True).count() == 1
    assert Reading.objects.get(title=TITLE, is_latest=True).version == 3


@pytest.mark.django_db(transaction=True)
def test_the_same_bytes_imported_twice_at_once_are_saved_once():
    data = b"Enhanced Forward Presence\n\nFour battlegroups were deployed in 2017.\n"
    results = run_concurrently(
        lambda: reading_import(data=data, filename="a.txt"),
        lambda: reading_import(data=data, filename="b.txt"),
    )
    assert not [result for result in results if isinstance(result, Exception)], results
    assert Reading.objects.count() == 1
    assert sorted(result.created for result in results) == [False, True]
