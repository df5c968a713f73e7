"""Reads of the teaching workflow (issue 17): a student's effective quiz settings, an
instructor's permission-checked fetch of a student's attempt, and what the teaching pages list
(accommodations, overridden marks, reopenings, regrades)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from core.compiled import Compiled
from core.errors import NotFound
from courseware.models import User
from courseware.permissions import RequestUser, is_instructor, is_site_admin
from courseware.selectors import course_get_for_instructor, course_list_taught_by
from quizzes.models import (
    Attempt,
    AttemptReopening,
    Question,
    QuestionBank,
    Quiz,
    QuizAccommodation,
    QuizGroupAccommodation,
    RegradeChange,
    RegradeLog,
    Response,
)
from quizzes.selectors.attempts import attempt_get_for_user
from quizzes.topics import topic_label

REGRADE_NOT_FOUND = "No such regrade."


class AccommodationLike(Protocol):
    """What settings_with reads of an accommodation: a student's own, or the merged effective one."""

    @property
    def extra_time_seconds(self) -> int: ...
    @property
    def opens_at(self) -> datetime | None: ...
    @property
    def closes_at(self) -> datetime | None: ...
    @property
    def extra_attempts(self) -> int: ...


@dataclass(frozen=True)
class EffectiveAccommodation:
    """A student's accommodation for one quiz, their own and their groups' merged (see
    ``accommodation_merge``): zero or None means the quiz's own value."""

    extra_time_seconds: int = 0
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    extra_attempts: int = 0
    own: QuizAccommodation | None = None
    group_names: tuple[str, ...] = ()


def accommodation_merge(*, own: QuizAccommodation | None, groups: Sequence[QuizGroupAccommodation]) -> EffectiveAccommodation | None:
    """One student's effective accommodation from their own and their groups' (no query).

    The rule is Moodle's (``quiz_update_effective_access``): for each setting, the student's own
    accommodation wins where it sets it (a user override beats group overrides, even one that is
    less generous: the instructor decided for that student); where it does not, the most lenient
    of their groups' values counts: the longest extra time, the earliest opening, the latest
    close, the most extra attempts. A student with an own accommodation that grants only a later
    close thus keeps their group's extra time.
    """
    if own is None and not groups:
        return None

    def own_or(value: Any, fallback: Any) -> Any:
        return value if value else fallback

    opens = [g.opens_at for g in groups if g.opens_at]
    closes = [g.closes_at for g in groups if g.closes_at]
    return EffectiveAccommodation(
        extra_time_seconds=own_or(own and own.extra_time_seconds, max((g.extra_time_seconds for g in groups), default=0)),
        opens_at=own_or(own and own.opens_at, min(opens, default=None)),
        closes_at=own_or(own and own.closes_at, max(closes, default=None)),
        extra_attempts=own_or(own and own.extra_attempts, max((g.extra_attempts for g in groups), default=0)),
        own=own,
        group_names=tuple(sorted(g.group.name for g in groups)),
    )


def accommodation_effective(*, quiz: Quiz, user_id: int) -> EffectiveAccommodation | None:
    """``user_id``'s effective accommodation for ``quiz``: their own and their groups' (two queries)."""
    # Neither query keeps the models' default order: ("quiz", "user") and ("quiz", "group")
    # expand to the quiz's module and course titles, three joins a start paid for on every call;
    # there is at most one own row, and the merge does not depend on the groups' order.
    own = _OWN_ACCOMMODATION.first(quiz_id=quiz.pk, user_id=user_id)
    groups = _GROUP_ACCOMMODATIONS.all(quiz_id=quiz.pk, user_id=user_id)
    return accommodation_merge(own=own, groups=groups)


# Read at every start (core.compiled: built and compiled once per process).
_OWN_ACCOMMODATION: Compiled[QuizAccommodation] = Compiled(
    lambda quiz_id, user_id: QuizAccommodation.objects.filter(quiz_id=quiz_id, user_id=user_id).order_by()[:1],
    quiz_id=int,
    user_id=int,
)
_GROUP_ACCOMMODATIONS: Compiled[QuizGroupAccommodation] = Compiled(
    lambda quiz_id, user_id: (
        QuizGroupAccommodation.objects.filter(quiz_id=quiz_id, group__members=user_id).select_related("group").order_by()
    ),
    quiz_id=int,
    user_id=int,
)


def _own_accommodations() -> QuerySet[QuizAccommodation]:
    return QuizAccommodation.objects.filter(quiz=OuterRef("quiz"), user=OuterRef("user"))


def _group_accommodations() -> QuerySet[QuizGroupAccommodation]:
    return QuizGroupAccommodation.objects.filter(quiz=OuterRef("quiz"), group__members=OuterRef("user"))


def attempt_closes_later_q(*, now: datetime) -> Q:
    """Attempts whose student's effective close (their own, else their groups' latest) is after
    ``now``: the auto-submitter leaves them open although the quiz has closed for the others."""
    own = _own_accommodations()
    return Q(Exists(own.filter(closes_at__gt=now))) | (
        ~Q(Exists(own.filter(closes_at__isnull=False))) & Q(Exists(_group_accommodations().filter(closes_at__gt=now)))
    )


def attempt_has_own_close_q() -> Q:
    """Attempts whose student has a close of their own, directly or through a group: moving the
    quiz's close does not move their deadline (accommodation_save set it)."""
    return Q(Exists(_own_accommodations().filter(closes_at__isnull=False))) | Q(
        Exists(_group_accommodations().filter(closes_at__isnull=False))
    )


@dataclass(frozen=True)
class EffectiveSettings:
    """The quiz's open/close times, time limit and attempt limit as they apply to one student."""

    opens_at: datetime | None
    closes_at: datetime | None
    time_limit_seconds: int | None
    attempts_allowed: int | None
    accommodation: AccommodationLike | None = None

    def deadline_for(self, started_at: datetime) -> datetime | None:
        """Start + time limit, capped by the close time; None when neither applies."""
        candidates = []
        if self.time_limit_seconds:
            # A limit beyond the calendar (stored before quiz_validate_settings capped it at 7 days)
            # ends after any close time: it limits nothing, and must not break the start.
            with contextlib.suppress(OverflowError):
                candidates.append(started_at + timedelta(seconds=self.time_limit_seconds))
        if self.closes_at:
            candidates.append(self.closes_at)
        return min(candidates) if candidates else None


def settings_with(*, quiz: Quiz, accommodation: AccommodationLike | None) -> EffectiveSettings:
    """``quiz``'s settings with ``accommodation`` (a student's own, or the effective one of
    ``accommodation_effective``) folded in (no query)."""
    if accommodation is None:
        return EffectiveSettings(quiz.opens_at, quiz.closes_at, quiz.time_limit_seconds, quiz.attempts_allowed)
    limit = quiz.time_limit_seconds
    if limit:
        limit += accommodation.extra_time_seconds
    allowed = quiz.attempts_allowed
    if allowed is not None:
        allowed += accommodation.extra_attempts
    return EffectiveSettings(
        opens_at=accommodation.opens_at or quiz.opens_at,
        closes_at=accommodation.closes_at or quiz.closes_at,
        time_limit_seconds=limit,
        attempts_allowed=allowed,
        accommodation=accommodation,
    )


def quiz_settings_for(*, quiz: Quiz, user: RequestUser) -> EffectiveSettings:
    """The one place a student's effective settings are computed: their own accommodation and
    their groups' (two queries, none for anonymous users)."""
    accommodation = None
    if isinstance(user, User):  # signed in
        accommodation = accommodation_effective(quiz=quiz, user_id=user.pk)
    return settings_with(quiz=quiz, accommodation=accommodation)


def attempt_get_for_instructor(*, user: RequestUser, attempt_id: int) -> Attempt:
    """A student's attempt for an instructor of its course (or an admin); NotFound for anyone else,
    the attempt's own student included (they act on it through the student pages)."""
    attempt = attempt_get_for_user(user=user, attempt_id=attempt_id)
    course_get_for_instructor(user=user, course_id=attempt.quiz.module.course_id)
    return attempt


def attempt_reopenings(*, attempt: Attempt) -> list[AttemptReopening]:
    """The attempt's reopenings, newest first, with who reopened it (for the instructor's view)."""
    return list(AttemptReopening.objects.filter(attempt=attempt).select_related("reopened_by").order_by("-reopened_at"))


def accommodation_list(*, quiz: Quiz) -> QuerySet[QuizAccommodation]:
    """A quiz's accommodations with their students and grantors, by student name."""
    return QuizAccommodation.objects.filter(quiz=quiz).select_related("user", "granted_by").order_by("user__last_name", "user__username")


def accommodation_get(*, quiz: Quiz, user_id: int) -> QuizAccommodation | None:
    return QuizAccommodation.objects.filter(quiz=quiz, user_id=user_id).select_related("user").first()


def group_accommodation_list(*, quiz: Quiz) -> QuerySet[QuizGroupAccommodation]:
    """A quiz's group accommodations with their groups (and member counts) and grantors, by group name."""
    return (
        QuizGroupAccommodation.objects.filter(quiz=quiz)
        .select_related("group", "granted_by")
        .annotate(member_count=Count("group__members"))
        .order_by("group__name")
    )


def group_accommodation_get(*, quiz: Quiz, group_id: int) -> QuizGroupAccommodation | None:
    return QuizGroupAccommodation.objects.filter(quiz=quiz, group_id=group_id).select_related("group").first()


def attempt_overrides(*, attempt: Attempt) -> dict[int, dict[str, Any]]:
    """The attempt's overridden marks by position, with who overrode them."""
    rows = Response.objects.filter(attempt=attempt, override_points__isnull=False).values(
        "position", "override_points", "overridden_by__username"
    )
    return {row["position"]: dict(row) for row in rows}


def regrade_log_for_instructor(*, user: RequestUser, log_id: int) -> tuple[RegradeLog, list[RegradeChange]]:
    """A regrade and the changes it made that ``user`` may see: an admin all of them, an
    instructor those in the courses they teach; NotFound for no such regrade, and for a regrade of
    a course's bank they do not teach."""
    log = RegradeLog.objects.select_related("question", "question__bank", "changed_by").filter(pk=log_id).first()
    if log is None:
        raise NotFound(REGRADE_NOT_FOUND)
    changes = RegradeChange.objects.filter(log=log).select_related("attempt__user", "attempt__quiz", "response")
    if not is_site_admin(user):
        taught = course_list_taught_by(user=user)
        if log.question.bank.course_id is not None and not taught.filter(pk=log.question.bank.course_id).exists():
            raise NotFound(REGRADE_NOT_FOUND)
        changes = changes.filter(attempt__quiz__module__course__in=taught)
    return log, list(changes.order_by("attempt__user__username", "attempt__number"))


def bank_regrade_logs(*, bank: QuestionBank) -> QuerySet[RegradeLog]:
    """A bank's regrades, newest first, each with how many responses it changed."""
    return RegradeLog.objects.filter(question__bank=bank).select_related("question", "changed_by").annotate(changed=Count("changes"))


def bank_topic_choices(*, bank_ids: Sequence[int], keep: Sequence[tuple[int | None, str]] = ()) -> dict[int, list[dict[str, Any]]]:
    """Per bank, its topics with how many approved questions each holds (the quiz editor's topic
    select: instructors pick a topic by its label instead of typing its slug, walk-through #15).
    ``keep``: (bank, topic) pairs already chosen, listed even when no approved question has them
    now, so an edit does not silently drop them. One query."""
    rows = (
        Question.objects.filter(bank_id__in=bank_ids, is_current=True, status=Question.Status.APPROVED)
        .exclude(topic="")
        .values("bank_id", "topic")
        .annotate(approved=Count("id"))
        .order_by()
    )
    found: dict[int, dict[str, int]] = {bank_id: {} for bank_id in bank_ids}
    for row in rows:
        found[row["bank_id"]][row["topic"]] = row["approved"]
    for bank_id, topic in keep:
        if bank_id in found and topic:
            found[bank_id].setdefault(topic, 0)
    return {
        bank_id: sorted(
            ({"slug": slug, "label": topic_label(slug), "approved": n} for slug, n in topics.items()), key=lambda t: t["label"].lower()
        )
        for bank_id, topics in found.items()
    }


def questions_to_retire(*, bank: QuestionBank, question_ids: Sequence[int]) -> list[tuple[Question, int]]:
    """The review page's selected questions that retiring would change (current, in ``bank``, not
    retired yet), each with how many attempts answered any version of it: what the instructor
    reads before confirming a bulk retirement. Two queries."""
    questions = list(
        Question.objects.filter(bank=bank, pk__in=list(question_ids), is_current=True)
        .exclude(status=Question.Status.RETIRED)
        .order_by("pk")
    )
    roots = [q.root_id_or_self for q in questions]
    answered = dict(
        Response.objects.filter(Q(question_id__in=roots) | Q(question__root_id__in=roots))
        .annotate(root=Coalesce("question__root_id", "question_id"))
        .values("root")
        .annotate(attempts=Count("attempt_id", distinct=True))
        .values_list("root", "attempts")
        .order_by()
    )
    return [(q, answered.get(q.root_id_or_self, 0)) for q in questions]


def questions_selected(*, bank: QuestionBank, question_ids: Sequence[int]) -> list[Question]:
    """The review page's selected questions that a bulk change applies to: current, in ``bank``."""
    return list(Question.objects.filter(bank=bank, pk__in=list(question_ids), is_current=True).order_by("pk"))


def banks_to_move_to(*, user: RequestUser, bank: QuestionBank) -> list[QuestionBank]:
    """The banks other than ``bank`` that ``user`` may change, by name: where a bulk move can take
    questions (``bank_can_change``'s rule, in one query)."""
    banks = QuestionBank.objects.exclude(pk=bank.pk).select_related("course").order_by("name")
    if is_site_admin(user):
        return list(banks)
    if not is_instructor(user):
        return []
    return list(banks.filter(course__in=course_list_taught_by(user=user)))
