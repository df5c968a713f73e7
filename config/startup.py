"""Checks the web application makes before it serves anything (config/wsgi.py, config/asgi.py).

They refuse to start in a state where every request would fail, with a message that says what
to run, instead of answering 500 to every page.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

STATIC_NOT_COLLECTED = (
    "Static files have not been collected: {manifest} is missing, and in production mode (DEBUG off) "
    "every page would fail without it. Run `python manage.py collectstatic --noinput` (once per build, "
    "after `python manage.py migrate`), then start the server again."
)


def static_files_problem() -> str | None:
    """Why pages cannot be rendered with the configured static files storage, or None.

    Production's storage (WhiteNoise's manifest storage) resolves each ``{% static %}`` through
    the manifest that ``collectstatic`` writes; without it every template raises. Development
    and tests use the plain storage, which needs nothing collected.
    """
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    if storage.manifest_storage.exists(storage.manifest_name):
        return None
    return STATIC_NOT_COLLECTED.format(manifest=storage.manifest_storage.path(storage.manifest_name))


def refuse_to_serve_if_broken() -> None:
    problem = static_files_problem()
    if problem:
        raise ImproperlyConfigured(problem)
