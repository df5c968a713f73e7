"""The web application refuses to start in production mode when static files were never
collected, saying what to run, instead of answering 500 on every page (review: "Also seen")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

from config.startup import refuse_to_serve_if_broken, static_files_problem

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "p" * 60, "DJANGO_SETTINGS_MODULE": "config.settings"}


def production_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return env | PRODUCTION | {"STRATEGIKON_VAR_DIR": str(var_dir)}


def test_gunicorn_in_production_mode_without_collectstatic_stops_at_start_saying_what_to_run(tmp_path):
    # The README's production command, on a build that skipped collectstatic.
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--preload", "-w", "1", "-b", "127.0.0.1:0"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Static files have not been collected" in result.stderr
    assert "python manage.py collectstatic --noinput" in result.stderr
    assert str(tmp_path / "staticfiles" / "staticfiles.json") in result.stderr


def test_the_asgi_application_refuses_too(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import config.asgi"], cwd=ROOT, env=production_env(tmp_path), capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "python manage.py collectstatic --noinput" in result.stderr


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    storages._storages.pop("staticfiles", None)
    yield tmp_path
    storages._storages.pop("staticfiles", None)


def test_production_storage_without_a_manifest_is_refused(manifest_storage):
    assert static_files_problem() is not None
    with pytest.raises(ImproperlyConfigured, match="collectstatic"):
        refuse_to_serve_if_broken()


def test_production_storage_with_the_manifest_collectstatic_writes_starts(manifest_storage):
    (manifest_storage / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": {}, "hash": ""}))
    assert static_files_problem() is None
    refuse_to_serve_if_broken()


def test_development_and_test_storage_needs_nothing_collected():
    assert static_files_problem() is None
