"""Demo step for `load_seeds`: the three seed readings and a published module of lessons built
from the seed paper. Idempotent: a second run imports nothing (same bytes) and builds no
lesson twice."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from courseware.models import Module, Reading
from courseware.services.lessons import lessons_build_from_reading, module_create
from courseware.services.readings import reading_import
from demo.accounts import DemoContext

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
DEMO_PAPER_TITLE = "NATO's response to the war in Ukraine"
DEMO_MODULE_TITLE = "NATO's response to the war"

# (file, kind, title). None lets the importer take the title from the text (the news
# articles open with theirs); the paper has no title line, only its abstract.
DEMO_READINGS: tuple[tuple[str, str, str | None], ...] = (
    ("000_c7d0d170a110670f.txt", Reading.Kind.NEWS, None),
    ("001_122a6323637d3253.txt", Reading.Kind.NEWS, None),
    ("002_d5b0e1543fdd7663.txt", Reading.Kind.PAPER, DEMO_PAPER_TITLE),
)
DEMO_PAPER_FILE = DEMO_READINGS[2][0]


def seed_readings_and_lessons(ctx: DemoContext) -> None:
    readings: dict[str, Reading] = {}
    for filename, kind, title in DEMO_READINGS:
        path = SEEDS_DIR / filename
        # The demo bank step generates questions synchronously (quizzes/demo_bank.py): no queued job too.
        result = reading_import(
            data=path.read_bytes(), filename=filename, title=title, kind=kind, imported_by=ctx.admin, generate_questions=False
        )
        readings[filename] = result.reading
        ctx.log.append(f"reading {'imported' if result.created else 'kept'}: {result.reading.title} ({len(result.sections)} sections)")
    if ctx.course is None:
        return
    paper = readings[DEMO_PAPER_FILE]
    module = Module.objects.filter(course=ctx.course, title=DEMO_MODULE_TITLE).first()
    if module is None:
        module = module_create(
            course=ctx.course,
            title=DEMO_MODULE_TITLE,
            description="Military, economic and political support for Ukraine, the membership question and how the war might end.",
            reading=paper,
            is_published=True,
        )
    lessons = lessons_build_from_reading(module=module, reading=paper)
    ctx.log.append(f"module {module.title}: {len(lessons)} lessons built, {module.lessons.count()} in all")
