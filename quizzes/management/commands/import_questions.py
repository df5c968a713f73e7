"""``manage.py import_questions --format gift|moodle-xml|aiken FILE [--bank NAME] [--json]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.services.interop import IMPORT_FORMATS, questions_import


class Command(BaseCommand):
    help = "Import questions from a GIFT, Moodle XML or Aiken file into a bank (as drafts for review)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=IMPORT_FORMATS, dest="fmt")
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", help="bank name; created if missing (default: 'Imported from FILE')")
        parser.add_argument("--json", action="store_true", help='print {"imported": n, "errors": [...], "notes": [...]}')

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        bank = options["bank"] or f"Imported from {path.name}"
        # The operator at the command line is trusted: no user, no role check.
        try:
            report = questions_import(bank=bank, fmt=options["fmt"], data=data, user=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Imported {report.imported} question(s) into {bank!r}.")
        for error in report.errors:
            self.stderr.write(f"error: {_where(error.as_dict())}{error.reason}")
        for note in report.notes:
            self.stdout.write(f"note: {_where(note.as_dict())}{note.reason}")


def _where(issue: dict[str, Any]) -> str:
    parts = []
    if "line" in issue:
        parts.append(f"line {issue['line']}")
    if "question" in issue:
        parts.append(f"question {issue['question']}")
    return (", ".join(parts) + ": ") if parts else ""
