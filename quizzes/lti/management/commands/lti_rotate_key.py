from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from quizzes.lti.keys import tool_key_rotate


class Command(BaseCommand):
    help = "Make a new LTI signing key; the old one stays in the JWKS for LTI_KEY_GRACE_SECONDS."

    def handle(self, *args: Any, **options: Any) -> None:
        key = tool_key_rotate()
        self.stdout.write(f"new LTI signing key {key.kid}")
