"""`python manage.py generate_questions [--reading ID] [--json]`: generate question banks inline."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from courseware.models import Reading
from quizzes.generation.extract import Mention
from quizzes.generation.service import bank_generate_for_reading


class Command(BaseCommand):
    help = "Generate (or regenerate) the question banks of readings, without a worker. Reviewed questions are never overwritten."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--reading", type=int, help="only this reading (default: the latest version of every reading)")
        parser.add_argument("--json", action="store_true", help='print {"readings", "questions", "by_type", "by_topic", "seconds"}')

    def handle(self, *args: Any, reading: int | None, json: bool, **options: Any) -> None:
        if reading is not None:
            readings = list(Reading.objects.filter(pk=reading))
            if not readings:
                raise CommandError(f"No reading with id {reading}.")
        else:
            readings = list(Reading.objects.filter(is_latest=True).order_by("pk"))
        started = time.perf_counter()
        cache: dict[int, tuple[frozenset[str], list[Mention]]] = {}
        by_type: Counter[str] = Counter()
        by_topic: Counter[str] = Counter()
        total = 0
        for item in readings:
            report = bank_generate_for_reading(reading=item, mention_cache=cache)
            total += report.questions
            by_type.update(report.by_type)
            by_topic.update(report.by_topic)
            if not json:
                self.stdout.write(
                    f"{item.title[:60]}: {report.questions} questions ({report.created} new, {report.refreshed} refreshed, "
                    f"{report.protected} reviewed and kept, {report.deleted} removed) in {report.seconds:.2f} s"
                )
        seconds = round(time.perf_counter() - started, 3)
        payload = {
            "readings": len(readings),
            "questions": total,
            "by_type": dict(sorted(by_type.items())),
            "by_topic": dict(sorted(by_topic.items())),
            "seconds": seconds,
        }
        if json:
            self.stdout.write(_dumps(payload))
        else:
            self.stdout.write(self.style.SUCCESS(f"{total} questions for {len(readings)} readings in {seconds:.2f} s"))


def _dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload)
