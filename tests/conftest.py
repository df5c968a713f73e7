"""The small cast every test speaks about, and shared fixtures.

cast: ``admin`` (site admin), ``instructor`` (teaches ``course``), ``other_instructor``
(teaches ``other_course``), ``student`` (enrolled in ``course``), ``other_student``
(enrolled in ``other_course`` only).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest
from django.test import Client

from courseware.models import Enrollment, User
from tests.factories import DEFAULT_PASSWORD, CourseFactory, EnrollmentFactory, UserFactory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Benchmarks have their own command (`make bench-tests`); `make test` never runs them.
    if config.getoption("-m") and "benchmark" in config.getoption("-m"):
        return
    skip = pytest.mark.skip(reason="benchmark: run with `make bench-tests`")
    for item in items:
        if "benchmark" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _token_cache_forgotten() -> None:
    """Each test starts with an empty API token cache (config/authentication.py): database
    rows from an earlier test are gone, and query counts include the first token lookup."""
    from config import authentication

    authentication._TOKENS.clear()


@pytest.fixture(autouse=True)
def _drawn_rows_forgotten() -> None:
    """Each test's draws start with nothing remembered (quizzes/services/draws.py), as the token
    cache above: query counts then include reading the bank's rows, whatever ran before."""
    from quizzes.services import draws

    draws._DRAWN.clear()


def cache_clear() -> None:
    """Empty this test process's part of the cache (login limits, throttles). With Redis, only
    its own keys: ``clear()`` would flush the whole database, the Celery broker's included."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _cache_directory_removed() -> Iterator[None]:
    """The file cache of this test process is its own directory (config/settings.py): remove it at the end."""
    yield
    import shutil

    from django.conf import settings

    location = settings.CACHES["default"].get("LOCATION", "")
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache") and "test-" in str(location):
        shutil.rmtree(location, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _media_root_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files the tests store (question images) go to a directory of this test process, removed
    with pytest's temporary directories, never to ``var/media``."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with no login failures or throttle counts: the cache is shared by the
    whole test process (a directory, or Redis), so counts would otherwise carry over."""
    cache_clear()
    yield
    cache_clear()


@pytest.fixture
def worker_start_undone() -> Iterator[None]:
    """For a test that sends a pool process's start signal (``worker_process_init``) in the test
    process: afterwards, undo what config/celery.py's receivers did there (the collector's freeze
    and the pool process's first-task flag)."""
    from config import celery as celery_config

    try:
        yield
    finally:
        gc.unfreeze()
        celery_config._pool_process["warming_up"] = False


@pytest.fixture
def password() -> str:
    return DEFAULT_PASSWORD


@pytest.fixture
def admin(db: None) -> User:
    return UserFactory(username="admin-user", role=User.Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def instructor(db: None) -> User:
    return UserFactory(username="instructor-user", role=User.Role.INSTRUCTOR, is_staff=True)


@pytest.fixture
def other_instructor(db: None) -> User:
    return UserFactory(username="other-instructor", role=User.Role.INSTRUCTOR, is_staff=True)


@pytest.fixture
def student(db: None) -> User:
    return UserFactory(username="student-user", role=User.Role.STUDENT)


@pytest.fixture
def other_student(db: None) -> User:
    return UserFactory(username="other-student", role=User.Role.STUDENT)


@pytest.fixture
def course(instructor: User, student: User):  # type: ignore[no-untyped-def]
    course = CourseFactory(title="NATO and Ukraine", slug="nato-ukraine", created_by=instructor)
    EnrollmentFactory(course=course, user=instructor, role=Enrollment.Role.INSTRUCTOR)
    EnrollmentFactory(course=course, user=student, role=Enrollment.Role.STUDENT)
    return course


@pytest.fixture
def other_course(other_instructor: User, other_student: User):  # type: ignore[no-untyped-def]
    course = CourseFactory(title="Other course", slug="other-course", created_by=other_instructor)
    EnrollmentFactory(course=course, user=other_instructor, role=Enrollment.Role.INSTRUCTOR)
    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    return course


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
