"""The attempt lifecycle: start -> answer (autosaved) -> submit -> (graded by a worker).

Every path (HTML, API, a replayed request, the periodic auto-submitter) goes through these
functions, so the rules hold everywhere:

- the deadline is decided on the server at start: start + time limit, capped by the close time;
- an answer is checked against its question type before anything is written, and an answer
  after the deadline or after submission is refused, so nothing already saved changes;
- submitting is idempotent: the attempt row is locked and flipped IN_PROGRESS -> SUBMITTED by a
  conditional UPDATE, so ten parallel submits make one submission and enqueue one grading;
- grading is enqueued only after the submitting transaction commits.

Validate, then do: the public functions check ownership, state and deadline and raise an
``AttemptError`` whose message is one of the constants in ``quizzes.services.attempt_rules`` (tests
reuse them); which questions an attempt gets is ``quizzes.services.draws``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.compiled import Compiled
from core.errors import NotFound
from core.rows import instance_from_row, row_id
from courseware.permissions import RequestUser, signed_in
from quizzes.cache_questions import prepared_questions_store_drawn
from quizzes.models import Attempt, AttemptReopening, Question, Quiz, Response
from quizzes.questiontypes import AnswerShapeError, check_answer
from quizzes.selectors.teach import (
    accommodation_effective,
    attempt_closes_later_q,
    attempt_has_own_close_q,
    quiz_settings_for,
    settings_with,
)
from quizzes.services.attempt_rules import (
    ATTEMPT_NOT_FOUND,
    ATTEMPT_NOT_IN_PROGRESS,
    DEADLINE_PASSED,
    DEADLINE_PASSED_SUBMITTED,
    NO_ATTEMPTS_LEFT,
    QUIZ_HAS_NO_QUESTIONS,
    UNKNOWN_QUESTION,
    WRONG_SHAPE,
    AnswerRejected,
    AttemptNotInProgress,
    DeadlinePassed,
    NoAttemptsLeft,
    QuizNotAvailable,
    UnknownQuestion,
    attempt_is_expired,
    check_owner,
    deadline_passed,
    quiz_check_can_start,
    still_enrolled,
)
from quizzes.services.bulk import rows_create, rows_update
from quizzes.services.draws import DrawnQuestion, quiz_draw_questions
from quizzes.services.grading import attempt_grading_enqueue_on_commit

logger = logging.getLogger(__name__)


# --- start ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartedAttempt:
    attempt: Attempt
    # The response rows just created, in order, with their questions (stem, choices, type...),
    # so the caller can show the questions without reading them back; None when the attempt
    # already in progress was handed back instead.
    responses: list[Response] | None = None


_MINE: Compiled[tuple[int, int, str, datetime | None]] = Compiled(
    lambda quiz_id, user_id: (
        Attempt.objects.filter(quiz_id=quiz_id, user_id=user_id).order_by().values_list("id", "number", "state", "deadline")
    ),
    quiz_id=int,
    user_id=int,
)


def attempt_start(*, quiz: Quiz, user: RequestUser) -> Attempt:
    """Start an attempt, or return the one already in progress (a replayed start is harmless)."""
    return attempt_begin(quiz=quiz, user=user).attempt


def attempt_begin(*, quiz: Quiz, user: RequestUser) -> StartedAttempt:
    """``attempt_start``, also handing back the rows it created (the API's start replies with them)."""
    now = timezone.now()
    # One query for the student's accommodation, used for the open/close check, the attempt
    # limit and the deadline alike.
    effective = quiz_settings_for(quiz=quiz, user=user)
    quiz_check_can_start(quiz=quiz, user=user, now=now, settings=effective)

    # One query for the student's attempts at this quiz (a handful): the one in progress, the
    # last number and how many were used. Unordered: the model's default order joins the quiz,
    # its module and its course only to sort by their titles.
    mine = _MINE.all(quiz_id=quiz.pk, user_id=signed_in(user).pk)
    in_progress = next(((pk, deadline) for pk, _, state, deadline in mine if state == Attempt.State.IN_PROGRESS), None)
    if in_progress is not None:
        in_progress_id, deadline = in_progress
        if not deadline_passed(deadline, now):
            return StartedAttempt(Attempt.objects.get(pk=in_progress_id))
        attempt_autosubmit(attempt_id=in_progress_id)

    previous = max((number for _, number, _, _ in mine), default=0)
    used = len(mine)
    if effective.attempts_allowed is not None and used >= effective.attempts_allowed:
        # A parallel start may have made the last allowed attempt since we looked: that is the
        # one this (replayed) start should get, not an error.
        racing = Attempt.objects.filter(quiz=quiz, user=signed_in(user), state=Attempt.State.IN_PROGRESS).first()
        if racing is not None:
            return StartedAttempt(racing)
        raise NoAttemptsLeft(NO_ATTEMPTS_LEFT.format(allowed=effective.attempts_allowed))

    seed = secrets.randbits(62)
    drawn = quiz_draw_questions(quiz=quiz, seed=seed)
    if not drawn:
        raise QuizNotAvailable(QUIZ_HAS_NO_QUESTIONS, code="quiz_has_no_questions")

    try:
        started = _attempt_create(
            quiz=quiz, user=user, number=previous + 1, seed=seed, now=now, drawn=drawn, deadline=effective.deadline_for(now)
        )
    except IntegrityError:
        # A parallel start by the same student took this attempt number, or holds the one
        # attempt in progress (the attempt_one_in_progress constraint) first: hand back theirs.
        winner = Attempt.objects.filter(quiz=quiz, user=signed_in(user), state=Attempt.State.IN_PROGRESS).first()
        if winner is None:
            raise
        return StartedAttempt(winner)
    # The questions as every student is shown them, prepared from the rows just drawn, for the
    # reads of this attempt that follow (its page, the API's polls): they then read their
    # responses alone. Stored unless this process stored the very same row versions lately, so
    # an entry never holds an older version's text than the attempt drew.
    prepared_questions_store_drawn(d.question for d in drawn)
    return started


@transaction.atomic
def _attempt_create(
    *, quiz: Quiz, user: RequestUser, number: int, seed: int, now: datetime, drawn: Sequence[DrawnQuestion], deadline: datetime | None
) -> StartedAttempt:
    [attempt] = rows_create(
        [
            Attempt(
                quiz=quiz,
                user=signed_in(user),
                number=number,
                seed=seed,
                started_at=now,
                deadline=deadline,
                max_score=sum((d.question.points for d in drawn), start=0),
            )
        ]
    )
    # One INSERT for all responses: every question of the attempt has its row from the start.
    responses = rows_create(
        [
            Response(attempt=attempt, question=d.question, position=i, option_order=d.option_order, max_points=d.question.points)
            for i, d in enumerate(drawn, start=1)
        ]
    )
    return StartedAttempt(attempt, responses)


# --- answers -------------------------------------------------------------------------------------


def _check_open_for_answers(attempt: Attempt, now: datetime) -> None:
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise AttemptNotInProgress(ATTEMPT_NOT_IN_PROGRESS)
    if attempt_is_expired(attempt=attempt, now=now):
        raise DeadlinePassed(DEADLINE_PASSED)


def _write_answers(
    attempt: Attempt, answers: Mapping[Any, Any], now: datetime, responses: Sequence[Response] | None = None
) -> list[Response]:
    """Check every answer first, then write them all: a bad one leaves every saved answer as it was.

    The caller holds the attempt's row lock, so a concurrent submit cannot slip in between.
    ``responses``: the attempt's rows with their questions' type and choices, when the caller
    read them already.
    """
    if responses is None:
        responses = list(Response.objects.filter(attempt=attempt).select_related("question").only(*_WRITE_FIELDS))
    by_question = {r.question_id: r for r in responses}
    canonical: list[tuple[Response, Any]] = []
    for raw_id, value in answers.items():
        question_id = row_id(raw_id)
        response = by_question.get(question_id) if question_id is not None else None
        if response is None:
            raise UnknownQuestion(UNKNOWN_QUESTION.format(question_id=raw_id))
        canonical.append((response, _checked_answer(response, raw_id, value)))  # None: the student cleared it
    changed = []
    for response, value in canonical:
        response.answer = value
        response.saved_at = now
        changed.append(response)
    if changed:
        rows_update(changed, ["answer", "saved_at"])
    return changed


def responses_save(*, attempt: Attempt, user: RequestUser, answers: Mapping[Any, Any]) -> list[Response]:
    """Autosave answers {question_id: answer}. Saving the same answer again is harmless."""
    check_owner(attempt, user)
    now = timezone.now()
    with transaction.atomic():
        # One statement locks the attempt row (of=attempt: not the responses or questions read
        # with it) and reads what checking the answers needs; an attempt has a row per question
        # from its start, so the join always finds the attempt.
        responses = list(
            Response.objects.select_related("attempt", "question")
            .select_for_update(of=("attempt",))
            .only(*_WRITE_FIELDS, *_LOCKED_ATTEMPT_FIELDS)
            .filter(attempt_id=attempt.pk)
        )
        if not responses:
            raise NotFound(ATTEMPT_NOT_FOUND)
        _check_open_for_answers(responses[0].attempt, now)
        return _write_answers(responses[0].attempt, answers, now, responses)


def response_save(*, attempt_id: int, user: RequestUser, question_id: Any, answer: Any) -> Response:
    """Autosave one answer of the user's own attempt; see ``responses_save`` for the rules."""
    return response_save_with(attempt_id=attempt_id, user=user, question_id=question_id, answer_for=lambda _type: answer)


def response_save_with(*, attempt_id: int, user: RequestUser, question_id: Any, answer_for: Callable[[str], Any]) -> Response:
    """``response_save`` for a caller that needs the question's type to read the answer (a page's
    form fields are read by type): ``answer_for(type)`` gives the answer. The page then pays for
    the same two statements as the API, not for a read of its own first.

    The hottest path of a classroom burst (one call per answer per student), so it costs two
    statements and no explicit transaction: one read of this question's response with its
    attempt's state and deadline and the question's type and choices (the ownership check is
    part of it), then one conditional write that locks the attempt row as submit does and
    writes only if the attempt is still open (``_answer_write``). A miss on the read costs one
    more query, only to say why. On PostgreSQL, once this process has read a question's shape
    (``_SAVE_SHAPES``), an answer to it costs one statement (``_save_remembered``).
    """
    if not user.is_authenticated:
        raise NotFound(ATTEMPT_NOT_FOUND)
    parsed_id = row_id(question_id) or 0  # 0 matches no question: the miss path says why
    now = timezone.now()
    saved = _save_remembered(attempt_id=attempt_id, user_id=signed_in(user).pk, question_id=parsed_id, answer_for=answer_for, now=now)
    if saved is not None:
        return saved
    response = _save_read(attempt_id=attempt_id, user_id=signed_in(user).pk, question_id=parsed_id)
    if response is None:
        # Say why, in the order responses_save checks: not theirs, closed, unknown question.
        attempt = Attempt.objects.filter(still_enrolled("", user), pk=attempt_id, user=signed_in(user)).first()
        if attempt is None:
            raise NotFound(ATTEMPT_NOT_FOUND) from None
        _check_open_for_answers(attempt, now)
        raise UnknownQuestion(UNKNOWN_QUESTION.format(question_id=question_id)) from None
    _check_open_for_answers(response.attempt, now)
    # A question version's type and choices never change once an attempt has drawn it (edits
    # make a new version), so checking the answer outside the write's lock is safe.
    value = _checked_answer(response, question_id, answer_for(response.question.type))
    if not _answer_write(attempt_id=attempt_id, response_id=response.pk, value=value, now=now):
        # Submitted (by the student in another tab, or by the deadline) between read and write.
        _check_open_for_answers(Attempt.objects.get(pk=attempt_id), now)
        raise AttemptNotInProgress(ATTEMPT_NOT_IN_PROGRESS)
    response.answer, response.saved_at = value, now
    return response


# The table and column names are the models' own (both PostgreSQL and SQLite quote with "").
_ANSWER_WRITE_SQL = (
    'UPDATE "quizzes_response" SET "answer" = %s, "saved_at" = %s WHERE "id" = %s AND "attempt_id" IN ('
    'SELECT "id" FROM "quizzes_attempt" WHERE "id" = %s AND "state" = %s AND ("deadline" IS NULL OR "deadline" > %s){lock})'
)
_ANSWER_WRITE_LOCKED = _ANSWER_WRITE_SQL.format(lock=" FOR UPDATE")
_ANSWER_WRITE = _ANSWER_WRITE_SQL.format(lock="")


def _answer_write(*, attempt_id: int, response_id: int, value: Any, now: datetime) -> bool:
    """Write one answer if its attempt is still in progress and before its deadline; True if written.

    One statement instead of BEGIN, SELECT ... FOR UPDATE, UPDATE, COMMIT: its sub-select takes
    the same row lock on the attempt as submit, so a concurrent submit either waits for this write (and
    the grader sees the answer) or commits first, and then PostgreSQL re-checks the attempt's
    state under the lock and nothing is written. The ORM cannot put a locking subquery in an
    UPDATE, hence SQL. SQLite has no row locks; its writers are serialized anyway.
    """
    sql = _ANSWER_WRITE_LOCKED if connection.features.has_select_for_update else _ANSWER_WRITE
    answer, at = _written_values(value, now)
    params = [answer, at, response_id, attempt_id, Attempt.State.IN_PROGRESS.value, at]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def _written_values(value: Any, now: datetime) -> tuple[Any, Any]:
    """An answer and its save time as the database takes them (the fields' own preparation)."""
    return (
        Response._meta.get_field("answer").get_db_prep_value(value, connection),
        Response._meta.get_field("saved_at").get_db_prep_value(now, connection),
    )


# What checking and writing several answers needs of each response (``_write_answers``).
_WRITE_FIELDS = ("id", "attempt_id", "question_id", "answer", "saved_at", "question__type", "question__choices")
_LOCKED_ATTEMPT_FIELDS = ("attempt__state", "attempt__deadline", "attempt__user_id")

# What ``response_save`` reads: the row it writes, the attempt's state and deadline, the key-free
# shape of the question (not the stem, the key or the source passage), if the attempt is the
# user's own in a course they are still enrolled in (``still_enrolled``: one enrolment per course
# and user, so the join never repeats a row). Written out, not built by the ORM: building and
# compiling this select_related query over five joins was about a third of an autosave's CPU
# (cProfile of 1,200 saves in-process), and its text never changes.
# The attempt ``a``'s course, joined to the enrolment of the user given as the parameter.
_ENROLLED_JOINS = (
    ' INNER JOIN "quizzes_quiz" z ON a."quiz_id" = z."id"'
    ' INNER JOIN "courseware_module" m ON z."module_id" = m."id"'
    ' INNER JOIN "courseware_enrollment" e ON e."course_id" = m."course_id" AND e."user_id" = %s'
)
_SAVE_READ_SQL = (
    'SELECT r."id", r."attempt_id", r."question_id", a."user_id", a."state", a."deadline", q."type", q."choices", {stamp}'
    ' FROM "quizzes_response" r'
    ' INNER JOIN "quizzes_attempt" a ON r."attempt_id" = a."id"{enrolled}'
    ' INNER JOIN "quizzes_question" q ON r."question_id" = q."id"'
    ' WHERE r."attempt_id" = %s AND r."question_id" = %s AND a."user_id" = %s'
)
# The question row's version on PostgreSQL (as quizzes.services.draws stamps the rows it remembers):
# xmin, the transaction that wrote it, and ctid, where it lies. Any change to the row writes a new one.
_QUESTION_STAMP = 'q."xmin"::text || \'/\' || q."ctid"::text'
_SAVE_READ_STAMPED = _SAVE_READ_SQL.format(stamp=_QUESTION_STAMP, enrolled=_ENROLLED_JOINS)
_SAVE_READ_PLAIN = _SAVE_READ_SQL.format(stamp="NULL", enrolled=_ENROLLED_JOINS)

# The shape of the questions this process's saves have read, by id: (row stamp, type, choices).
# An answer is checked against the shape before it is written, and the write is then one
# statement that writes only if the question row still carries that stamp, on top of the
# checks the read and the conditional write make apart (the student's own attempt, in a course
# they are enrolled in, still open, before its deadline; the same lock on the attempt row). Any
# miss (not remembered, another row version, refused by the check, nothing written) goes the
# two-statement way, which says why. PostgreSQL only: SQLite has no row stamp. Bounded: cleared
# whole past _SAVE_SHAPES_MAX entries (a question is a few hundred bytes of choices).
_SAVE_SHAPES: dict[int, tuple[str, str, Any]] = {}
_SAVE_SHAPES_MAX = 5000

_SAVE_REMEMBERED_TEMPLATE = (
    'UPDATE "quizzes_response" SET "answer" = %s, "saved_at" = %s WHERE "attempt_id" = %s AND "question_id" = %s'
    ' AND "attempt_id" IN (SELECT a."id" FROM "quizzes_attempt" a{enrolled}'
    ' WHERE a."id" = %s AND a."user_id" = %s AND a."state" = %s AND (a."deadline" IS NULL OR a."deadline" > %s) FOR UPDATE OF a)'
    ' AND EXISTS (SELECT 1 FROM "quizzes_question" q WHERE q."id" = %s AND {stamp} = %s)'
    ' RETURNING "id"'
)
_SAVE_REMEMBERED_SQL = _SAVE_REMEMBERED_TEMPLATE.format(enrolled=_ENROLLED_JOINS, stamp=_QUESTION_STAMP)


def save_shapes_forget() -> None:
    """Forget the question shapes this process remembered (tests that count queries from cold)."""
    _SAVE_SHAPES.clear()


def _save_remembered(
    *, attempt_id: int, user_id: int, question_id: int, answer_for: Callable[[str], Any], now: datetime
) -> Response | None:
    """The saved response if one statement could save it (see ``_SAVE_SHAPES``); None otherwise,
    having written nothing."""
    shape = _SAVE_SHAPES.get(question_id)
    if shape is None or row_id(attempt_id) is None:
        return None
    stamp, question_type, choices = shape
    try:
        value = _canonical_answer(question_type, choices, question_id, answer_for(question_type))
    except AnswerRejected:
        return None  # the two-statement way refuses it, in its order (not theirs, closed, unknown, shape)
    answer, at = _written_values(value, now)
    params = [answer, at, attempt_id, question_id, user_id, attempt_id, user_id, Attempt.State.IN_PROGRESS.value, at, question_id, stamp]
    with connection.cursor() as cursor:
        cursor.execute(_SAVE_REMEMBERED_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    response = instance_from_row(Response, ["id", "attempt_id", "question_id"], [row[0], attempt_id, question_id])
    response.answer, response.saved_at = value, now
    return response


def _save_read(*, attempt_id: int, user_id: int, question_id: int) -> Response | None:
    """The response ``response_save`` writes, with its attempt and question (core.rows), or None."""
    if row_id(attempt_id) is None:  # no column holds it (the ORM's lookup finds nothing either)
        return None
    stamped = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(_SAVE_READ_STAMPED if stamped else _SAVE_READ_PLAIN, [user_id, attempt_id, question_id, user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    response_id, attempt_pk, question_pk, owner_id, state, deadline, question_type, choices, stamp = row
    response = instance_from_row(Response, ["id", "attempt_id", "question_id"], [response_id, attempt_pk, question_pk])
    response.attempt = instance_from_row(Attempt, ["id", "user_id", "state", "deadline"], [attempt_pk, owner_id, state, deadline])
    response.question = instance_from_row(Question, ["id", "type", "choices"], [question_pk, question_type, choices])
    if stamp is not None:
        if len(_SAVE_SHAPES) >= _SAVE_SHAPES_MAX:
            _SAVE_SHAPES.clear()
        _SAVE_SHAPES[question_pk] = (stamp, question_type, response.question.choices)  # decoded by the field
    return response


def _checked_answer(response: Response, raw_id: Any, value: Any) -> Any:
    """The canonical form of ``value`` for the response's question, or AnswerRejected; None clears it."""
    return _canonical_answer(response.question.type, response.question.choices, raw_id, value)


def _canonical_answer(question_type: str, choices: Any, raw_id: Any, value: Any) -> Any:
    """``_checked_answer`` for a question's type and choices."""
    if value is None:
        return None
    try:
        return check_answer(type=question_type, choices=choices, response=value)
    except AnswerShapeError as exc:
        raise AnswerRejected(WRONG_SHAPE.format(question_id=raw_id, detail=exc)) from exc


# --- submit --------------------------------------------------------------------------------------


def _submit_locked(attempt: Attempt, now: datetime, *, auto: bool) -> bool:
    """Flip IN_PROGRESS -> SUBMITTED; True if this call did it. The caller holds the row lock."""
    flipped = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
        state=Attempt.State.SUBMITTED, submitted_at=now, auto_submitted=auto
    )
    if flipped:
        attempt.state, attempt.submitted_at, attempt.auto_submitted = Attempt.State.SUBMITTED, now, auto
        attempt_grading_enqueue_on_commit(attempt_id=attempt.pk)
    return bool(flipped)


def attempt_submit(*, attempt: Attempt, user: RequestUser, answers: Mapping[Any, Any] | None = None) -> Attempt:
    """Submit an attempt (optionally saving final answers first).

    Idempotent: submitting an attempt that is already submitted returns it unchanged. After the
    deadline the answers saved so far are submitted automatically and DeadlinePassed is raised,
    so the student learns that the final answers they sent now were not taken.
    """
    check_owner(attempt, user)
    now = timezone.now()
    if not answers and _submit_if_open(attempt, now):
        return attempt
    with transaction.atomic():
        # The row lock makes parallel submits queue up; the first one submits, the others see SUBMITTED.
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.state != Attempt.State.IN_PROGRESS:
            return _synced(attempt, locked)
        expired = attempt_is_expired(attempt=locked, now=now)
        if not expired:
            if answers:
                _write_answers(locked, answers, now)
            _submit_locked(locked, now, auto=False)
            return _synced(attempt, locked)
    attempt_autosubmit(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    raise DeadlinePassed(DEADLINE_PASSED_SUBMITTED)


def _submit_if_open(attempt: Attempt, now: datetime) -> bool:
    """Submit with the answers saved so far in one statement if the attempt is in progress and
    before its deadline; True if this call did it.

    The UPDATE takes the attempt's row lock as the locked read of the slow path does: a
    concurrent answer write either commits first (and is graded) or waits and then finds the
    attempt submitted. Anything else (already submitted, past the deadline) goes the slow path,
    which says what happened.
    """
    flipped = (
        Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .update(state=Attempt.State.SUBMITTED, submitted_at=now, auto_submitted=False)
    )
    if not flipped:
        return False
    attempt.state, attempt.submitted_at, attempt.auto_submitted = Attempt.State.SUBMITTED, now, False
    attempt_grading_enqueue_on_commit(attempt_id=attempt.pk)
    return True


def _synced(attempt: Attempt, locked: Attempt) -> Attempt:
    """Bring the caller's instance up to date with the row we locked, so it does not act on a stale state."""
    for name in ("state", "submitted_at", "auto_submitted", "grading_started_at", "graded_at", "grade_count", "score", "max_score"):
        setattr(attempt, name, getattr(locked, name))
    return attempt


def attempt_autosubmit(*, attempt_id: int) -> bool:
    """Submit an in-progress attempt past its deadline or its quiz's close with the answers saved
    so far; True if it did."""
    now = timezone.now()
    with transaction.atomic():
        # of=self: lock the attempt row only, not the quiz read along with it.
        locked = Attempt.objects.select_for_update(of=("self",)).select_related("quiz").filter(pk=attempt_id).first()
        if locked is None or locked.state != Attempt.State.IN_PROGRESS:
            return False
        if attempt_is_expired(attempt=locked, now=now):
            return _submit_locked(locked, now, auto=True)
        # The quiz's close counts unless this student's accommodation closes later, or an
        # instructor reopened the attempt (its deadline is then the one they gave); read only
        # when the quiz has closed, so the usual path costs nothing more.
        if not deadline_passed(locked.quiz.closes_at, now):
            return False
        if reopened_attempts().filter(pk=locked.pk).exists():
            return False
        accommodation = accommodation_effective(quiz=locked.quiz, user_id=locked.user_id)
        if not deadline_passed(settings_with(quiz=locked.quiz, accommodation=accommodation).closes_at, now):
            return False
        return _submit_locked(locked, now, auto=True)


def attempts_autosubmit_expired(*, batch_size: int = 500) -> list[int]:
    """Submit every in-progress attempt past its deadline, or whose quiz has closed (oldest first,
    in a bounded batch).

    The close counts on its own: a deadline is fixed at start, and a quiz whose close was moved
    (or set) afterwards must not leave attempts open, answering on, while the finished ones
    already see the "after close" review.
    """
    now = timezone.now()
    later_close = attempt_closes_later_q(now=now)
    reopened = AttemptReopening.objects.filter(attempt=OuterRef("pk"))
    ids = list(
        Attempt.objects.filter(
            Q(deadline__lte=now) | (Q(quiz__closes_at__lte=now) & ~later_close & ~Exists(reopened)), state=Attempt.State.IN_PROGRESS
        )
        .order_by("deadline", "id")
        .values_list("id", flat=True)[:batch_size]
    )
    return [attempt_id for attempt_id in ids if attempt_autosubmit(attempt_id=attempt_id)]


def quiz_attempts_close(*, quiz: Quiz) -> list[int]:
    """Apply ``quiz``'s close time to its attempts in progress: none may run past it.

    Their deadlines are brought forward to the close (a later deadline, or none, would let them
    answer on after the close), and if the close has passed they are submitted now with the
    answers saved so far (and graded). Called by whatever changes the close time; the periodic
    auto-submitter catches anything else. Returns the ids submitted.
    """
    if quiz.closes_at is None:
        return []
    # A student whose accommodation sets their own close keeps it (accommodation_save set their deadline).
    # An attempt an instructor reopened keeps the deadline they gave it.
    own_close = attempt_has_own_close_q()
    open_attempts = Attempt.objects.filter(quiz=quiz, state=Attempt.State.IN_PROGRESS).exclude(
        Exists(reopened_attempts().filter(pk=OuterRef("pk")))
    )
    open_attempts.filter(Q(deadline__isnull=True) | Q(deadline__gt=quiz.closes_at)).exclude(own_close).update(deadline=quiz.closes_at)
    if timezone.now() < quiz.closes_at:
        return []
    ids = list(open_attempts.order_by("id").values_list("id", flat=True))
    return [attempt_id for attempt_id in ids if attempt_autosubmit(attempt_id=attempt_id)]


def reopened_attempts() -> QuerySet[Attempt]:
    """Attempts an instructor has reopened: their own deadline rules them, not the quiz's close."""
    return Attempt.objects.filter(Exists(AttemptReopening.objects.filter(attempt=OuterRef("pk"))))
