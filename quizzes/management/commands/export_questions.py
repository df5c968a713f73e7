"""``manage.py export_questions --format gift|moodle-xml|aiken|json [--bank NAME] [--reading ID]
[--status draft|approved|any] [--output FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.models import QuestionBank
from quizzes.services.interop import EXPORT_FORMATS, EXPORT_STATUSES, questions_export_result, questions_for_export


class Command(BaseCommand):
    help = "Export the current questions of a bank (or of every bank) to GIFT, Moodle XML, Aiken or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="fmt")
        parser.add_argument("--bank", help="bank name (default: every bank)")
        parser.add_argument("--reading", type=int, help="only questions about this reading id")
        parser.add_argument("--status", choices=EXPORT_STATUSES, default="any")
        parser.add_argument("--output", type=Path, help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        bank = None
        if options["bank"]:
            bank = QuestionBank.objects.filter(name=options["bank"]).first()
            if bank is None:
                raise CommandError(f"no bank named {options['bank']!r}")
        questions = questions_for_export(bank=bank, reading_id=options["reading"], status=options["status"])
        result = questions_export_result(fmt=options["fmt"], queryset=questions)
        if options["output"]:
            options["output"].write_text(result.text, encoding="utf-8")
        else:
            self.stdout.write(result.text, ending="")
        # Notes go to stderr so that standard output stays a valid file.
        for note in result.notes:
            self.stderr.write(f"note: {note.question}: {note.reason}" if note.question else f"note: {note.reason}")
