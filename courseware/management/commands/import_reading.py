"""`python manage.py import_reading PATH [--title T] [--kind K] [--json]`.

Runs the import inline (no worker needed). With ``--json`` prints exactly one JSON object:
``{"reading": {...}, "created": bool, "sections": [...], "removed": [...]}``. Bad input exits
non-zero with the reason on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from courseware.ingest.pipeline import KINDS
from courseware.services.readings import ReadingImportError, reading_import


class Command(BaseCommand):
    help = "Import a reading (plain text, Markdown, HTML or PDF) and split it into sections."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="file to import")
        parser.add_argument("--title", help="title (default: detected from the text, else the file name)")
        parser.add_argument("--kind", choices=KINDS, help="paper, news or report (default: guessed)")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the result as one JSON object")

    def handle(self, *args: Any, path: str, title: str | None, kind: str | None, as_json: bool, **options: Any) -> None:
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        try:
            result = reading_import(data=data, filename=file.name, title=title, kind=kind)
        except ReadingImportError as exc:
            raise CommandError(str(exc)) from exc
        if as_json:
            # ASCII-only JSON (\u escapes) survives any terminal or pipe encoding.
            self.stdout.write(json.dumps(result.as_dict()))
            return
        reading = result.reading
        verb = "Imported" if result.created else "Already imported"
        self.stdout.write(f"{verb}: #{reading.pk} {reading.title} (v{reading.version}, {reading.kind}, {reading.language})")
        for section in result.sections:
            self.stdout.write(
                f"  {section.order:>2}. [{section.kind}/{section.language}] {section.heading or '(no heading)'} — {len(section.text)} chars"
            )
        for span in result.removed:
            self.stdout.write(f"  removed ({span.reason}): {span.text[:80]!r}")
