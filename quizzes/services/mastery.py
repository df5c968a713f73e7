"""Per-student mastery after each grading: topic and fact mastery, and the facts' FSRS cards.

Mastery is a recency-weighted average of the credit earned (an exponential moving average:
each new answer moves it ``quizzes.mastery_rule.MASTERY_WEIGHT`` of the way towards the new credit), so a student
who has learnt a topic sees it rise without their early mistakes holding it down for ever.

A fact the student got wrong (less than full credit) gets an FSRS card (``fsrs`` package); every
later answer about that fact is a review of the card (wrong -> Again, partial -> Hard, right ->
Good), which decides when the fact is due again (``quizzes.services.practice`` builds quizzes of
the facts due). Grading calls ``progress_record_graded``; this module imports no other service, so
grading can import it at the top (the attempts that waited for their review policy are
``quizzes.services.progress``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, Protocol

from fsrs import Card, Rating, Scheduler

from quizzes.mastery_rule import GENERAL_TOPIC, mastery_moved
from quizzes.models import Attempt, FactMastery, Quiz, Response, TopicMastery
from quizzes.review_policy import ReviewPolicy
from quizzes.services.bulk import rows_locked_by_pairs, table_insert, table_update


class KeyState(Protocol):
    """What mastery needs of an answer key (``quizzes.selectors.keys.EffectiveKey``): a withdrawn
    question counts for nobody."""

    @property
    def withdrawn(self) -> bool: ...


# Fuzzing off: the same answers give the same schedule, which students and tests can rely on.
SCHEDULER = Scheduler(enable_fuzzing=False)


def _rating(fraction: float) -> Rating:
    if fraction >= 1.0:
        return Rating.Good
    if fraction >= 0.5:
        return Rating.Hard
    return Rating.Again


def progress_record_graded(*, graded: Sequence[tuple[Attempt, Sequence[Response]]], keys: Mapping[int, KeyState], now: datetime) -> None:
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
    mastery_record(shown, keys, now)


def mastery_record(graded: Sequence[tuple[Attempt, Sequence[Response]]], keys: Mapping[int, KeyState], now: datetime) -> None:
    topic_credits: list[tuple[tuple[int, str], float]] = []
    fact_credits: list[tuple[tuple[int, int], float]] = []
    for attempt, responses in graded:
        for response in responses:
            if response.fraction is None or keys[response.question_id].withdrawn:
                continue
            credit, question = float(response.fraction), response.question
            topic_credits.append(((attempt.user_id, question.topic or GENERAL_TOPIC), credit))
            if question.fact_id:
                fact_credits.append(((attempt.user_id, question.fact_id), credit))

    if topic_credits:
        topics = _rows_for(TopicMastery, "topic", {key for key, _ in topic_credits}, _TOPIC_FIELDS)
        for topic_key, credit in topic_credits:
            row = topics[topic_key]
            row["answered"] += 1
            row["credit"] += credit
            row["mastery"] = mastery_moved(row["mastery"], credit)
        _rows_save(TopicMastery, "topic", topics, _TOPIC_FIELDS, now)

    if fact_credits:
        facts = _rows_for(FactMastery, "fact_id", {key for key, _ in fact_credits}, _FACT_FIELDS)
        first_reviews: dict[Rating, tuple[Row, datetime]] = {}
        for fact_key, credit in fact_credits:
            fact_row = facts[fact_key]
            fact_row["answered"] += 1
            fact_row["correct"] += int(credit >= 1.0)
            fact_row["mastery"] = mastery_moved(fact_row["mastery"], credit)
            _review(fact_row, fact_key[1], credit, now, first_reviews)
        _rows_save(FactMastery, "fact_id", facts, _FACT_FIELDS, now)


# What mastery_record reads and writes of a row, besides its key and updated_at. Rows are plain
# dicts of these (and "id", None for a row not saved yet): for a batch of 50 new students a model
# instance per row cost more than the arithmetic.
_TOPIC_FIELDS = ("answered", "credit", "mastery")
_FACT_FIELDS = ("answered", "correct", "mastery", "card", "due")

Row = dict[str, Any]


def _rows_for(model: Any, field: str, keys: set[tuple[int, Any]], fields: tuple[str, ...]) -> dict[tuple[int, Any], Row]:
    """The mastery rows of ``keys`` ((user id, topic or fact id) pairs), the missing ones made
    with the model's defaults and no id.

    The existing rows are locked, in id order (so two graders never wait on each other in a
    circle), so that two gradings of the same student at once cannot both read the old value
    and lose one update.
    """
    rows: dict[tuple[int, Any], Row] = {}
    for pk, user_id, value, *current in rows_locked_by_pairs(model, ("user_id", field), keys, fields):
        rows[user_id, value] = {"id": pk, **dict(zip(fields, current, strict=True))}
    new = {"id": None, **{name: model._meta.get_field(name).get_default() for name in fields}}
    # Each new row gets its own copy of a default that is a document (a card), which it changes.
    documents = [name for name, value in new.items() if isinstance(value, dict)]
    for key in sorted(keys - rows.keys()):
        rows[key] = row = dict(new)
        for name in documents:
            row[name] = dict(row[name])
    return rows


def _rows_save(model: Any, field: str, rows: Mapping[tuple[int, Any], Row], fields: tuple[str, ...], now: datetime) -> None:
    """Insert the new rows (in key order, as they were made) and update the others, one statement
    each; ``updated_at`` set here, as a bulk write does not apply auto_now."""
    values_of = itemgetter(*fields)  # a tuple, fields has more than one name
    new = [(user_id, value, *values_of(row), now) for (user_id, value), row in rows.items() if row["id"] is None]
    old = [(row["id"], *values_of(row), now) for row in rows.values() if row["id"] is not None]
    table_insert(model, ["user_id", field, *fields, "updated_at"], new)
    table_update(model, [*fields, "updated_at"], old)


def _review(row: Row, fact_id: int, credit: float, now: datetime, first_reviews: dict[Rating, tuple[Row, datetime]]) -> None:
    """Review the fact's card; a fact first enters the schedule when the student gets it wrong.

    ``first_reviews``: the new cards' first reviews already made at ``now``, by rating. A new
    card is the same for every fact but its id, which the scheduler only carries along, so its
    first review at one instant with one rating is too: a batch schedules each rating once,
    where most of its cards are new (every fact a student first gets wrong).
    """
    if not row["card"]:
        if credit >= 1.0:
            return
        rating = _rating(credit)
        if rating not in first_reviews:
            first, _ = SCHEDULER.review_card(Card(card_id=fact_id, due=now), rating, review_datetime=now)
            first_reviews[rating] = (dict(first.to_dict()), first.due)
        first_card, row["due"] = first_reviews[rating]
        row["card"] = {**first_card, "card_id": fact_id}
        return
    card = Card.from_dict(row["card"])  # type: ignore[arg-type]
    card, _ = SCHEDULER.review_card(card, _rating(credit), review_datetime=now)
    row["card"] = card.to_dict()
    row["due"] = card.due
