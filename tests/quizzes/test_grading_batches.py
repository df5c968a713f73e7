"""Grading in batches: one task claims and grades many submitted attempts at once, with the
same guarantees as grading them one by one (exactly one grade each, claims handed back on a
failure, the sweeper's release respected) and a number of queries that does not grow with the
batch."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from courseware.models import Course, User
from quizzes.models import Attempt, FactMastery, Quiz, Response, TopicMastery
from quizzes.services import grading
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import attempt_grade, attempts_grade_batch
from quizzes.tasks.grading import grade_attempt_task
from tests.factories import EnrollmentFactory, FactFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG, answers_for, fixed_quiz, question_of
from tests.quizzes.paused_worker import hold_after_claim

T0 = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Submitting enqueues a task after commit; these tests run the graders themselves.
    monkeypatch.setattr(grading, "attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def quiz(course: Course) -> Quiz:
    """One question of every type, on two topics, half of them about a fact (so grading writes
    topic and fact mastery, and the spaced-repetition cards of the facts got wrong)."""
    questions = [
        question_of(qtype, topic="summits" if i % 2 else "aid", fact=FactFactory() if i < 4 else None) for i, qtype in enumerate(RIGHT)
    ]
    return fixed_quiz(course=course, questions=questions, shuffle_questions=False)


def new_student(course: Course) -> User:
    user = UserFactory()
    EnrollmentFactory(course=course, user=user)
    return user


def submit(quiz: Quiz, user: User, table: dict[str, Any] = RIGHT) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=user)
    responses_save(attempt=attempt, user=user, answers=answers_for(attempt, table))
    return attempt_submit(attempt=attempt, user=user)


def submitted(quiz: Quiz, course: Course, count: int) -> list[Attempt]:
    return [submit(quiz, new_student(course)) for _ in range(count)]


def states(attempts: list[Attempt]) -> list[tuple[str, int]]:
    by_id = {a.pk: (a.state, a.grade_count) for a in Attempt.objects.filter(pk__in=[a.pk for a in attempts])}
    return [by_id[a.pk] for a in attempts]


GRADED_ONCE = (Attempt.State.GRADED, 1)


# --- what a batch takes --------------------------------------------------------------------------------


def test_a_batch_grades_its_own_attempt_first_then_the_oldest_waiting(quiz, course) -> None:
    oldest, middle, newest = submitted(quiz, course, 3)
    assert sorted(attempts_grade_batch(attempt_id=newest.pk, limit=2)) == sorted([newest.pk, oldest.pk])
    assert states([oldest, middle, newest]) == [GRADED_ONCE, (Attempt.State.SUBMITTED, 0), GRADED_ONCE]


def test_a_batch_grades_every_response_of_every_attempt(quiz, course) -> None:
    right = submit(quiz, new_student(course))
    wrong = submit(quiz, new_student(course), WRONG)
    assert sorted(attempts_grade_batch()) == sorted([right.pk, wrong.pk])
    right.refresh_from_db()
    wrong.refresh_from_db()
    assert (right.score, right.max_score, wrong.score, wrong.max_score) == (8, 8, 0, 8)
    assert set(Response.objects.filter(attempt=right).values_list("fraction", flat=True)) == {1.0}
    assert set(Response.objects.filter(attempt=wrong).values_list("fraction", flat=True)) == {0.0}
    assert not Response.objects.filter(attempt__in=[right, wrong], feedback="").exists()


def test_an_attempt_another_grader_has_claimed_is_not_taken(quiz, course) -> None:
    mine, theirs, other = submitted(quiz, course, 3)
    their_claim = T0 - dt.timedelta(seconds=5)
    Attempt.objects.filter(pk=theirs.pk).update(state=Attempt.State.GRADING, grading_started_at=their_claim)
    assert sorted(attempts_grade_batch(attempt_id=theirs.pk)) == sorted([mine.pk, other.pk])
    theirs.refresh_from_db()
    assert (theirs.state, theirs.grade_count, theirs.grading_started_at) == (Attempt.State.GRADING, 0, their_claim)
    assert not Response.objects.filter(attempt=theirs, fraction__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_claim_skips_an_attempt_another_grader_holds_instead_of_waiting(quiz, course) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; on SQLite the claim's state filter alone decides")
    held, others = submitted(quiz, course, 1), submitted(quiz, course, 2)
    locked, done = threading.Event(), threading.Event()

    def other_grader() -> None:
        # Holds the row lock of a claim in progress, as a concurrent claim transaction would.
        try:
            with transaction.atomic():
                list(Attempt.objects.select_for_update().filter(pk=held[0].pk))
                locked.set()
                done.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_grader)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        # Without SKIP LOCKED this would block until the other transaction ends, then take all three.
        assert sorted(attempts_grade_batch(attempt_id=held[0].pk)) == sorted(a.pk for a in others)
    finally:
        done.set()
        thread.join()
    assert states(held + others) == [(Attempt.State.SUBMITTED, 0), GRADED_ONCE, GRADED_ONCE]


def test_a_batch_of_one_and_a_batch_of_six_cost_the_same_number_of_queries(quiz, course) -> None:
    counts = []
    for size in (1, 6):
        attempts = submitted(quiz, course, size)
        with CaptureQueriesContext(connection) as ctx:
            graded = attempts_grade_batch(attempt_id=attempts[0].pk)
        assert sorted(graded) == sorted(a.pk for a in attempts)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# --- every message grades each attempt exactly once -------------------------------------------------------


def test_every_message_for_ten_submitted_attempts_grades_each_exactly_once(quiz, course, settings) -> None:
    settings.GRADING_BATCH_SIZE = 4
    attempts = submitted(quiz, course, 10)
    graded_per_message = [grade_attempt_task.apply(args=(a.pk,)).get() for a in attempts]
    # The first message grades four; the second finds its attempt taken and grades the next four
    # waiting; the third the last two; every later message finds nothing left.
    assert graded_per_message == [4, 4, 2, 0, 0, 0, 0, 0, 0, 0]
    assert states(attempts) == [GRADED_ONCE] * 10


def test_a_duplicate_message_after_grading_grades_nothing(quiz, course) -> None:
    (attempt,) = submitted(quiz, course, 1)
    assert grade_attempt_task.apply(args=(attempt.pk,)).get() == 1
    assert grade_attempt_task.apply(args=(attempt.pk,)).get() == 0
    assert attempt_grade(attempt_id=attempt.pk) is None
    assert states([attempt]) == [GRADED_ONCE]


# --- mastery -------------------------------------------------------------------------------------------------


def mastery_of(user: User) -> tuple[dict[str, Any], dict[int, Any]]:
    topics = {t.topic: (t.answered, t.credit, t.mastery, t.updated_at) for t in TopicMastery.objects.filter(user=user)}
    facts = {f.fact_id: (f.answered, f.correct, f.mastery, f.card, f.due, f.updated_at) for f in FactMastery.objects.filter(user=user)}
    return topics, facts


def test_a_students_two_attempts_in_one_batch_count_as_if_graded_one_by_one(quiz, course, time_machine) -> None:
    one_by_one, batched = new_student(course), new_student(course)
    time_machine.move_to(T0, tick=False)
    first = {user: submit(quiz, user, WRONG) for user in (one_by_one, batched)}
    time_machine.move_to(T0 + dt.timedelta(minutes=1), tick=False)
    second = {user: submit(quiz, user, RIGHT) for user in (one_by_one, batched)}
    time_machine.move_to(T0 + dt.timedelta(minutes=2), tick=False)

    assert attempt_grade(attempt_id=first[one_by_one].pk) is not None
    assert attempt_grade(attempt_id=second[one_by_one].pk) is not None
    assert attempts_grade_batch() == [first[batched].pk, second[batched].pk]

    topics, facts = mastery_of(batched)
    assert (topics, facts) == mastery_of(one_by_one)
    # Wrong then right: each fact got a card when it was got wrong, reviewed again when got right.
    assert set(topics) == {"summits", "aid"} and len(facts) == 4
    assert all(answered == 2 and correct == 1 and card for answered, correct, _, card, _, _ in facts.values())


# --- claims lost and failures ---------------------------------------------------------------------------------


def test_a_claim_the_sweeper_released_mid_batch_is_skipped_and_the_others_graded(quiz, course, monkeypatch) -> None:
    kept, released, also_kept = submitted(quiz, course, 3)
    calls: list[int] = []

    def meanwhile(attempt_id: int) -> None:
        # While this batch is stalled, the sweeper hands one attempt back and another worker grades it.
        if not calls:
            calls.append(attempt_id)
            Attempt.objects.filter(pk=released.pk).update(state=Attempt.State.SUBMITTED)
            assert attempt_grade(attempt_id=released.pk) is not None

    monkeypatch.setattr(grading, "_grade_claimed", grading._grade_claimed)  # undone after the test
    hold_after_claim(meanwhile)
    assert attempts_grade_batch() == [kept.pk, also_kept.pk]
    assert states([kept, released, also_kept]) == [GRADED_ONCE] * 3
    assert TopicMastery.objects.get(user=released.user, topic="aid").answered == 4  # counted once


def test_a_failure_mid_batch_hands_every_claim_back(quiz, course, monkeypatch) -> None:
    attempts = submitted(quiz, course, 3)

    def broken(**kwargs: object) -> None:
        raise ConnectionError("database went away")

    # Inside the finishing transaction, after the responses and attempts were written.
    monkeypatch.setattr("quizzes.services.grading.progress_record_graded", broken)
    with pytest.raises(ConnectionError):
        attempts_grade_batch(attempt_id=attempts[0].pk)
    assert states(attempts) == [(Attempt.State.SUBMITTED, 0)] * 3
    assert not Response.objects.filter(attempt__in=attempts, fraction__isnull=False).exists()
    monkeypatch.undo()
    monkeypatch.setattr(grading, "attempt_grading_enqueue", lambda *, attempt_id: True)
    assert sorted(attempts_grade_batch()) == sorted(a.pk for a in attempts)
    assert states(attempts) == [GRADED_ONCE] * 3


def test_an_attempt_that_cannot_be_graded_fails_alone_and_the_rest_of_its_batch_is_graded(quiz, course, monkeypatch) -> None:
    before, poisoned, after = submitted(quiz, course, 3)
    Response.objects.filter(attempt=poisoned).update(answer="cannot be graded")
    real = grading.grade_answer

    def fragile(**kwargs: Any) -> Any:
        if kwargs["response"] == "cannot be graded":
            raise ValueError("a bug in a question type")
        return real(**kwargs)

    monkeypatch.setattr(grading, "grade_answer", fragile)
    # Oldest first, it would be in every batch: failing them all would stop grading for everyone.
    for _ in range(2):
        with pytest.raises(ValueError):
            attempts_grade_batch()
    assert states([before, poisoned, after]) == [GRADED_ONCE, (Attempt.State.SUBMITTED, 0), GRADED_ONCE]
