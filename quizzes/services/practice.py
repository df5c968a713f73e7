"""Spaced-repetition practice: the facts due in a student's schedule (their FSRS cards, kept by
``quizzes.services.mastery``) and a personal practice quiz built from the questions about them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from fsrs import Card

from courseware.models import Course, Module
from courseware.permissions import RequestUser, signed_in
from quizzes.models import Fact, FactMastery, Question, Quiz
from quizzes.review_policy import practice_withheld
from quizzes.services.draws import DrawCandidate, draw_compatible
from quizzes.services.quizzes import quiz_create

PRACTICE_SIZE = 10
PRACTICE_TITLE = "Practice: {count} facts due"
# Practice quizzes a student may take per course and day (each shows the keys of its questions).
PRACTICE_PER_DAY = 10
PRACTICE_LIMIT_REACHED = "You have taken {count} practice quizzes in this course today; more tomorrow."


def practice_schedule_facts(*, user: RequestUser, facts: Iterable[Fact], now: datetime | None = None) -> int:
    """Put facts in a student's practice schedule, due now (facts already scheduled keep their card).

    Used by the demo data, and by instructors who want a class to practise given facts.
    """
    now = now or timezone.now()
    facts = list(facts)
    existing = set(FactMastery.objects.filter(user=signed_in(user), fact__in=facts).values_list("fact_id", flat=True))
    rows = [
        FactMastery(user=signed_in(user), fact=fact, card=Card(card_id=fact.pk, due=now).to_dict(), due=now)
        for fact in facts
        if fact.pk not in existing
    ]
    FactMastery.objects.bulk_create(rows)
    return len(rows)


def practice_due_facts(*, user: RequestUser, now: datetime | None = None, limit: int = PRACTICE_SIZE) -> list[FactMastery]:
    now = now or timezone.now()
    return list(FactMastery.objects.filter(user=signed_in(user), due__lte=now).select_related("fact").order_by("due", "fact_id")[:limit])


def _practice_module(course: Course, facts: Sequence[Fact]) -> Module | None:
    readings = {f.reading_id for f in facts}
    modules = list(Module.objects.filter(course=course).order_by("order", "id"))
    return next((m for m in modules if m.reading_id in readings), modules[0] if modules else None)


class PracticeLimitReached(Exception):
    """The student has used today's practice quizzes in this course."""

    code = "practice_limit_reached"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _practice_started_today(user: RequestUser, course: Course, now: datetime) -> int:
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Quiz.objects.filter(owner_id=user.pk, is_practice=True, module__course=course, attempts__started_at__gte=start_of_day)
        .distinct()
        .count()
    )


@transaction.atomic
def practice_quiz_build(*, user: RequestUser, course: Course, size: int = PRACTICE_SIZE, now: datetime | None = None) -> Quiz | None:
    """Build a personal practice quiz from the facts due for ``user``; None if nothing is due.

    One approved question per due fact (a different one each day where a fact has several),
    none giving another away (the quiz draw's exclusion rule), never one the student was shown
    in an attempt whose review policy still hides its key, nor one sharing an option id with
    such a question (``review_policy.practice_withheld``): a practice quiz shows every key, and
    must not show those. An earlier practice quiz the student never started is replaced rather
    than left lying around; at most ``PRACTICE_PER_DAY`` are taken per course and day
    (PracticeLimitReached), so building and submitting practice again and again is not a way to
    read keys in bulk.
    """
    now = now or timezone.now()
    if _practice_started_today(user, course, now) >= PRACTICE_PER_DAY:
        raise PracticeLimitReached(PRACTICE_LIMIT_REACHED.format(count=PRACTICE_PER_DAY))
    due = practice_due_facts(user=user, now=now, limit=size)
    if not due:
        return None
    withheld = practice_withheld(user=user, now=now)
    candidates = [
        q
        for q in Question.objects.filter(fact_id__in=[d.fact_id for d in due], is_current=True, status=Question.Status.APPROVED).order_by(
            "id"
        )
        if withheld.allows(q)
    ]
    rng = random.Random(f"{user.pk}:{now.date().isoformat()}")
    by_id = {q.pk: q for q in candidates}
    taken: list[DrawCandidate] = []
    chosen: list[Question] = []
    for mastery in due:
        # One question per fact, none giving another away (a fact whose every question would is
        # left for another day).
        options = [DrawCandidate.of(q) for q in candidates if q.fact_id == mastery.fact_id]
        chosen.extend(by_id[c.pk] for c in draw_compatible(options, count=1, taken=taken, rng=rng))
    module = _practice_module(course, [d.fact for d in due])
    if not chosen or module is None:
        return None
    Quiz.objects.filter(owner_id=user.pk, is_practice=True, module__course=course, attempts__isnull=True).delete()
    return quiz_create(
        module=module,
        title=PRACTICE_TITLE.format(count=len(chosen)),
        owner=user,
        fixed_questions=chosen,
        shuffle_questions=True,
        shuffle_options=True,
        attempts_allowed=1,
        is_published=True,
        is_practice=True,
        review_after_submit=Quiz.Review.FEEDBACK,
        review_after_close=Quiz.Review.FEEDBACK,
    )
