"""Per-student tracking: topic and fact mastery after each grading, and spaced-repetition practice.

Mastery is a recency-weighted average of the credit earned (an exponential moving average:
each new answer moves it ``MASTERY_WEIGHT`` of the way towards the new credit), so a student
who has learnt a topic sees it rise without their early mistakes holding it down for ever.

Practice: a fact the student got wrong (less than full credit) gets an FSRS card (``fsrs``
package); every later answer about that fact is a review of the card (wrong -> Again,
partial -> Hard, right -> Good), which decides when the fact is due again. A practice quiz
is built from the questions about the facts due now.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from courseware.models import Course, Module
from quizzes.models import Attempt, Fact, FactMastery, Question, Quiz, Response, TopicMastery
from quizzes.review_policy import PROGRESS_LEVEL, ReviewPolicy, practice_withheld
from quizzes.services.bulk import rows_update
from quizzes.services.draws import DrawCandidate, draw_compatible
from quizzes.services.grading import effective_keys

if TYPE_CHECKING:
    from quizzes.services.grading import EffectiveKey

MASTERY_WEIGHT = 0.3
GENERAL_TOPIC = "general"
PRACTICE_SIZE = 10
PRACTICE_TITLE = "Practice: {count} facts due"
# Practice quizzes a student may take per course and day (each shows the keys of its questions).
PRACTICE_PER_DAY = 10
PRACTICE_LIMIT_REACHED = "You have taken {count} practice quizzes in this course today; more tomorrow."

# Fuzzing off: the same answers give the same schedule, which students and tests can rely on.
SCHEDULER = Scheduler(enable_fuzzing=False)


def _rating(fraction: float) -> Rating:
    if fraction >= 1.0:
        return Rating.Good
    if fraction >= 0.5:
        return Rating.Hard
    return Rating.Again


def _moved(mastery: float, credit: float) -> float:
    return mastery + MASTERY_WEIGHT * (credit - mastery)


def progress_record_graded(*, graded: Sequence[tuple[Attempt, Sequence[Response]]], keys: dict[int, EffectiveKey], now: datetime) -> None:
    """Update the students' topic and fact mastery with freshly graded attempts, as far as the
    review policy lets each student see right/wrong now.

    Called by grading inside its finishing transaction, before it writes the attempt rows: an
    attempt counted here gets ``progress_recorded`` set, which grading saves with its grade. An
    attempt whose policy hides right/wrong waits for ``progress_record_released``. The attempts
    count in the order given (grading passes them in submission order), so a student's two
    attempts graded together end as if graded one after the other. A constant number of queries
    for any number of attempts: the quizzes, a locked read of the topic rows and of the fact
    rows, then bulk writes.
    """
    quizzes = Quiz.objects.in_bulk({attempt.quiz_id for attempt, _ in graded})
    policy = ReviewPolicy(user=None, now=now)
    shown = []
    for attempt, _ in graded:
        attempt.quiz = quizzes[attempt.quiz_id]
    policy.prefetch([attempt for attempt, _ in graded])
    for attempt, responses in graded:
        if not attempt.progress_recorded and policy.feeds_progress(attempt):
            attempt.progress_recorded = True
            shown.append((attempt, responses))
    _record(shown, keys, now)


def progress_record_released(*, quiz_ids: Sequence[int] | None = None, now: datetime | None = None, batch_size: int = 200) -> int:
    """Count the graded attempts that were waiting for their quiz's review policy to show
    right/wrong and now may (the quiz closed, or its policy changed); return how many.

    Called by the service that changes a quiz's close or review settings and by the periodic
    auto-submitter (a close passes without anyone changing anything). Oldest first, in a bounded
    batch; each attempt counts exactly once (its row is locked and re-checked).
    """
    now = now or timezone.now()
    waiting = Attempt.objects.filter(state=Attempt.State.GRADED, progress_recorded=False, quiz__is_practice=False).filter(
        Q(quiz__review_after_submit__gte=PROGRESS_LEVEL) | Q(quiz__closes_at__lte=now, quiz__review_after_close__gte=PROGRESS_LEVEL)
    )
    if quiz_ids is not None:
        waiting = waiting.filter(quiz_id__in=list(quiz_ids))
    with transaction.atomic():
        attempts = list(waiting.select_for_update(of=("self",)).select_related("quiz").order_by("submitted_at", "id")[:batch_size])
        policy = ReviewPolicy(user=None, now=now).prefetch(attempts)
        released = [a for a in attempts if policy.feeds_progress(a)]
        if not released:
            return 0
        responses = list(Response.objects.filter(attempt__in=released).select_related("question").order_by("attempt_id", "position"))
        by_attempt: dict[int, list[Response]] = {a.pk: [] for a in released}
        for response in responses:
            by_attempt[response.attempt_id].append(response)
        keys = effective_keys(questions=[r.question for r in responses])
        _record([(a, by_attempt[a.pk]) for a in released], keys, now)
        for attempt in released:
            attempt.progress_recorded = True
        rows_update(released, ["progress_recorded"])
    return len(released)


def _record(graded: Sequence[tuple[Attempt, Sequence[Response]]], keys: dict[int, EffectiveKey], now: datetime) -> None:
    topic_credits: list[tuple[tuple[int, str], float]] = []
    fact_credits: list[tuple[tuple[int, int], float]] = []
    for attempt, responses in graded:
        for response in responses:
            if response.fraction is None or keys[response.question_id].withdrawn:
                continue
            credit = float(response.fraction)
            topic_credits.append(((attempt.user_id, response.question.topic or GENERAL_TOPIC), credit))
            if response.question.fact_id:
                fact_credits.append(((attempt.user_id, response.question.fact_id), credit))

    if topic_credits:
        topics, new_topics, old_topics = _rows_for(TopicMastery, "topic", {key for key, _ in topic_credits})
        for topic_key, credit in topic_credits:
            row = topics[topic_key]
            row.answered += 1
            row.credit += credit
            row.mastery = _moved(row.mastery, credit)
        _rows_save(TopicMastery, new_topics, old_topics, ["answered", "credit", "mastery", "updated_at"], now)

    if fact_credits:
        facts, new_facts, old_facts = _rows_for(FactMastery, "fact_id", {key for key, _ in fact_credits})
        for fact_key, credit in fact_credits:
            fact_row = facts[fact_key]
            fact_row.answered += 1
            fact_row.correct += int(credit >= 1.0)
            fact_row.mastery = _moved(fact_row.mastery, credit)
            _review(fact_row, credit, now)
        _rows_save(FactMastery, new_facts, old_facts, ["answered", "correct", "mastery", "card", "due", "updated_at"], now)


def _rows_for(model: Any, field: str, keys: set[tuple[int, Any]]) -> tuple[dict[tuple[int, Any], Any], list[Any], list[Any]]:
    """The mastery rows of ``keys`` ((user id, topic or fact id) pairs), the missing ones made
    (unsaved); and the new rows and the existing rows apart, for the writes.

    The existing rows are locked, in id order (so two graders never wait on each other in a
    circle), so that two gradings of the same student at once cannot both read the old value
    and lose one update.
    """
    users, values = {user_id for user_id, _ in keys}, {value for _, value in keys}
    found = model.objects.select_for_update().filter(user_id__in=users, **{f"{field}__in": values}).order_by("id")
    old = [row for row in found if (row.user_id, getattr(row, field)) in keys]
    rows = {(row.user_id, getattr(row, field)): row for row in old}
    new = [model(user_id=user_id, **{field: value}) for user_id, value in sorted(keys - rows.keys())]
    rows.update({(row.user_id, getattr(row, field)): row for row in new})
    return rows, new, old


def _rows_save(model: Any, new: list[Any], old: list[Any], fields: list[str], now: datetime) -> None:
    for row in (*new, *old):
        row.updated_at = now  # a bulk write does not apply auto_now
    model.objects.bulk_create(new)
    rows_update(old, fields)


def _review(row: FactMastery, credit: float, now: datetime) -> None:
    """Review the fact's card; a fact first enters the schedule when the student gets it wrong."""
    if not row.card:
        if credit >= 1.0:
            return
        card = Card(card_id=row.fact_id, due=now)
    else:
        card = Card.from_dict(row.card)  # type: ignore[arg-type]
    card, _ = SCHEDULER.review_card(card, _rating(credit), review_datetime=now)
    row.card = card.to_dict()
    row.due = card.due


def practice_schedule_facts(*, user: Any, facts: Iterable[Fact], now: datetime | None = None) -> int:
    """Put facts in a student's practice schedule, due now (facts already scheduled keep their card).

    Used by the demo data, and by instructors who want a class to practise given facts.
    """
    now = now or timezone.now()
    facts = list(facts)
    existing = set(FactMastery.objects.filter(user=user, fact__in=facts).values_list("fact_id", flat=True))
    rows = [
        FactMastery(user=user, fact=fact, card=Card(card_id=fact.pk, due=now).to_dict(), due=now)
        for fact in facts
        if fact.pk not in existing
    ]
    FactMastery.objects.bulk_create(rows)
    return len(rows)


def practice_due_facts(*, user: Any, now: datetime | None = None, limit: int = PRACTICE_SIZE) -> list[FactMastery]:
    now = now or timezone.now()
    return list(FactMastery.objects.filter(user=user, due__lte=now).select_related("fact").order_by("due", "fact_id")[:limit])


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


def _practice_started_today(user: Any, course: Course, now: datetime) -> int:
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Quiz.objects.filter(owner=user, is_practice=True, module__course=course, attempts__started_at__gte=start_of_day).distinct().count()
    )


@transaction.atomic
def practice_quiz_build(*, user: Any, course: Course, size: int = PRACTICE_SIZE, now: datetime | None = None) -> Quiz | None:
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
    from quizzes.services.quizzes import quiz_create

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
    Quiz.objects.filter(owner=user, is_practice=True, module__course=course, attempts__isnull=True).delete()
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
