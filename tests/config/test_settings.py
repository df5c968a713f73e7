from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    base.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def test_it_refuses_to_start_without_secret_key_in_production_mode():
    result = _run_manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_command_refused_by_the_settings_says_only_what_to_set():
    result = _run_manage("migrate", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "manage.py: SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)."
    ]


def test_help_still_lists_the_commands_when_the_settings_refuse():
    result = _run_manage("help", env={"DEBUG": "0"})
    assert result.returncode == 0
    assert "migrate" in result.stdout


def test_it_refuses_a_malformed_boolean():
    result = _run_manage("check", env={"DEBUG": "ture"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_it_refuses_a_database_url_with_an_unknown_scheme():
    result = _run_manage("check", env={"DEBUG": "1", "DATABASE_URL": "mongodb://localhost/x"})
    assert result.returncode != 0
    assert "DATABASE_URL must start with" in result.stderr


def test_production_mode_passes_the_deploy_checklist():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": "x" * 20 + "-production-secret-0123456789-abcdefghijk"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("SECURE_HSTS_SECONDS", 31536000), ("SECURE_REFERRER_POLICY", "same-origin"), ("SESSION_COOKIE_SECURE", True)],
)
def test_production_mode_sets_security_headers(setting, expected):
    code = f"from django.conf import settings; print(repr(settings.{setting}))"
    env = {"DEBUG": "0", "SECRET_KEY": "s" * 60, "DJANGO_SETTINGS_MODULE": "config.settings"}
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    base.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=base, capture_output=True, text=True
    )
    assert result.stdout.strip() == repr(expected), result.stderr


def test_passwords_are_hashed_with_argon2_in_production():
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    base.update({"DEBUG": "0", "SECRET_KEY": "s" * 60, "DJANGO_SETTINGS_MODULE": "config.settings"})
    code = "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True)
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", result.stderr


@pytest.mark.parametrize(("behind_proxy", "expected"), [("0", "0"), ("1", "1")])
def test_one_proxy_is_trusted_by_default_only_behind_the_tls_proxy(behind_proxy, expected):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TRUSTED_PROXY_COUNT"}}
    base.update({"DEBUG": "1", "BEHIND_TLS_PROXY": behind_proxy, "DJANGO_SETTINGS_MODULE": "config.settings"})
    code = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True)
    assert result.stdout.strip() == expected, result.stderr


def test_it_refuses_a_negative_proxy_count():
    result = _run_manage("check", env={"DEBUG": "1", "TRUSTED_PROXY_COUNT": "-1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr


# --- SQLite gets the same concurrency settings whichever way it is chosen (F19) ----------------------

SQLITE_RACE = """
import threading
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS race (n integer)")
    cursor.execute("PRAGMA journal_mode")
    print("journal_mode", cursor.fetchone()[0])
print("options", sorted(connection.settings_dict["OPTIONS"].items()))

read, written, errors = threading.Event(), threading.Event(), []

def submit_that_reads_then_writes():
    # A submit: reads the attempt, then writes it, in one transaction.
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM race")
                read.set()
                written.wait(timeout=1)  # with IMMEDIATE the other writer waits for us instead
                cursor.execute("INSERT INTO race VALUES (1)")
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

def concurrent_write():
    read.wait(timeout=10)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO race VALUES (2)")
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        written.set()
        connection.close()

threads = [threading.Thread(target=submit_that_reads_then_writes), threading.Thread(target=concurrent_write)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM race")
    print("rows", cursor.fetchone()[0])
print("errors", errors)
"""


@pytest.mark.parametrize("chosen_by", ["default", "DATABASE_URL"])
def test_sqlite_keeps_wal_and_immediate_transactions_however_it_is_chosen(chosen_by, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", STRATEGIKON_VAR_DIR=str(tmp_path))
    if chosen_by == "DATABASE_URL":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'chosen-by-url.sqlite3'}"
    result = subprocess.run([sys.executable, "-c", SQLITE_RACE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert result.returncode == 0, result.stderr
    assert lines["journal_mode"] == "wal"
    assert "('transaction_mode', 'IMMEDIATE')" in lines["options"] and "('timeout', 20)" in lines["options"]
    # Both writers succeed, one after the other: no "database is locked" half-way through.
    assert lines["errors"] == "[]"
    assert lines["rows"] == "2"


PREPARED = "import django; django.setup(); from django.conf import settings; o = settings.DATABASES['default'].get('OPTIONS', {}); print(o.get('server_side_binding'), o.get('prepare_threshold'))"


@pytest.mark.parametrize(
    ("url", "switch", "expected"),
    [
        ("postgres://postgres@127.0.0.1:5432/strategikon", None, "True 5"),
        ("postgres://postgres@127.0.0.1:5432/strategikon", "0", "None None"),
        ("sqlite:////tmp/strategikon-settings-test.sqlite3", None, "None None"),
    ],
)
def test_postgresql_plans_a_repeated_statement_once_per_connection_unless_told_not_to(url, switch, expected):
    # Server-side binding is what lets psycopg prepare; a pooler in transaction mode may need both off.
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DB_PREPARED_STATEMENTS"}}
    base.update({"DEBUG": "1", "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"})
    if switch is not None:
        base["DB_PREPARED_STATEMENTS"] = switch
    result = subprocess.run([sys.executable, "-c", PREPARED], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == expected, result.stderr
