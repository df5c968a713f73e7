"""Demo step for `load_seeds`: an open quiz drawn from the approved seed banks, and a practice
schedule for each demo student.

Runs after the question-bank step. Idempotent: the quiz is found by title and kept; a student
who already has a practice schedule keeps it. With no approved questions yet it does nothing.
"""

from __future__ import annotations

import random

from courseware.models import Module
from demo.accounts import DemoContext
from demo.readings import DEMO_READINGS
from quizzes.models import Fact, Question, QuestionBank, Quiz
from quizzes.services.practice import practice_schedule_facts
from quizzes.services.quizzes import SourceSpec, quiz_create

DEMO_QUIZ_TITLE = "Check your understanding: NATO and Ukraine"
DEMO_QUIZ_SIZE = 20
DEMO_PRACTICE_FACTS = 6


def _demo_banks() -> list[tuple[QuestionBank, int]]:
    """The seed readings' banks with how many approved questions each holds (largest first)."""
    files = [name for name, _, _ in DEMO_READINGS]
    banks = QuestionBank.objects.filter(reading__original_filename__in=files).order_by("id")
    counted = [(bank, Question.objects.filter(bank=bank, is_current=True, status=Question.Status.APPROVED).count()) for bank in banks]
    return sorted([(b, n) for b, n in counted if n], key=lambda pair: (-pair[1], pair[0].pk))


def _split(total: int, available: list[int]) -> list[int]:
    """Share ``total`` draws across banks in proportion to what they hold, never more than they hold."""
    whole = sum(available)
    counts = [min(n, total * n // whole) for n in available]
    i = 0
    while sum(counts) < min(total, whole):
        if counts[i % len(counts)] < available[i % len(counts)]:
            counts[i % len(counts)] += 1
        i += 1
    return counts


def seed_demo_quiz_and_practice(ctx: DemoContext) -> None:
    if ctx.course is None:
        return
    banks = _demo_banks()
    if not banks:
        ctx.log.append("demo quiz: skipped, no approved questions yet")
        return
    module = Module.objects.filter(course=ctx.course).order_by("order", "id").first()
    if module is None:
        ctx.log.append("demo quiz: skipped, the demo course has no module")
        return

    quiz = Quiz.objects.filter(module__course=ctx.course, title=DEMO_QUIZ_TITLE, is_practice=False).first()
    if quiz is None:
        counts = _split(DEMO_QUIZ_SIZE, [n for _, n in banks])
        quiz = quiz_create(
            module=module,
            title=DEMO_QUIZ_TITLE,
            owner=ctx.instructor,
            description="Twenty questions drawn for you from the readings' approved question banks. Take it as often as you like.",
            sources=[SourceSpec(bank=bank, count=count) for (bank, _), count in zip(banks, counts, strict=True) if count],
            time_limit_seconds=30 * 60,
            attempts_allowed=None,
            is_published=True,
        )
        ctx.log.append(f"demo quiz created: {quiz.title} ({sum(counts)} questions per attempt)")
    else:
        ctx.log.append(f"demo quiz kept: {quiz.title}")

    # Facts behind approved questions, so every scheduled fact can be practised.
    facts = list(
        Fact.objects.filter(
            questions__bank__in=[b for b, _ in banks], questions__is_current=True, questions__status=Question.Status.APPROVED
        )
        .distinct()
        .order_by("id")
    )
    for student in ctx.students:
        if student.fact_mastery.exists():
            continue
        chosen = random.Random(student.username).sample(facts, min(DEMO_PRACTICE_FACTS, len(facts)))
        added = practice_schedule_facts(user=student, facts=chosen)
        ctx.log.append(f"practice schedule for {student.username}: {added} facts due")
