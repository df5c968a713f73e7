"""Demo step for `load_seeds`: the lexicon, the generated banks of the seed readings, approved.

Quizzes draw only approved questions, so the demo approves the generated banks the way an
admin would with "approve all" (they are shared by every course: instructors only read them). Idempotent: regeneration leaves approved questions
alone and a second approval changes nothing.
"""

from __future__ import annotations

from courseware.models import Reading
from demo.accounts import DemoContext
from demo.readings import DEMO_READINGS
from quizzes.generation.extract import Mention
from quizzes.generation.service import bank_generate_for_reading, lexicon_load_seed
from quizzes.models import Question
from quizzes.services.review import questions_bulk_approve


def seed_question_banks(ctx: DemoContext) -> None:
    added = lexicon_load_seed()
    ctx.log.append(f"lexicon: {added} terms added")
    files = [name for name, _, _ in DEMO_READINGS]
    readings = Reading.objects.filter(original_filename__in=files, is_latest=True).order_by("pk")
    cache: dict[int, tuple[frozenset[str], list[Mention]]] = {}
    # The generated banks are shared by every course, so only an admin may approve them.
    reviewer = ctx.admin
    for reading in readings:
        report = bank_generate_for_reading(reading=reading, mention_cache=cache)
        drafts = Question.objects.filter(bank_id=report.bank_id, is_current=True, status=Question.Status.DRAFT)
        approved = questions_bulk_approve(questions=drafts, user=reviewer) if reviewer is not None else 0
        ctx.log.append(f"bank of {reading.title[:50]}: {report.questions} questions, {approved} approved now")
