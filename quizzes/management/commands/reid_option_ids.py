"""``manage.py reid_option_ids``: give random option ids to questions still stored with key-revealing ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from quizzes.services.option_ids import option_ids_reid


class Command(BaseCommand):
    help = (
        "Rename option ids such as c1, l1/r1 and o1.. (which give the answer key away) to random ones, with the "
        "responses and regrade logs that refer to them. Questions an attempt in progress shows are left for a later run."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = option_ids_reid()
        self.stdout.write(f"Renamed the option ids of {len(report.renamed)} question(s).")
        if report.in_progress:
            self.stdout.write(
                f"{len(report.in_progress)} question(s) are shown by attempts in progress and keep their ids for now; "
                "run this command again once those attempts are submitted."
            )
