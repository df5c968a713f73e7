#!/usr/bin/env python
from __future__ import annotations

import os
import sys

# What Django's own `manage.py help` still answers when the settings refuse the environment.
_WITHOUT_SETTINGS: tuple[list[str], ...] = ([], ["help"], ["--help"], ["-h"], ["--version"])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # config/settings.py refuses a missing or malformed setting with a message that says what to
        # set; a command would otherwise bury it under thirty lines of traceback through Django.
        settings.INSTALLED_APPS  # noqa: B018 (loading the settings is the point)
    except ImproperlyConfigured as exc:
        if sys.argv[1:2] not in _WITHOUT_SETTINGS:
            sys.exit(f"manage.py: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
