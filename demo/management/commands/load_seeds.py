"""`python manage.py load_seeds`: idempotent demo data (running it twice changes nothing)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.accounts import DemoContext, seed_accounts_and_course
from demo.banks import seed_question_banks
from demo.quiz import seed_demo_quiz_and_practice
from demo.readings import seed_readings_and_lessons

# Each step takes the DemoContext and must be idempotent. Order matters: readings before
# lessons and questions, approved questions before the demo quiz.
STEPS = [seed_accounts_and_course]
STEPS.append(seed_readings_and_lessons)
STEPS.append(seed_question_banks)
STEPS.append(seed_demo_quiz_and_practice)


class Command(BaseCommand):
    help = "Create demo accounts, the demo course and its readings, lessons, question bank and quiz."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--password", help="password for the demo accounts (default: $DEMO_PASSWORD or a generated one)")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off (demo accounts on a real site!)")

    def handle(self, *args: Any, password: str | None, force: bool, **options: Any) -> None:
        import os

        if not settings.DEBUG and not force:
            raise CommandError("load_seeds creates demo accounts; refusing with DEBUG off. Use --force if you really mean it.")
        password = password or os.environ.get("DEMO_PASSWORD") or self._remembered_password()
        ctx = DemoContext(password=password)
        with transaction.atomic():
            for step in STEPS:
                step(ctx)
        for line in ctx.log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo logins (new accounts only get this password; existing ones keep theirs):"))
        for name in ("admin", "instructor", "student1", "student2", "student3"):
            self.stdout.write(f"  {name} / {password}")

    @staticmethod
    def _remembered_password() -> str:
        # A generated password is kept in var/ so that a second run prints the same, valid one.
        path = settings.VAR_DIR / "demo-password"
        if path.exists():
            return path.read_text().strip()
        password = secrets.token_urlsafe(9)
        path.write_text(password + "\n")
        path.chmod(0o600)
        return password
