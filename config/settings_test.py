"""Settings of the test suite: production settings (``config.settings``) with what tests need
changed, selected explicitly (pytest's ``DJANGO_SETTINGS_MODULE`` in pyproject.toml; processes the
tests start inherit it through the environment), so that production code never asks whether it
runs under a test.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Tests need no secret of their own; production still refuses to start without one.
os.environ.setdefault("SECRET_KEY", "insecure-test-key-never-used-outside-the-test-suite-0123456789")

from config.env import env_bool
from config.settings import *  # noqa: F403
from config.settings import CACHES, PASSWORD_HASHERS, REDIS_URL, STORAGES, VAR_DIR

# Hashing dominates a suite that logs many users in; production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# A cache per test process, so that a test clearing its keys never touches another's.
if not REDIS_URL:  # the file-based cache
    CACHES["default"]["LOCATION"] = str(VAR_DIR / "cache" / f"test-{os.getpid()}")
else:
    CACHES["default"]["KEY_PREFIX"] = f"strategikon-test-{os.getpid()}"

# The test client speaks plain HTTP and static files are not collected.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)

if not REDIS_URL and not os.environ.get("STRATEGIKON_VAR_DIR"):
    # A test run's leftover messages (an import's generation, a submit's grading) must not wait in the
    # checkout's var/broker for the worker of a later `make run`, which would act on its own rows with
    # those ids. Worker tests set STRATEGIKON_VAR_DIR and share their folder with the worker on purpose.
    BROKER_DIR = Path(tempfile.gettempdir()) / f"strategikon-test-broker-{os.getpid()}"
    for _sub in ("in", "processed", "control"):
        (BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)
    # The push channel's signal files likewise (quizzes/attempt_events.py): a worker test gives its
    # worker and itself the same folder.
    ATTEMPT_EVENTS_DIR = Path(tempfile.gettempdir()) / f"strategikon-test-events-{os.getpid()}"

# A wait for "graded" that nothing ends lasts this long: schemathesis calls the push endpoint on an
# attempt in progress several times; tests about the wait itself set their own.
ATTEMPT_EVENTS_TIMEOUT_SECONDS = 1
