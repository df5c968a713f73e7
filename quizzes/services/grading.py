"""Grading, the sweeper and regrading.

Exactly one grade per submission, however often the task runs or whoever runs it. Attempts are
graded in batches (a task grades its own attempt and the oldest others waiting), each batch:

1. claim, in one short transaction: ``select_for_update(skip_locked=True)`` of up to
   ``GRADING_BATCH_SIZE`` SUBMITTED attempts, then one UPDATE flipping them to GRADING with one
   shared ``grading_started_at``; only the rows that UPDATE flipped are ours (nothing left to
   claim means the work is done, or another grader has it, and we stop);
2. grade every response with ``quizzes.questiontypes.grade_answer`` (no query per response,
   nor per attempt: responses, questions and keys of the whole batch are read at once);
3. finish in one transaction: lock the claimed attempts still ours (same ``grading_started_at``),
   write their responses, flip them GRADING -> GRADED and update mastery in the same
   transaction; an attempt whose claim the sweeper gave to another worker meanwhile is skipped.

On a failure every claim of the batch is handed back (GRADING -> SUBMITTED) before re-raising.
A worker killed between 1 and 3 leaves its attempts in GRADING; the sweeper
(``quizzes.services.grading_sweeper``) hands them back
(GRADING -> SUBMITTED) once the task's hard time limit has certainly passed, and enqueues them
again. Submitted attempts whose message was lost (broker down at submit time) are enqueued
again by the same sweeper.

Messages: a batch grades up to 50 attempts, so a message per submitted attempt was mostly
wasted (Celery's cost per message, about 0.85 ms in the Redis transport and the prefork pipe,
paid by the 49 of 50 messages that found their attempt graded already). A submit publishes a
message only when none is pending (``GradingPending``: queued, not started); the message's run
clears the mark before it claims, so an attempt submitted before the clearing is claimed by that
run and one submitted after publishes its own. A run that claims a full batch publishes one more
(again only if none is pending) before grading, so a backlog keeps every worker process busy.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.dispatch import Signal
from django.utils import timezone

from courseware.models import Enrollment
from courseware.permissions import RequestUser, is_site_admin
from quizzes.attempt_events import attempts_graded_publish
from quizzes.enqueue import grade_attempt_task, regrade_question_task
from quizzes.models import Attempt, GradingPending, Question, QuestionType, RegradeChange, RegradeLog, Response
from quizzes.questiontypes import GRADING_RULES, grade_answer, is_manually_marked, is_scored
from quizzes.selectors.grading import responses_for_grading
from quizzes.selectors.keys import EffectiveKey, effective_keys, grading_keys
from quizzes.services.bulk import rows_update
from quizzes.services.mastery import progress_record_graded

logger = logging.getLogger(__name__)

WITHDRAWN_FEEDBACK = "This question was withdrawn by the instructor and no longer counts."
REGRADE_ANSWER_KEY_FIXED = "answer_key_fixed"
REGRADE_QUESTION_RETIRED = "question_retired"

# Sent inside the transaction that commits attempts' scores (first grading and regrades), with
# ``attempt_ids``; receivers that talk to the outside (the LTI grade push) enqueue on commit.
attempt_scored = Signal()


class RegradeWaiting(Exception):
    """A regrade must wait: an attempt that may have read the old key is still being graded."""


def _feedback(question: Question, response: Any, detail: str) -> str:
    parts = []
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE) and isinstance(question.choices, list):
        chosen = {response} if isinstance(response, str) else set(response or [])
        parts += [c["feedback"] for c in question.choices if c.get("id") in chosen and c.get("feedback")]
    if detail:
        parts.append(detail[0].upper() + detail[1:] + ".")
    if question.explanation:
        parts.append(question.explanation)
    return " ".join(parts)


def _grade_responses(responses: list[Response], keys: dict[int, EffectiveKey]) -> bool:
    """Set points/fraction/feedback on each response in memory; True if any of them changed."""
    changed = False
    for response in responses:
        key = keys[response.question_id]
        before = (response.points, response.max_points, response.fraction, response.feedback)
        if key.withdrawn:
            response.max_points, response.points, response.fraction, response.feedback = Decimal(0), Decimal(0), None, WITHDRAWN_FEEDBACK
        elif not is_scored(key.type):
            # A description: text between questions, 0 of 0 points, so it never counts in a total.
            response.grading_rules = response.grading_rules or GRADING_RULES
            response.max_points, response.points, response.fraction, response.feedback = Decimal(0), Decimal(0), None, ""
        elif is_manually_marked(key.type):
            # Only an instructor marks an essay (quizzes.services.marking): until then it has no
            # points, which the attempt's marking_pending flag says.
            response.grading_rules = response.grading_rules or GRADING_RULES
            response.max_points = Decimal(key.question.points)
            response.points, response.fraction, response.feedback = None, None, key.question.explanation
        else:
            # The rules this response was first graded by: a regrade applies a fixed key, never
            # new matching rules the student was not graded by (GRADING_RULES).
            response.grading_rules = response.grading_rules or GRADING_RULES
            grade = grade_answer(
                type=key.type, choices=key.choices, answer=key.answer, response=response.answer, rules=response.grading_rules
            )
            response.max_points = Decimal(key.question.points)
            response.fraction = grade.fraction
            response.points = (response.max_points * Decimal(str(grade.fraction))).quantize(Decimal("0.001"))
            response.feedback = _feedback(key.question, response.answer, grade.detail)
        if response.override_points is not None:
            # An instructor's override outlives regrading (a fixed key or a retirement that
            # withdraws the question still caps it at the question's points).
            response.points = min(response.override_points, response.max_points)
            if is_manually_marked(key.type) and not key.withdrawn:
                response.fraction = float(response.points / response.max_points) if response.max_points else None
        after = (response.points, response.max_points, response.fraction, response.feedback)
        changed = changed or before != after
    return changed


def marking_pending(responses: Iterable[Response], keys: dict[int, EffectiveKey]) -> bool:
    """Whether an essay among ``responses`` still waits for its mark, or for its mark's release."""
    return any(
        is_manually_marked(keys[r.question_id].type)
        and not keys[r.question_id].withdrawn
        and (r.override_points is None or not r.mark_released)
        for r in responses
    )


def _totals(responses: Iterable[Response]) -> tuple[Decimal, Decimal]:
    responses = list(responses)
    return sum((r.points or Decimal(0) for r in responses), Decimal(0)), sum((r.max_points for r in responses), Decimal(0))


# --- grading ------------------------------------------------------------------------------------

# What grading writes of a response.
_GRADE_WRITE = ["points", "max_points", "fraction", "feedback", "grading_rules"]


def attempts_grade_queued(*, attempt_id: int | None = None) -> list[int]:
    """What a grading message runs: clear the pending mark, then grade a batch (``attempt_id``
    first, if still submitted) and, when the batch is full, publish the next message first.

    The mark is cleared before the claim reads: a submit that found the mark set committed its
    attempt before this clearing, so the claim sees it (or, beyond a full batch, the next message
    does); a submit after the clearing publishes a message of its own.

    A submit's message (``attempt_id`` set) first lets ``GRADING_GATHER_MS`` pass with the mark
    still set, so the submits of those milliseconds publish nothing and join this batch. In a
    classroom burst submits arrive a few dozen a second, and batches of one or two attempts each
    paid a batch's fixed cost (its sixteen queries and a Celery message): the workers took about
    0.4 of the two cores while the web processes needed them (``make bench`` burst of 500: worker
    CPU 5.6-5.9 s without the wait, 1.6-1.8 s with 250 ms; submit p95 550-570 ms against
    210-240 ms). A message a full batch published (``None``: a backlog waits) starts at once.
    """
    if attempt_id is not None and settings.GRADING_GATHER_MS > 0:
        _gather(settings.GRADING_GATHER_MS / 1000)
    grading_pending_clear()
    return attempts_grade_batch(attempt_id=attempt_id, when_full=lambda: attempt_grading_request(attempt_id=None))


def _gather(seconds: float) -> None:
    """The wait of ``attempts_grade_queued`` (a function of its own, which tests replace)."""
    time.sleep(seconds)


def attempts_grade_batch(
    *, attempt_id: int | None = None, limit: int | None = None, when_full: Callable[[], object] | None = None
) -> list[int]:
    """Grade ``attempt_id`` (if still submitted) together with the oldest other submitted
    attempts, up to ``limit`` (default ``settings.GRADING_BATCH_SIZE``); return the ids graded.
    ``when_full`` is called after claiming a full batch (more may wait), before grading it.

    The per-attempt overhead (claim, key lookup, writes, mastery) is paid once per batch, so one
    message grades many attempts; a message whose own attempt another grader has already taken
    still helps drain the backlog.
    """
    limit = settings.GRADING_BATCH_SIZE if limit is None else limit
    if attempt_id is None:
        order: list[Any] = ["submitted_at", "id"]
    else:
        order = [Case(When(id=attempt_id, then=Value(0)), default=Value(1)), "submitted_at", "id"]
    candidates = Attempt.objects.filter(state=Attempt.State.SUBMITTED).order_by(*order)
    return [attempt.pk for attempt in _grade_batch(candidates, limit, when_full=when_full)]


def attempt_grade(*, attempt_id: int) -> Attempt | None:
    """Grade a submitted attempt; None if it is not ours to grade (graded, or another worker has it)."""
    graded = _grade_batch(Attempt.objects.filter(id=attempt_id, state=Attempt.State.SUBMITTED).order_by(), 1)
    return graded[0] if graded else None


def _grade_batch(candidates: QuerySet[Attempt], limit: int, *, when_full: Callable[[], object] | None = None) -> list[Attempt]:
    claimed_at = timezone.now()
    attempt_ids = _claim(candidates, limit, claimed_at)
    if not attempt_ids:
        return []
    if when_full is not None and len(attempt_ids) == limit:
        # Before grading, so another worker process claims the next batch meanwhile.
        when_full()
    try:
        return _grade_claimed(attempt_ids=attempt_ids, claimed_at=claimed_at)
    except BaseException as error:
        # Hand every claim of the batch back at once so a retry (or the sweeper) can grade
        # them, instead of waiting for the stuck-claim timeout.
        try:
            Attempt.objects.filter(id__in=attempt_ids, state=Attempt.State.GRADING, grading_started_at=claimed_at).update(
                state=Attempt.State.SUBMITTED
            )
        except Exception:  # the database itself is what failed: the sweeper releases the claims later
            logger.exception("attempts %s: could not hand the claims back", attempt_ids)
        if len(attempt_ids) == 1 or not isinstance(error, Exception) or isinstance(error, _NOT_THE_ATTEMPTS_FAULT):
            raise
        logger.exception("a batch of %s attempts failed; grading them one by one", len(attempt_ids))
    return _grade_one_by_one(attempt_ids)


# Failures a retry of the whole batch may cure (the task retries the first four); anything else
# may be one attempt's fault.
_NOT_THE_ATTEMPTS_FAULT = (OperationalError, InterfaceError, ConnectionError, TimeoutError, SoftTimeLimitExceeded)


def _grade_one_by_one(attempt_ids: list[int]) -> list[Attempt]:
    """Grade the attempts of a failed batch each on its own, then raise the first failure.

    An attempt that cannot be graded (a bug) would otherwise fail every batch it is claimed in,
    and as the oldest waiting it is claimed by every batch: grading would stop for everyone.
    This way every batch that claims it is graded at the one-by-one speed until it is fixed.
    """
    graded: list[Attempt] = []
    failure: Exception | None = None
    for attempt_id in attempt_ids:
        try:
            graded += _grade_batch(Attempt.objects.filter(id=attempt_id, state=Attempt.State.SUBMITTED).order_by(), 1)
        except Exception as error:
            failure = failure or error
    if failure is not None:
        raise failure
    return graded


def _claim(candidates: QuerySet[Attempt], limit: int, claimed_at: datetime) -> list[int]:
    """Flip up to ``limit`` of ``candidates`` from SUBMITTED to GRADING with one shared
    ``grading_started_at``; return the ids this claim got, in ``candidates``' order."""
    # Most messages find their attempt graded by an earlier batch and nothing else waiting: a
    # plain read answers them without the locking transaction (0.3 ms instead of 0.8 ms).
    if not candidates.exists():
        return []
    with transaction.atomic():
        # SKIP LOCKED: graders claiming at the same time take different attempts instead of
        # queueing behind each other (a no-op on SQLite, where the update's state filter decides).
        attempt_ids = list(candidates.select_for_update(skip_locked=True).values_list("id", flat=True)[:limit])
        if not attempt_ids:
            return []
        flipped = Attempt.objects.filter(id__in=attempt_ids, state=Attempt.State.SUBMITTED).update(
            state=Attempt.State.GRADING, grading_started_at=claimed_at
        )
    if flipped == len(attempt_ids):
        return attempt_ids
    # Without row locks (SQLite) another grader can flip some of them between our read and our
    # update: ours are exactly those carrying our claim time.
    ours = set(
        Attempt.objects.filter(id__in=attempt_ids, state=Attempt.State.GRADING, grading_started_at=claimed_at).values_list("id", flat=True)
    )
    return [attempt_id for attempt_id in attempt_ids if attempt_id in ours]


def _grade_claimed(*, attempt_ids: list[int], claimed_at: datetime) -> list[Attempt]:
    """Grade the claimed attempts with a constant number of queries, whatever their number."""
    responses = responses_for_grading(attempt_ids=attempt_ids)
    # Each distinct question once, rather than a copy joined onto every response, read with the
    # versions its key may come from.
    keys = grading_keys(question_ids={r.question_id for r in responses})
    by_attempt: dict[int, list[Response]] = {attempt_id: [] for attempt_id in attempt_ids}
    # Cached on each response as reading the relation caches it: assigning through the relation
    # also checks the instance's type and the database routers' rules, per response (a twentieth
    # of a batch's CPU in the worker), for a question read for exactly these responses.
    question_cache = Response._meta.get_field("question").set_cached_value
    for response in responses:
        question_cache(response, keys[response.question_id].question)
        by_attempt[response.attempt_id].append(response)
    _grade_responses(responses, keys)
    now = timezone.now()
    with transaction.atomic():
        # Only the claims still ours: one the sweeper released meanwhile belongs to another run
        # now, which grades it; the lock keeps the sweeper from releasing them while we write.
        attempts = list(
            Attempt.objects.select_for_update()
            .filter(id__in=attempt_ids, state=Attempt.State.GRADING, grading_started_at=claimed_at)
            .order_by("submitted_at", "id")
        )
        lost = sorted(set(attempt_ids) - {a.pk for a in attempts})
        if lost:
            logger.warning("attempts %s: claim released by the sweeper while grading; the other run grades them", lost)
        for attempt in attempts:
            attempt.score, attempt.max_score = _totals(by_attempt[attempt.pk])
            attempt.marking_pending = marking_pending(by_attempt[attempt.pk], keys)
            attempt.state = Attempt.State.GRADED
            attempt.graded_at = now
            attempt.grade_count += 1
        rows_update([r for a in attempts for r in by_attempt[a.pk]], _GRADE_WRITE)
        # In the same transaction as the grades, so mastery is counted exactly once per attempt;
        # in submission order, so a student's two attempts count as if graded one by one. It
        # sets progress_recorded on the attempts it counted (those whose review policy shows
        # right/wrong already), written with the grade just below.
        progress_record_graded(graded=[(a, by_attempt[a.pk]) for a in attempts], keys=keys, now=now)
        rows_update(attempts, ["state", "score", "max_score", "marking_pending", "graded_at", "grade_count", "progress_recorded"])
        attempt_scored.send(sender=Attempt, attempt_ids=[a.pk for a in attempts])
        # Waiting pages and API clients learn it once it is true for every reader, never before
        # (a rolled-back batch tells nobody); robust: a failed push must not fail the grading.
        graded_ids = [a.pk for a in attempts]
        transaction.on_commit(lambda: attempts_graded_publish(attempt_ids=graded_ids), robust=True)
    return attempts


# --- enqueueing ------------------------------------------------------------------------------------


def attempt_grading_enqueue(*, attempt_id: int | None) -> bool:
    """Publish a grading task; False (logged) if the broker is unreachable: the sweeper retries later.

    Unconditional: the sweeper's rescue, which must not trust a mark whose message may be lost.
    A submit goes through ``attempt_grading_request``. ``None``: the oldest submitted attempts."""
    try:
        grade_attempt_task.apply_async(args=(attempt_id,), retry=False)
    except Exception:  # any broker/transport failure: the submission is saved, the sweeper re-enqueues
        logger.warning("could not enqueue grading of attempt %s; the sweeper will retry", attempt_id, exc_info=True)
        return False
    return True


def attempt_grading_request(*, attempt_id: int | None) -> bool:
    """Have a committed submitted attempt graded: publish a grading task unless one is pending
    (queued, not started), whose run claims the oldest submitted attempts, this one among them.
    True if a message is pending or was published; False if publishing failed (the sweeper
    enqueues the attempt later)."""
    try:
        publish = grading_pending_mark()
    except DatabaseError:  # an extra message costs less than a lost one
        logger.warning("could not mark a grading message pending; publishing anyway", exc_info=True)
        publish = True
    if not publish:
        return True
    if attempt_grading_enqueue(attempt_id=attempt_id):
        return True
    # Nothing is pending after all: the next submit publishes again. A submit that saw the mark
    # meanwhile is left to the sweeper, as its own publish would have failed too.
    try:
        grading_pending_clear()
    except DatabaseError:  # the mark expires by itself
        logger.warning("could not clear the grading mark", exc_info=True)
    return False


def attempt_grading_enqueue_on_commit(*, attempt_id: int) -> None:
    """Enqueue only once the submitting transaction has committed (never for a rolled-back one)."""
    transaction.on_commit(lambda: attempt_grading_request(attempt_id=attempt_id))


_PENDING_ROW = 1


def grading_pending_mark() -> bool:
    """Set the pending mark, in one statement; True if this call set it (the caller publishes),
    False if it was set already. A mark older than ``GRADING_SWEEP_AFTER_SECONDS`` counts as
    unset: its message may have been lost with a restarted broker."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.GRADING_SWEEP_AFTER_SECONDS)
    table = connection.ops.quote_name(GradingPending._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        # An upsert both backends read alike (SQLite 3.24+, PostgreSQL 9.5+): the row is inserted,
        # or replaced if stale; one that is fresh is left alone and no row changes.
        cursor.execute(
            f"INSERT INTO {table} (id, since) VALUES (%s, %s) "  # noqa: S608 (the table name is the model's, quoted)
            f"ON CONFLICT (id) DO UPDATE SET since = excluded.since WHERE {table}.since < %s",
            [_PENDING_ROW, adapt(now), adapt(stale)],
        )
        return cursor.rowcount == 1


def grading_pending_clear() -> None:
    """Remove the pending mark: the message that set it has started (or was never published)."""
    GradingPending.objects.filter(id=_PENDING_ROW).delete()


# --- regrading -------------------------------------------------------------------------------------


def question_regrade_request(
    *,
    question: Question,
    changed_by: RequestUser | None = None,
    reason: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> RegradeLog:
    """Log a change to ``question``'s key or status and regrade the affected attempts asynchronously.

    Call it after fixing the key (saving a new current version) or retiring the question, in the
    same transaction; the regrade task is enqueued once that transaction commits.
    """
    log = RegradeLog.objects.create(
        question=question,
        changed_by=changed_by if changed_by is not None and changed_by.is_authenticated else None,
        reason=reason,
        before=before or {},
        after=after if after is not None else {"answer": question.answer, "status": question.status},
    )

    def enqueue() -> None:
        try:
            regrade_question_task.apply_async(args=(log.pk,), retry=False)
        except Exception:  # the log stays incomplete; regrade_logs_resume picks it up
            logger.warning("could not enqueue regrade %s", log.pk, exc_info=True)

    transaction.on_commit(enqueue)
    return log


def question_regrade_if_needed(*, question: Question, changed_by: RequestUser | None = None, reason: str) -> RegradeLog | None:
    """Hook for the bank's review services: after a version is approved or the question retired,
    regrade the attempts that answered any version of it. Nothing (no log) when no attempt did."""
    root = question.root_id_or_self
    of_question = Q(question_id=root) | Q(question__root_id=root)
    if not Response.objects.filter(of_question).exists():
        return None
    previous = (
        Question.objects.filter(Q(id=root) | Q(root_id=root), status=Question.Status.APPROVED)
        .exclude(pk=question.pk)
        .order_by("-version")
        .first()
    )
    before = {"version": previous.version, "answer": previous.answer, "status": previous.status} if previous else {}
    after = {"version": question.version, "answer": question.answer, "status": question.status}
    return question_regrade_request(question=question, changed_by=changed_by, reason=reason, before=before, after=after)


def question_regrade_run(*, regrade_log_id: int, batch_size: int = 200) -> RegradeLog:
    """Regrade every graded attempt that answered any version of the logged question.

    Idempotent: an attempt whose responses do not change is left alone (its grade_count does not
    move), so running a regrade twice changes nothing the second time. Attempts not graded yet
    need nothing: grading reads the current key. But one whose grading began before the change
    may have read the old key; while such a grading is in flight this raises RegradeWaiting and
    the task tries again later, so that attempt is regraded once it is GRADED.
    """
    log = RegradeLog.objects.select_related("question").get(pk=regrade_log_id)
    root = log.question.root_id_or_self
    of_question = Q(question_id=root) | Q(question__root_id=root)
    in_flight = Attempt.objects.filter(
        state=Attempt.State.GRADING,
        grading_started_at__lte=log.created_at,
        id__in=Response.objects.filter(of_question).values("attempt_id"),
    )
    if in_flight.exists():
        raise RegradeWaiting(f"regrade {log.pk} waits for attempts being graded with the old key")
    attempt_ids = sorted(
        set(
            Response.objects.filter(of_question, _regrade_scope(log), attempt__state=Attempt.State.GRADED).values_list(
                "attempt_id", flat=True
            )
        )
    )
    changed = 0
    for start in range(0, len(attempt_ids), batch_size):
        changed += _regrade_batch(attempt_ids[start : start + batch_size], root, log)
    log.attempts_affected = (log.attempts_affected if log.completed_at else 0) + changed
    log.completed_at = timezone.now()
    log.save(update_fields=["attempts_affected", "completed_at"])
    return log


def _regrade_scope(log: RegradeLog) -> Q:
    """The responses a regrade may touch: an instructor's key change regrades only the attempts
    of quizzes in the courses they teach (the quizzes they may change); an admin's, or the
    system's (no user), regrades every attempt."""
    user = log.changed_by
    if user is None or is_site_admin(user):
        return Q()
    taught = Enrollment.objects.filter(user=user, role=Enrollment.Role.INSTRUCTOR).values("course_id")
    return Q(attempt__quiz__module__course_id__in=taught)


def _regrade_batch(attempt_ids: list[int], root: int, log: RegradeLog | None = None) -> int:
    now = timezone.now()
    with transaction.atomic():
        # Lock the attempts so a concurrent regrade of another question cannot overwrite our totals.
        attempts = {a.pk: a for a in Attempt.objects.select_for_update().filter(id__in=attempt_ids, state=Attempt.State.GRADED)}
        responses = list(Response.objects.filter(attempt_id__in=attempts).select_related("question"))
        targets = [r for r in responses if r.question.root_id_or_self == root]
        keys = effective_keys(questions=[r.question for r in targets])
        changed_responses = []
        points_before = {r.pk: r.points for r in targets}
        score_before = {pk: a.score for pk, a in attempts.items()}
        for response in targets:
            if _grade_responses([response], keys):
                changed_responses.append(response)
        if not changed_responses:
            return 0
        rows_update(changed_responses, _GRADE_WRITE)
        touched = {r.attempt_id for r in changed_responses}
        by_attempt: dict[int, list[Response]] = {}
        for response in responses:
            by_attempt.setdefault(response.attempt_id, []).append(response)
        updated = []
        all_keys = effective_keys(questions=[r.question for r in responses])
        for attempt_id in touched:
            attempt = attempts[attempt_id]
            attempt.score, attempt.max_score = _totals(by_attempt[attempt_id])
            # A retired essay no longer waits for its mark.
            attempt.marking_pending = marking_pending(by_attempt[attempt_id], all_keys)
            attempt.graded_at = now
            attempt.grade_count += 1
            updated.append(attempt)
        rows_update(updated, ["score", "max_score", "marking_pending", "graded_at", "grade_count"])
        attempt_scored.send(sender=Attempt, attempt_ids=[a.pk for a in updated])
        if log is not None:
            # What changed, for the regrade report and the students' review notes.
            RegradeChange.objects.bulk_create(
                [
                    RegradeChange(
                        log=log,
                        attempt_id=r.attempt_id,
                        response=r,
                        points_before=points_before[r.pk],
                        points_after=r.points,
                        score_before=score_before[r.attempt_id],
                        score_after=attempts[r.attempt_id].score,
                        max_score_after=attempts[r.attempt_id].max_score,
                    )
                    for r in changed_responses
                ]
            )
        return len(updated)
